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
    public void The_app_runs_with_workstation_GC_and_without_tiered_PGO()
    {
        var folder = Path.GetDirectoryName(typeof(DoiThoai.Web.Live.MeetingCommands).Assembly.Location)!;
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "Meeting.Web.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    [Fact]
    public void The_gen0_budget_the_runtime_reads_only_from_the_environment_ships_beside_the_app_and_run_sh_exports_it()
    {
        var folder = Path.GetDirectoryName(typeof(DoiThoai.Web.Live.MeetingCommands).Assembly.Location)!;
        var settings = File.ReadLines(Path.Combine(folder, "runtime.env"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

        Assert.Equal(8 * 1024 * 1024, Convert.ToInt64(settings["DOTNET_GCgen0size"], 16));
        // The load tool measures the app as run.sh starts it.
        Assert.Equal(settings["DOTNET_GCgen0size"], DoiThoai.LoadTool.Targets.RuntimeEnvironment(Path.Combine(folder, "Meeting.Web.dll"))["DOTNET_GCgen0size"]);
        var runSh = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "run.sh"));
        Assert.Contains("done < \"$out/runtime.env\"", runSh);
        Assert.Contains("exec dotnet \"$app\"", runSh);
    }
}
