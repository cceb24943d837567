using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Net;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Operations;

/// <summary>
/// The live metrics after real commands and a real hub connection: counted from this app's own meter (other apps of
/// the test run share the process, and /metrics aggregates every meter of that name in it), and served on /metrics.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Commands_commits_feed_lag_and_open_phone_connections_are_counted_and_served()
    {
        await using var app = new TestApp();
        var code = (await app.DemoMeetingAsync()).PublicCode;
        var figures = new Figures(app.Services.GetRequiredService<IMeterFactory>());

        using var phone = new PhoneClient(app);
        await phone.SubmitAsync(code);
        await phone.SubmitAsync(code, PhoneClient.Typed(name: "Trần Thị Bình"));
        await using var hub = app.HubClient();
        await hub.StartAsync();

        Assert.True(figures.Committed >= 2, $"{figures.Committed} committed commands counted");
        Assert.True(figures.Commits >= 1, "commit durations recorded");
        Assert.True(figures.Deliveries >= 1, "feed lags recorded");
        // The client's start completes with the handshake; the server counts the connection just after it.
        for (var i = 0; i < 50 && figures.PhoneConnections != 1; i++) await Task.Delay(100);
        Assert.Equal(1, figures.PhoneConnections);
        using var scrape = app.CreateClient(new() { AllowAutoRedirect = false });
        using var answer = await scrape.GetAsync(LiveMetrics.Path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        foreach (var series in new[] { "doithoai_commands_total", "doithoai_commit_duration_seconds_count", "doithoai_feed_lag_seconds_count",
                     "doithoai_hub_connections", "doithoai_seats" })
            Assert.Contains(series, text);
        // Durations in seconds have buckets in seconds: a millisecond commit is told apart from a slow one.
        Assert.Contains("doithoai_commit_duration_seconds_bucket{otel_scope_name=\"DoiThoai\",le=\"0.005\"}", text);
        Assert.Contains("doithoai_feed_lag_seconds_bucket{otel_scope_name=\"DoiThoai\",le=\"0.005\"}", text);
        Assert.DoesNotContain("doithoai_commit_duration_seconds_bucket{otel_scope_name=\"DoiThoai\",le=\"10000\"}", text);

        await hub.StopAsync();
        for (var i = 0; i < 50 && figures.PhoneConnections != 0; i++) await Task.Delay(100);
        Assert.Equal(0, figures.PhoneConnections);
        figures.Dispose();
    }

    [Fact]
    public async Task Each_commit_is_an_event_with_its_commands_its_time_and_the_disks_share()
    {
        await using var app = new TestApp();
        var code = (await app.DemoMeetingAsync()).PublicCode;
        using var listener = new CommitListener();

        using var phone = new PhoneClient(app);
        await phone.SubmitAsync(code);

        // Other apps of the test run commit in this process too: at least this phone's batch was heard.
        var heard = listener.Heard();
        Assert.NotEmpty(heard);
        Assert.All(heard, e =>
        {
            Assert.True(e.Commands >= 1, $"{e.Commands} commands");
            Assert.InRange(e.DiskMilliseconds, 0, e.Milliseconds);
        });
    }

    /// <summary>Hears <see cref="CommitEvents"/> in this process, as the load tool does over the diagnostics port.</summary>
    private sealed class CommitListener : EventListener
    {
        private readonly List<(int Commands, double Milliseconds, double DiskMilliseconds)> _heard = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == CommitEvents.SourceName) EnableEvents(source, EventLevel.Informational);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventId != CommitEvents.CommittedId || e.Payload is not [var commands, var took, var disk]) return;
            lock (_heard) _heard.Add(((int)commands!, (double)took!, (double)disk!));
        }

        public List<(int Commands, double Milliseconds, double DiskMilliseconds)> Heard()
        {
            lock (_heard) return [.. _heard];
        }
    }

    /// <summary>Measurements of the DoiThoai meter made by one app's meter factory.</summary>
    private sealed class Figures : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _committed, _phones, _commits, _deliveries;

        public Figures(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LiveMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "doithoai.commands" && Has(tags, "outcome", "committed")) Interlocked.Add(ref _committed, value);
                if (instrument.Name == "doithoai.hub.connections" && Has(tags, "kind", "phone")) Interlocked.Add(ref _phones, value);
            });
            _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
            {
                if (instrument.Name == "doithoai.commit.duration") Interlocked.Increment(ref _commits);
                if (instrument.Name == "doithoai.feed.lag") Interlocked.Increment(ref _deliveries);
            });
            _listener.Start();
        }

        public long Committed => Interlocked.Read(ref _committed);
        public long PhoneConnections => Interlocked.Read(ref _phones);
        public long Commits => Interlocked.Read(ref _commits);
        public long Deliveries => Interlocked.Read(ref _deliveries);

        private static bool Has(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key, string value)
        {
            foreach (var tag in tags)
                if (tag.Key == key && Equals(tag.Value, value)) return true;
            return false;
        }

        public void Dispose() => _listener.Dispose();
    }
}
