namespace DoiThoai.LoadTool;

/// <summary>
/// The slowest 1% of a burst's submissions (submit → the last seat), each put down to what stood still while it
/// travelled: a GC pause of the server, one of the tool itself (its phones and seats share the machine), a slow commit
/// of the app (the batch ahead of it, or its own, waited on the disk), or none of these. The p99 is the fastest of them,
/// so this says what the p99 is made of. A stall counts when it held the submission for at least a quarter of its time
/// (a long stall of something else always overlaps some short one).
/// </summary>
public sealed record SlowestPercent(int Count, double FromMs, int WithServerGc, int WithToolGc, int BehindSlowCommit, int WithNone)
{
    /// <summary>A commit this long is slow: a batch's commit usually takes 1-2 ms, most of it the fsync.</summary>
    public const double SlowCommitMs = 10;

    /// <param name="submissions">When each was sent (ms from the burst's start) and how long until the last seat heard it.</param>
    /// <param name="commits">The app's commits in the burst (empty for the floor; null when they could not be heard).</param>
    public static SlowestPercent? Explain(IReadOnlyList<(double SentMs, double SeatMs)> submissions,
        IReadOnlyList<GcPauses.Pause>? serverPauses, IReadOnlyList<GcPauses.Pause>? toolPauses, IReadOnlyList<GcPauses.Commit>? commits)
    {
        if (submissions.Count == 0 || serverPauses is null || toolPauses is null || commits is null) return null;
        var slowest = submissions.OrderByDescending(s => s.SeatMs).Take(Math.Max(1, submissions.Count / 100)).ToList();
        static bool Held(IEnumerable<(double AtMs, double Milliseconds)> stalls, (double SentMs, double SeatMs) s) =>
            stalls.Sum(p => Math.Max(0, Math.Min(p.AtMs + p.Milliseconds, s.SentMs + s.SeatMs) - Math.Max(p.AtMs, s.SentMs))) >= s.SeatMs / 4;
        var serverGcs = serverPauses.Where(p => p.ForGc).Select(p => (p.AtMs, p.Milliseconds)).ToList();
        var toolGcs = toolPauses.Where(p => p.ForGc).Select(p => (p.AtMs, p.Milliseconds)).ToList();
        var slowCommits = commits.Where(c => c.Milliseconds >= SlowCommitMs).Select(c => (c.AtMs, c.Milliseconds)).ToList();
        var server = slowest.Count(s => Held(serverGcs, s));
        var tool = slowest.Count(s => Held(toolGcs, s));
        var commit = slowest.Count(s => Held(slowCommits, s));
        var none = slowest.Count(s => !Held(serverGcs, s) && !Held(toolGcs, s) && !Held(slowCommits, s));
        return new SlowestPercent(slowest.Count, slowest.Min(s => s.SeatMs), server, tool, commit, none);
    }
}
