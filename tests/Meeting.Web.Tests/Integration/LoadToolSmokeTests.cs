using DoiThoai.LoadTool;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// CI's short run of the load tool (tools/LoadTool): 20 phones and 2 staff seats against the real app as a child
/// process, and the same against the bare SignalR floor. Figures belong to the tool's report and the README; this test
/// fails only on errors or on requests lost or stored twice — never on timings.
/// </summary>
public sealed class LoadToolSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_run_has_no_errors_and_every_seat_sees_every_accepted_request_once()
    {
        var options = LoadOptions.ForScenario("smoke") with
        {
            WorkDirectory = Path.Combine(AppContext.BaseDirectory, "test-data", "load-" + Guid.NewGuid().ToString("N")[..8]),
            WarmupSubmissions = 2,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var report = await LoadRun.RunAsync(options, new OutputWriter(output), timeout.Token);
        output.WriteLine(Report.Table(report));

        Assert.Equal(["DoiThoai", "floor"], report.Targets.Select(t => t.Target));
        foreach (var target in report.Targets)
        {
            Assert.True(target.Errors == 0, $"{target.Target}: {string.Join("; ", target.ErrorKinds.Select(e => $"{e.Key}: {e.Value}"))}");
            // With the smoke's raised limits nothing is refused: every submission is accepted, and every staff seat saw it.
            Assert.Equal(options.Phones, target.Accepted);
            Assert.Equal(0, target.LostOnSeats);
            Assert.Equal(options.Phones * options.StaffPerMeeting, target.SubmitToSeatMs.Count);
        }
        var app = report.Targets[0];
        // Counted in the app's database afterwards: one request per accepted submission, none missing, none twice.
        Assert.Equal(app.Accepted, app.StoredRequests);
        Assert.Equal(0, app.LostInStore);
        Assert.Equal(0, app.DuplicatesInStore);
        Assert.True(report.Passed);
    }

    private sealed class OutputWriter(ITestOutputHelper output) : StringWriter
    {
        public override void WriteLine(string? value) => output.WriteLine(value ?? "");
    }
}
