using System.Collections.Concurrent;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Live;

/// <summary>The outcome of a command: done (with the journal sequence it reached) or refused with a Vietnamese message.</summary>
public sealed record CommandResult<T>(bool Ok, T? Value, string? Error, long Sequence)
{
    public static CommandResult<T> Refused(string error) => new(false, default, error, 0);
}

/// <summary>
/// What a command that needs more than the meeting sees: the time, the batch's database context for reads, and rows
/// to store with the meeting's changes (kept only if the command is not refused).
/// </summary>
public sealed class CommandScope(Meeting meeting, DateTimeOffset now, AppDb db, CancellationToken ct)
{
    internal readonly List<object> Rows = [];
    internal readonly List<object> Updated = [];

    public Meeting Meeting { get; } = meeting;
    public DateTimeOffset Now { get; } = now;
    /// <summary>For reads only; add rows with <see cref="Add"/>.</summary>
    public AppDb Db { get; } = db;
    public CancellationToken CancellationToken { get; } = ct;

    public void Add(object row) => Rows.Add(row);

    /// <summary>Stores a changed copy of a row read untracked beside the meeting (a journal line rewritten by an erase).</summary>
    public void Update(object row) => Updated.Add(row);
}

/// <summary>
/// Runs every change to a meeting: check the role and the unit, then hand the command to that meeting's
/// <see cref="MeetingWriter"/>, which applies it to the meeting held in memory, journals its events and commits —
/// one transaction for the commands that arrived together — and publishes. Meetings never wait for each other's
/// commands; only the short commit passes the store's one-writer gate (SQLite has one writer per file).
/// </summary>
public sealed class MeetingCommands(
    IDbContextFactory<AppDb> dbFactory,
    MeetingFeed feed,
    TimeProvider clock,
    UnitAccess units,
    PublicCodes codes,
    IOptions<DoiThoaiOptions> options,
    LiveMetrics metrics,
    ILogger<MeetingCommands> logger) : IAsyncDisposable
{
    public const string NoPermission = "Bạn không có quyền thực hiện thao tác này.";
    public const string SaveFailed = "Chưa lưu được thay đổi do lỗi hệ thống. Vui lòng thử lại.";
    public const string MeetingNotFound = "Không tìm thấy hội nghị.";

    private readonly ConcurrentDictionary<Guid, MeetingWriter> _writers = new();

    /// <summary>SQLite takes one writer per file: commits of different meetings pass one at a time (each ~1 ms).</summary>
    internal SemaphoreSlim StoreGate { get; } = new(1, 1);
    internal IDbContextFactory<AppDb> DbFactory => dbFactory;
    internal MeetingFeed Feed => feed;
    internal PublicCodes Codes => codes;
    /// <summary>Tests set it: a batch of commands declared to only add rows is checked against full change detection.</summary>
    internal bool CheckNarrowDetection { get; } = options.Value.CheckChangeDetection;
    /// <summary>A meeting nobody acted on for this long leaves memory (its writer retires; the next command reloads it).</summary>
    internal TimeSpan WriterIdle { get; } = TimeSpan.FromSeconds(Math.Max(1, options.Value.WriterIdleSeconds));
    internal TimeSpan SlowCommit { get; } = TimeSpan.FromMilliseconds(options.Value.SlowCommitMilliseconds);
    internal int Writers => _writers.Count;
    internal ILogger Logger => logger;
    internal LiveMetrics Metrics => metrics;

    public DateTimeOffset Now => Clock.ToHallTime(clock.GetUtcNow());

    /// <param name="allowedRoles">Comma list of roles; null for a public command (a delegate's phone).</param>
    /// <param name="ct">When cancelled before the command's turn (a phone that gave up), the command is not run.</param>
    /// <param name="onlyAdds">The command adds rows under the meeting and changes the meeting's own values, nothing
    /// else (a phone's request): its writer compares only the meeting, not every row it holds.</param>
    public Task<CommandResult<T>> RunAsync<T>(Guid meetingId, ClaimsPrincipal? user, string? allowedRoles,
        Func<Meeting, DateTimeOffset, T> command, CancellationToken ct = default, bool onlyAdds = false) =>
        RunAsync(meetingId, user, allowedRoles, scope => Task.FromResult(command(scope.Meeting, scope.Now)), ct, onlyAdds);

    public async Task<CommandResult<bool>> RunAsync(Guid meetingId, ClaimsPrincipal? user, string? allowedRoles,
        Action<Meeting, DateTimeOffset> command, CancellationToken ct = default) =>
        await RunAsync(meetingId, user, allowedRoles, (m, now) => { command(m, now); return true; }, ct);

    /// <summary>A command that also reads other tables or stores rows beside the meeting (e.g. the conclusion notice).</summary>
    public async Task<CommandResult<T>> RunAsync<T>(Guid meetingId, ClaimsPrincipal? user, string? allowedRoles,
        Func<CommandScope, Task<T>> command, CancellationToken ct = default, bool onlyAdds = false)
    {
        if (allowedRoles is not null && !user.IsInAny(allowedRoles)) return CommandResult<T>.Refused(NoPermission);
        // Staff act only on their own units' meetings; the same words as for a meeting that does not exist.
        if (allowedRoles is not null && !await units.CanSeeMeetingAsync(user, meetingId, ct)) return CommandResult<T>.Refused(MeetingNotFound);
        var actor = allowedRoles is null ? "Nhân dân" : user?.Identity?.Name ?? "?";
        var pending = new PendingCommand<T>(command, actor, ct) { OnlyAdds = onlyAdds };
        while (!WriterFor(meetingId).TryEnqueue(pending))
        {
            // That writer had just gone idle and retired; the next one loads the meeting afresh.
        }
        return metrics.Counted(await pending.Result);
    }

    /// <summary>
    /// A change the server makes on its own (a retention rule), journalled under <paramref name="actor"/>. No role or unit
    /// check: only server code calls it, never on behalf of a request.
    /// </summary>
    public async Task<CommandResult<T>> RunAsSystemAsync<T>(Guid meetingId, string actor, Func<Meeting, DateTimeOffset, T> command,
        CancellationToken ct = default)
    {
        var pending = new PendingCommand<T>(scope => Task.FromResult(command(scope.Meeting, scope.Now)), actor, ct);
        while (!WriterFor(meetingId).TryEnqueue(pending))
        {
            // As in RunAsync: a retired writer is replaced by a fresh one.
        }
        return metrics.Counted(await pending.Result);
    }

    /// <summary>What phones read between changes: each request's public line, built after each commit.</summary>
    public async Task<PublicBoard?> BoardAsync(Guid meetingId, CancellationToken ct = default)
    {
        // A board older than what another node committed is rebuilt by the probe (the writer reloads the meeting first).
        if (_writers.TryGetValue(meetingId, out var writer) && writer.Board is { } board && board.Sequence >= writer.HeardSequence) return board;
        // Not loaded on this node yet (a restart, an idle meeting): a command that changes nothing loads it. Declared
        // add-only (it adds nothing either), so its batch is checked narrowly: full detection compares the meeting's
        // lists, which grow with the meeting.
        var probe = await RunAsync(meetingId, null, null, (_, _) => true, ct, onlyAdds: true);
        return probe.Ok && _writers.TryGetValue(meetingId, out writer) ? writer.Board : null;
    }

    /// <summary>Stores a new meeting and journals what its creation raised (the demo seed, the organizer's form).</summary>
    public async Task AddMeetingAsync(Meeting meeting, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        db.Meetings.Add(meeting);
        var entries = MeetingWriter.Journalize(meeting, actor, now);
        db.Journal.AddRange(entries);
        await StoreGate.WaitAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            StoreGate.Release();
        }
        feed.Publish(entries.Select(MeetingChange.From).ToList());
    }

    /// <summary>Another node committed on the meeting up to <paramref name="sequence"/> (<see cref="ClusterBus"/>).</summary>
    public void HeardOf(Guid meetingId, long sequence)
    {
        if (_writers.TryGetValue(meetingId, out var writer)) writer.HeardOf(sequence);
    }

    /// <summary>Commands waiting for the meeting's writer (tests stage batches with it).</summary>
    internal int Waiting(Guid meetingId) => _writers.TryGetValue(meetingId, out var writer) ? writer.Waiting : 0;

    private MeetingWriter WriterFor(Guid meetingId) => _writers.GetOrAdd(meetingId, id => new MeetingWriter(this, id));

    internal void Retire(MeetingWriter writer) => _writers.TryRemove(new KeyValuePair<Guid, MeetingWriter>(writer.MeetingId, writer));

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers.Values) await writer.DisposeAsync();
        _writers.Clear();
    }
}
