using System.Text.Json;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// The runtime settings the burst figures depend on (docs/live-sync.md): they live in the app's runtimeconfig, where a
/// later csproj edit could silently drop them.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_app_runs_with_server_GC_on_its_own_budget_without_tiered_PGO_or_thread_pool_spinning()
    {
        var properties = RuntimeConfigProperties();

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        // 0: not DATAS, whose small adaptive budget collected 30-40 times in a 2,000-phone burst.
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        // Idle pool threads do not spin: 30% of the burst's samples on two cores.
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void No_gen0_budget_is_set_beside_the_app_and_run_sh_and_the_load_tool_still_pass_on_what_is()
    {
        var folder = Path.GetDirectoryName(typeof(DoiThoai.Web.Live.MeetingCommands).Assembly.Location)!;
        var settings = File.ReadLines(Path.Combine(folder, "runtime.env"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2)[0])
            .ToList();
        // A small gen0 budget would bring the many short pauses back under the server GC.
        Assert.DoesNotContain(settings, key => key.StartsWith("DOTNET_GCgen0", StringComparison.OrdinalIgnoreCase));

        // The load tool measures the app as run.sh starts it: a setting in the file reaches the app.
        var other = Directory.CreateTempSubdirectory("runtime-env-");
        try
        {
            File.WriteAllLines(Path.Combine(other.FullName, "runtime.env"), ["# a comment", "", "DOTNET_LoadToolProbe=0x10"]);
            var passed = DoiThoai.LoadTool.Targets.RuntimeEnvironment(Path.Combine(other.FullName, "Meeting.Web.dll"));
            Assert.Equal("0x10", Assert.Single(passed).Value);
        }
        finally
        {
            other.Delete(recursive: true);
        }
        var runSh = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "run.sh"));
        Assert.Contains("done < \"$out/runtime.env\"", runSh);
        Assert.Contains("exec dotnet \"$app\"", runSh);
    }

    private static JsonElement RuntimeConfigProperties()
    {
        var folder = Path.GetDirectoryName(typeof(DoiThoai.Web.Live.MeetingCommands).Assembly.Location)!;
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "Meeting.Web.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
