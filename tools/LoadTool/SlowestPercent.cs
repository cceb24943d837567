namespace DoiThoai.LoadTool;

/// <summary>
/// The slowest 1% of a burst's submissions (submit → the last seat), each put down to what stood still while it
/// travelled: a GC pause of the server, one of the tool itself (its phones and seats share the machine), or neither.
/// The p99 is the fastest of them, so this says what the p99 is made of. A pause counts when it held the submission
/// for at least a quarter of its time.
/// </summary>
public sealed record SlowestPercent(int Count, double FromMs, int WithServerGc, int WithToolGc, int WithNeither)
{
    /// <param name="submissions">When each was sent (ms from the burst's start) and how long until the last seat heard it.</param>
    public static SlowestPercent? Explain(IReadOnlyList<(double SentMs, double SeatMs)> submissions,
        IReadOnlyList<GcPauses.Pause>? serverPauses, IReadOnlyList<GcPauses.Pause>? toolPauses)
    {
        if (submissions.Count == 0 || serverPauses is null || toolPauses is null) return null;
        var slowest = submissions.OrderByDescending(s => s.SeatMs).Take(Math.Max(1, submissions.Count / 100)).ToList();
        // A pause counts when it held the submission for at least a quarter of its time: a long stall of something else
        // always overlaps some short pause.
        static bool During(IReadOnlyList<GcPauses.Pause> pauses, (double SentMs, double SeatMs) s) =>
            pauses.Where(p => p.ForGc).Sum(p => Math.Max(0, Math.Min(p.AtMs + p.Milliseconds, s.SentMs + s.SeatMs) - Math.Max(p.AtMs, s.SentMs)))
            >= s.SeatMs / 4;
        var server = slowest.Count(s => During(serverPauses, s));
        var tool = slowest.Count(s => During(toolPauses, s));
        var neither = slowest.Count(s => !During(serverPauses, s) && !During(toolPauses, s));
        return new SlowestPercent(slowest.Count, slowest.Min(s => s.SeatMs), server, tool, neither);
    }
}
