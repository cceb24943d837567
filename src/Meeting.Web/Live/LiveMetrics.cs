using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;

namespace DoiThoai.Web.Live;

/// <summary>
/// The live path's figures as .NET metrics (meter "DoiThoai"), exported by OpenTelemetry on /metrics in Prometheus'
/// text format: commands by outcome, commit time, how late the feed delivers a change, hub connections (phones and
/// staff) and Blazor seats following a meeting.
/// </summary>
public sealed class LiveMetrics
{
    public const string MeterName = "DoiThoai";
    /// <summary>The Prometheus scraping endpoint.</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// Buckets for durations in seconds, from half a millisecond (a batch's commit is ~1-2 ms) to 10 s. Without them the
    /// exporter's defaults (0, 5, 10 … 10,000, meant for milliseconds) put every commit in the first bucket.
    /// </summary>
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _commitSeconds;
    private readonly Histogram<double> _feedLagSeconds;
    private readonly UpDownCounter<long> _hubConnections;
    private readonly Counter<long> _storedDirectly;

    public LiveMetrics(IMeterFactory meters, MeetingSnapshots seats)
    {
        var meter = meters.Create(MeterName);
        _commands = meter.CreateCounter<long>("doithoai.commands", "{command}",
            "Commands on meetings by outcome: committed, refused (a rule said no) or failed.");
        _commitSeconds = meter.CreateHistogram("doithoai.commit.duration", "s",
            "One batch's transaction, from BEGIN to COMMIT.", advice: Seconds);
        _feedLagSeconds = meter.CreateHistogram("doithoai.feed.lag", "s",
            "From the command's clock reading to the feed handing its change to the node's listeners and hub.", advice: Seconds);
        _hubConnections = meter.CreateUpDownCounter<long>("doithoai.hub.connections", "{connection}",
            "Open hub connections: phones (no sign-in) and staff.");
        _storedDirectly = meter.CreateCounter<long>("doithoai.rows.stored_directly", "{row}",
            "Rows of phones' batches stored with plain INSERTs and UPDATEs instead of EF's save (DirectWrites).");
        meter.CreateObservableGauge("doithoai.seats", () => (long)seats.Followers, "{seat}",
            "Blazor seats (chair, secretary, reception, projector…) following a meeting on this node.");
    }

    /// <summary>Counts a command's outcome as its caller receives it.</summary>
    public CommandResult<T> Counted<T>(CommandResult<T> result)
    {
        var outcome = result.Ok ? "committed" : result.Error == MeetingCommands.SaveFailed ? "failed" : "refused";
        _commands.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        return result;
    }

    /// <param name="disk">The COMMIT alone: SQLite's fsync of the log, the disk's share of <paramref name="took"/>.</param>
    public void Commit(int commands, TimeSpan took, TimeSpan disk)
    {
        _commitSeconds.Record(took.TotalSeconds);
        CommitEvents.Log.Committed(commands, took.TotalMilliseconds, disk.TotalMilliseconds);
    }

    public void StoredDirectly(int rows) => _storedDirectly.Add(rows);

    public void Delivered(TimeSpan lag) => _feedLagSeconds.Record(Math.Max(0, lag.TotalSeconds));

    public void HubConnected(bool staff) => _hubConnections.Add(1, Kind(staff));

    public void HubDisconnected(bool staff) => _hubConnections.Add(-1, Kind(staff));

    private static KeyValuePair<string, object?> Kind(bool staff) => new("kind", staff ? "staff" : "phone");
}

/// <summary>
/// Each batch's commit as a runtime event (EventSource "DoiThoai-Commits"), with its time: a histogram says how many
/// commits were slow, this says when. The load tool reads it from the app's diagnostics port to tell which of a burst's
/// slowest submissions queued behind a slow disk write; dotnet-trace reads it too. Nothing is written without a listener.
/// </summary>
[EventSource(Name = SourceName)]
public sealed class CommitEvents : EventSource
{
    public const string SourceName = "DoiThoai-Commits";
    public const int CommittedId = 1;
    public static readonly CommitEvents Log = new();

    private CommitEvents()
    {
    }

    /// <summary>One batch stored: its commands, the whole transaction and the COMMIT alone (the disk), in ms.</summary>
    [Event(CommittedId, Level = EventLevel.Informational)]
    public void Committed(int commands, double milliseconds, double diskMilliseconds)
    {
        if (IsEnabled()) WriteEvent(CommittedId, commands, milliseconds, diskMilliseconds);
    }
}
