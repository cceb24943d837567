using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DoiThoai.LoadTool;

public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One table per scenario: metric | DoiThoai | floor | ratio (DoiThoai ÷ floor).</summary>
    public static string Table(RunReport report)
    {
        var o = report.Options;
        var app = report.Targets.FirstOrDefault(t => t.Target == "DoiThoai");
        var floor = report.Targets.FirstOrDefault(t => t.Target == "floor");
        var sb = new StringBuilder();
        sb.AppendLine($"Scenario {o.Scenario}: {o.Phones} phones ({o.SubmitterCount} submit over {o.Seconds.ToString("0.#", Inv)} s), "
            + $"{o.StaffPerMeeting} staff seat(s) × {o.Meetings} meeting(s); limits per device/meeting: "
            + $"{o.PerDevicePerMinute?.ToString(Inv) ?? "app default"}/{o.PerMeetingPerMinute?.ToString(Inv) ?? "app default"} per minute; "
            + $"commit {report.Commit}; {report.StartedAt:yyyy-MM-dd HH:mm}; {Environment.ProcessorCount} cores, load average {report.LoadAverage}; "
            + $"{o.WarmupSubmissions} warm-up submissions first"
            + (o.Nodes > 1 ? $"; DoiThoai as {o.Nodes} nodes on PostgreSQL + Redis (CPU: all nodes; GC, heap and RSS: node 1)" : ""));
        var rows = new List<(string Metric, Func<TargetResult, double?> Value, string Format)>
        {
            ("submit→seat p50 (ms)", r => r.SubmitToSeatMs.P50, "0.0"),
            ("submit→seat p95 (ms)", r => r.SubmitToSeatMs.P95, "0.0"),
            ("submit→seat p99 (ms)", r => r.SubmitToSeatMs.P99, "0.0"),
            ("submit→seat max (ms)", r => r.SubmitToSeatMs.Max, "0.0"),
            ("submit→phone p95 (ms)", r => r.SubmitToPhoneMs.P95, "0.0"),
            ("POST answer p95 (ms)", r => r.PostMs.P95, "0.0"),
            ("accepted", r => r.Accepted, "0"),
            ("accepted/s", r => r.AcceptedPerSecond, "0.0"),
            ("rate-limited (429)", r => r.RateLimited, "0"),
            ("errors", r => r.Errors, "0"),
            ("lost (seat never saw)", r => r.LostOnSeats, "0"),
            ("lost in store", r => r.LostInStore, "0"),
            ("duplicates in store", r => r.DuplicatesInStore, "0"),
            ("stored, answer never received", r => r.StoredRequests - r.Accepted, "0"),
            ("server CPU ms / accepted", r => r.ServerCpuMsPerAccepted, "0.00"),
            ("server CPU ms (burst)", r => r.ServerCpuMs, "0"),
            ("server GC pause ms (total)", r => r.ServerGcPauseMs, "0"),
            ("server GC pause max (ms)", r => r.ServerGcPauseMaxMs, "0.0"),
            ("server GC pauses > 50 ms", r => r.ServerGcPausesOver50Ms, "0"),
            ("server other stops ms", r => r.ServerOtherSuspensionMs, "0"),
            ("server commit max (ms)", r => r.ServerCommitMaxMs, "0.0"),
            ($"server commits ≥ {SlowestPercent.SlowCommitMs:0} ms", r => r.ServerSlowCommits, "0"),
            ("tool GC pause ms (total)", r => r.ToolGcPauseMs, "0"),
            ("tool late to send, max (ms)", r => r.ToolLateMaxMs, "0.0"),
            ("slowest 1%: in a server GC", r => r.Slowest?.WithServerGc, "0"),
            ("slowest 1%: in a tool GC", r => r.Slowest?.WithToolGc, "0"),
            ("slowest 1%: behind a slow commit", r => r.Slowest?.BehindSlowCommit, "0"),
            ("slowest 1%: none of these", r => r.Slowest?.WithNone, "0"),
            ("KB heap / connected phone", r => r.HeapBytesPerConnectedPhone / 1024, "0.0"),
            ("KB RSS / connected phone", r => r.BytesPerConnectedPhone / 1024, "0.0"),
            ("server RSS at end (MB)", r => r.RssEndBytes / 1048576.0, "0"),
            ("phone hub messages / phone", r => r.Phones == 0 ? null : (double)r.PhoneMessages / r.Phones, "0.0"),
            ("server error log lines", r => r.ServerErrorLogLines, "0"),
        };
        const int w0 = 28, w = 12;
        sb.AppendLine($"{"metric".PadRight(w0)} | {"DoiThoai".PadLeft(w)} | {"floor".PadLeft(w)} | {"ratio".PadLeft(8)}");
        sb.AppendLine($"{new string('-', w0)}-|-{new string('-', w)}-|-{new string('-', w)}-|-{new string('-', 8)}");
        foreach (var (metric, value, format) in rows)
        {
            var a = app is null ? null : value(app);
            var f = floor is null ? null : value(floor);
            var ratio = a is { } x && f is { } y && y != 0 && !double.IsNaN(x) && !double.IsNaN(y) ? (x / y).ToString("0.0", Inv) + "×" : "";
            sb.AppendLine($"{metric.PadRight(w0)} | {Cell(a, format),w} | {Cell(f, format),w} | {ratio,8}");
        }
        foreach (var r in report.Targets)
        {
            sb.AppendLine($"{r.Target} HTTP: " + string.Join(", ", r.HttpStatuses.Select(s => $"{s.Key} ×{s.Value}")));
            foreach (var (kind, sample) in r.ErrorKinds) sb.AppendLine($"{r.Target} error [{kind}]: {sample}");
            if (r.PhoneMisses > 0) sb.AppendLine($"{r.Target}: {r.PhoneMisses} accepted submissions whose status page never followed its line");
        }
        sb.AppendLine(report.Passed ? "RESULT: no errors, nothing lost" : "RESULT: FAILED (errors or lost requests)");
        return sb.ToString();
    }

    private static string Cell(double? value, string format) =>
        value is not { } v ? "—" : double.IsNaN(v) ? "—" : v.ToString(format, Inv);

    public static string Json(RunReport report) => JsonSerializer.Serialize(report, new JsonSerializerOptions
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    });
}
