using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Operations;

/// <summary>/metrics in Prometheus' text format, scraped over HTTP after real commands and a real hub connection.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Commands_commits_feed_lag_and_open_phone_connections_are_counted()
    {
        await using var app = new TestApp();
        var code = (await app.DemoMeetingAsync()).PublicCode;
        using var scrape = app.CreateClient(new() { AllowAutoRedirect = false });
        var before = Value(await ScrapeAsync(scrape), "doithoai_commands_total", "outcome=\"committed\"");

        using var phone = new PhoneClient(app);
        await phone.SubmitAsync(code);
        await phone.SubmitAsync(code, PhoneClient.Typed(name: "Trần Thị Bình"));
        await using var hub = app.HubClient();
        await hub.StartAsync();

        var text = await ScrapeAsync(scrape);
        Assert.True(Value(text, "doithoai_commands_total", "outcome=\"committed\"") >= before + 2);
        Assert.True(Value(text, "doithoai_commit_duration_seconds_count", "") >= 2);
        Assert.True(Value(text, "doithoai_feed_lag_seconds_count", "") >= 2);
        Assert.Equal(1, Value(text, "doithoai_hub_connections", "kind=\"phone\""));
        Assert.Contains("doithoai_seats", text);

        await hub.StopAsync();
        await Task.Delay(300);
        Assert.Equal(0, Value(await ScrapeAsync(scrape), "doithoai_hub_connections", "kind=\"phone\""));
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        // The exporter keeps one scrape for a short while: ask until the answer is fresh.
        await Task.Delay(400);
        using var answer = await http.GetAsync(LiveMetrics.Path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>The sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; 0 when there is none.</summary>
    private static double Value(string text, string name, string label)
    {
        foreach (Match sample in Sample().Matches(text))
            if (sample.Groups["name"].Value == name && sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
