using System.Diagnostics;
using System.Globalization;
using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.LoadTool;

/// <summary>
/// `commands` scenario: does a staff command cost more as the meeting fills? The app's own services run in this
/// process on a fresh SQLite file (no HTTP: only the meeting's writer is measured). Phones' requests are submitted
/// through <see cref="MeetingCommands"/> (declared add-only, 8 at a time) until the meeting holds each size in turn;
/// at each size the reception approves 20 requests one after the other, each timed from the call to its commit's answer.
/// The first approval after a stretch of phones is shown apart: it once had to take the phones' rows back into the
/// writer's tracking (until 2026-12-07, see docs/live-sync.md), and it meets the board after the phones' batches.
/// </summary>
public static class CommandCost
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public sealed record SizeRow(int Requests, int Queue, double PhoneP50Ms, double FirstStaffMs, double StaffP50Ms, double StaffMaxMs);

    public static async Task<List<SizeRow>> RunAsync(LoadOptions options, TextWriter log, CancellationToken ct)
    {
        var work = options.WorkDirectory ?? Path.Combine(AppContext.BaseDirectory, "runs", $"{DateTime.Now:yyyyMMdd-HHmmss}-commands");
        var data = Path.Combine(work, "doithoai-data");
        Directory.CreateDirectory(data);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MEETING_WEB", Targets.ContentRoot());
        var rows = new List<SizeRow>();
        await using (var app = new Targets.SetupFactory(data, new Dictionary<string, string>()))
        {
            var commands = app.Services.GetRequiredService<MeetingCommands>();
            var meeting = Targets.NewMeeting(commands.Now, 1);
            await commands.AddMeetingAsync(meeting, "Công cụ thử tải", ct);
            Must(await commands.RunAsync(meeting.Id, null, null, (m, now) => m.Start(now), ct));
            var waiting = new Queue<Guid>();
            var submitted = 0;
            var queued = 0;
            foreach (var size in Sizes(options.Phones))
            {
                var phoneMs = new List<double>();
                while (submitted < size)
                {
                    var round = Enumerable.Range(submitted, Math.Min(8, size - submitted)).Select(async i =>
                    {
                        var started = Stopwatch.GetTimestamp();
                        var result = await commands.RunAsync(meeting.Id, null, null, (m, now) => m.Submit(new SpeakRequestDraft(
                            Markers.Name(i), "Xóm 1", OpinionField.Economy, "Đề nghị làm đường liên xóm.", SpeakMode.Speak,
                            OpinionSource.Phone, IdempotencyKey: $"cost-{i}"), now), ct, onlyAdds: true);
                        lock (phoneMs) phoneMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        return Must(result).Id;
                    }).ToList();
                    foreach (var id in await Task.WhenAll(round)) waiting.Enqueue(id);
                    submitted += round.Count;
                }
                var staffMs = new List<double>();
                for (var k = 0; k < options.ApprovalsPerSize + 1 && waiting.Count > 0; k++)
                {
                    var id = waiting.Dequeue();
                    var started = Stopwatch.GetTimestamp();
                    Must(await commands.RunAsync(meeting.Id, null, null, (m, now) => m.Approve(id, now), ct));
                    staffMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                var rest = staffMs.Skip(1).Order().ToList();
                var row = new SizeRow(size, queued += staffMs.Count, Median(phoneMs.Order().ToList()), staffMs.FirstOrDefault(), Median(rest), rest.LastOrDefault());
                rows.Add(row);
                log.WriteLine($"{size} requests: staff command p50 {row.StaffP50Ms.ToString("0.0", Inv)} ms, first {row.FirstStaffMs.ToString("0.0", Inv)} ms");
            }
        }
        SqliteConnection.ClearAllPools();
        return rows;
    }

    /// <summary>250, 500, 1,000, 2,000 … up to the scenario's phones.</summary>
    private static IEnumerable<int> Sizes(int max)
    {
        for (var size = 250; size < max; size *= 2) yield return size;
        if (max > 0) yield return max;
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];

    private static T Must<T>(CommandResult<T> result) =>
        result.Ok ? result.Value! : throw new InvalidOperationException($"A command of the `commands` scenario was refused: {result.Error}");

    public static string Table(IReadOnlyList<SizeRow> rows, int approvalsPerSize)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Scenario commands: staff command (Approve) cost as the meeting fills; {Environment.ProcessorCount} cores; "
            + $"{approvalsPerSize} approvals per size (one more first, shown apart), all from one village into the speaking queue, each from the call to its commit's answer (in process, SQLite, synchronous=FULL)");
        sb.AppendLine("requests in meeting | queue after | phone submit p50 (ms) | first approval after phones (ms) | approval p50 (ms) | approval max (ms)");
        sb.AppendLine("--------------------|-------------|-----------------------|----------------------------------|-------------------|------------------");
        foreach (var r in rows)
            sb.AppendLine(string.Join(" | ", r.Requests.ToString(Inv).PadLeft(19), r.Queue.ToString(Inv).PadLeft(11), r.PhoneP50Ms.ToString("0.00", Inv).PadLeft(21),
                r.FirstStaffMs.ToString("0.00", Inv).PadLeft(32), r.StaffP50Ms.ToString("0.00", Inv).PadLeft(17), r.StaffMaxMs.ToString("0.00", Inv).PadLeft(16)));
        return sb.ToString();
    }
}
