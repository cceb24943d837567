using DoiThoai.LoadTool;

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
