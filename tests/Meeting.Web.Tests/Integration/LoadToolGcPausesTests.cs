using DoiThoai.LoadTool;
using DoiThoai.Web.Live;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// The load tool's GC listener (tools/LoadTool/GcPauses.cs) on this test's own process: it must read its event stream
/// on a thread of its own — on two cores two readers on pool threads made the tool's phones and seats wait 0.8–0.9 s
/// for the pool to grow — and it must split a pause into its phases.
/// </summary>
public sealed class LoadToolGcPausesTests
{
    [Fact]
    public async Task The_listener_reads_on_its_own_thread_and_times_a_collections_phases()
    {
        await using var pauses = GcPauses.TryStart(Environment.ProcessId, allocations: false);
        Assert.NotNull(pauses);
        Assert.False(await pauses.ReadsOnPoolThreadAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        pauses.CountFrom(DateTime.Now.AddSeconds(-1));
        // The session needs a moment before the runtime sends it anything.
        await Task.Delay(500);
        for (var i = 0; i < 3; i++) GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        await Task.Delay(500);
        var seen = await pauses.StopAsync();

        var gen0 = seen.Where(p => p.ForGc && p.Generation == 0).ToList();
        Assert.NotEmpty(gen0);
        foreach (var pause in gen0)
        {
            Assert.NotNull(pause.Phases);
            // A gen-0 collection stops the threads, marks from their stacks and from the older generations' cards,
            // then plans and copies: each phase named by the event that ends it, none negative, together the pause.
            foreach (var phase in new[] { "suspend", "stack", "older", "plan+copy", "restart" }) Assert.Contains(phase, pause.Phases.Keys);
            Assert.All(pause.Phases, p => Assert.True(p.Value >= 0, $"{p.Key}: {p.Value} ms"));
            Assert.Equal(pause.Milliseconds, pause.Phases.Values.Sum(), 0.01);
        }
    }

    [Fact]
    public async Task The_listener_hears_the_apps_commits_timed_from_their_begin()
    {
        await using var listener = GcPauses.TryStart(Environment.ProcessId, allocations: false);
        Assert.NotNull(listener);
        var origin = DateTime.Now.AddSeconds(-1);
        listener.CountFrom(origin);
        await Task.Delay(500);
        CommitEvents.Log.Committed(3, 42.5, 40.25);
        var logged = (DateTime.Now - origin).TotalMilliseconds;
        await Task.Delay(500);
        await listener.StopAsync();

        // Other tests' apps may commit in this process meanwhile: this one is told apart by its figures.
        var commit = Assert.Single(listener.Commits(), c => c.Commands == 3 && c.Milliseconds == 42.5);
        Assert.Equal(40.25, commit.DiskMilliseconds);
        // Heard when it ended; it began its time before.
        Assert.InRange(commit.AtMs, logged - 42.5 - 250, logged - 42.5 + 50);
    }

    [Fact]
    public void The_slowest_submissions_are_put_down_to_a_slow_commit_they_queued_behind()
    {
        // 200 submissions 5 ms apart taking 3 ms, but the two sent at 500 and 505 ms waited for a 60 ms commit from 498 ms.
        var submissions = Enumerable.Range(0, 200).Select(i => (SentMs: i * 5.0, SeatMs: i is 100 or 101 ? 60.0 - (i - 100) * 5 : 3.0)).ToList();
        var noPauses = new List<GcPauses.Pause>();
        var slow = SlowestPercent.Explain(submissions, noPauses, noPauses, [new GcPauses.Commit(498, 1, 60, 58), new GcPauses.Commit(0, 1, 2, 1)]);
        Assert.NotNull(slow);
        Assert.Equal((2, 2, 0), (slow.Count, slow.BehindSlowCommit, slow.WithNone));

        // A commit under the threshold explains nothing, and the floor (no commits) says none of these.
        var fast = SlowestPercent.Explain(submissions, noPauses, noPauses, [new GcPauses.Commit(498, 1, SlowestPercent.SlowCommitMs - 1, 5)]);
        Assert.Equal((0, 2), (fast!.BehindSlowCommit, fast.WithNone));
        Assert.Equal(2, SlowestPercent.Explain(submissions, noPauses, noPauses, [])!.WithNone);
        Assert.Null(SlowestPercent.Explain(submissions, noPauses, noPauses, null));
    }

    [Fact]
    public void Mark_events_are_named_by_the_runtimes_root_kinds()
    {
        // The runtime's numbering (gc.h, GC_ROOT_KIND): 0 stack, 1 finalize queue, 2 handles, 3 older generations' cards,
        // 6 dependent handles, 9 a background GC's roots.
        Assert.Equal("stack", GcPauses.Pause.MarkPhase(0));
        Assert.Equal("finalizer", GcPauses.Pause.MarkPhase(1));
        Assert.Equal("handles", GcPauses.Pause.MarkPhase(2));
        Assert.Equal("older", GcPauses.Pause.MarkPhase(3));
        Assert.Equal("dependent", GcPauses.Pause.MarkPhase(6));
        Assert.Equal("bgc", GcPauses.Pause.MarkPhase(9));
        Assert.Equal("other", GcPauses.Pause.MarkPhase(10));
        Assert.Equal(GcPauses.Pause.PhaseNames.Length, GcPauses.Pause.PhaseNames.Distinct().Count());
    }
}
