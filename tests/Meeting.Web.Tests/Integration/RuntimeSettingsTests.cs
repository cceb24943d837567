using System.Text.Json;

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
}
