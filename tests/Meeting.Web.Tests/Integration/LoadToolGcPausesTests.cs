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
            Assert.Contains("stack", pause.Phases.Keys);
            Assert.Contains("plan+copy", pause.Phases.Keys);
            // The phases are parts of the pause: together never longer than it.
            Assert.True(pause.Phases.Values.Sum() <= pause.Milliseconds + 0.01, $"{pause.Phases.Values.Sum()} > {pause.Milliseconds}");
        }
    }
}
