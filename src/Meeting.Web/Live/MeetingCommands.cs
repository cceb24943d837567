using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;

namespace DoiThoai.Web.Live;

/// <summary>The outcome of a command: done (with the journal sequence it reached) or refused with a Vietnamese message.</summary>
public sealed record CommandResult<T>(bool Ok, T? Value, string? Error, long Sequence)
{
    public static CommandResult<T> Refused(string error) => new(false, default, error, 0);
}

/// <summary>
/// Runs every change to a meeting: check the role, load, apply the domain command, journal its events and save —
/// all in one transaction — then publish. Writes pass one at a time through a gate (SQLite has one writer), so two
/// "call next" presses are applied one after the other and the second is refused by the domain.
/// </summary>
public sealed class MeetingCommands(
    IDbContextFactory<AppDb> dbFactory,
    MeetingFeed feed,
    TimeProvider clock,
    UnitAccess units,
    ILogger<MeetingCommands> logger)
{
    public const string NoPermission = "Bạn không có quyền thực hiện thao tác này.";
    public const string SaveFailed = "Chưa lưu được thay đổi do lỗi hệ thống. Vui lòng thử lại.";
    public const string MeetingNotFound = "Không tìm thấy hội nghị.";

    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    // SQLITE_BUSY / LOCKED from another process (a migration, a backup) is transient: retry briefly, never show it.
    private static readonly ResiliencePipeline BusyRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SqliteException>(e => e.SqliteErrorCode is 5 or 6)
                .Handle<DbUpdateException>(e => e.InnerException is SqliteException { SqliteErrorCode: 5 or 6 }),
            MaxRetryAttempts = 5,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    public DateTimeOffset Now => Clock.ToHallTime(clock.GetUtcNow());

    /// <param name="allowedRoles">Comma list of roles; null for a public command (a delegate's phone).</param>
    public async Task<CommandResult<T>> RunAsync<T>(Guid meetingId, ClaimsPrincipal? user, string? allowedRoles,
        Func<Meeting, DateTimeOffset, T> command, CancellationToken ct = default)
    {
        if (allowedRoles is not null && !user.IsInAny(allowedRoles)) return CommandResult<T>.Refused(NoPermission);
        // Staff act only on their own units' meetings; the same words as for a meeting that does not exist.
        if (allowedRoles is not null && !await units.CanSeeMeetingAsync(user, meetingId, ct)) return CommandResult<T>.Refused(MeetingNotFound);
        var actor = allowedRoles is null ? "Nhân dân" : user?.Identity?.Name ?? "?";

        await WriteGate.WaitAsync(ct);
        try
        {
            var (result, changes) = await BusyRetry.ExecuteAsync(async token => await ApplyAsync(meetingId, actor, command, token), ct);
            if (changes.Count > 0) feed.Publish(changes);
            return result;
        }
        catch (Exception ex) when (ex is DbUpdateException or SqliteException or InvalidOperationException)
        {
            logger.LogError(ex, "Command on meeting {MeetingId} by {Actor} failed", meetingId, actor);
            return CommandResult<T>.Refused(SaveFailed);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    public async Task<CommandResult<bool>> RunAsync(Guid meetingId, ClaimsPrincipal? user, string? allowedRoles,
        Action<Meeting, DateTimeOffset> command, CancellationToken ct = default) =>
        await RunAsync(meetingId, user, allowedRoles, (m, now) => { command(m, now); return true; }, ct);

    private async Task<(CommandResult<T>, IReadOnlyList<MeetingChange>)> ApplyAsync<T>(Guid meetingId, string actor,
        Func<Meeting, DateTimeOffset, T> command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken before the read, never upgraded later.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: true, ct);
        if (meeting is null) return (CommandResult<T>.Refused(MeetingNotFound), []);

        var now = Now;
        T value;
        try
        {
            value = command(meeting, now);
        }
        catch (MeetingRuleException refused)
        {
            // Nothing is saved: the context and its tracked changes are thrown away with the transaction.
            return (CommandResult<T>.Refused(refused.Message), []);
        }

        var entries = Journalize(meeting, actor, now);
        db.Journal.AddRange(entries);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (new CommandResult<T>(true, value, null, meeting.LastSequence), entries.Select(MeetingChange.From).ToList());
    }

    /// <summary>Stores a new meeting and journals what its creation raised (the demo seed, the organizer's form).</summary>
    public async Task AddMeetingAsync(Meeting meeting, string actor, CancellationToken ct = default)
    {
        await WriteGate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = Now;
            db.Meetings.Add(meeting);
            db.Journal.AddRange(Journalize(meeting, actor, now));
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    private static List<JournalEntry> Journalize(Meeting meeting, string actor, DateTimeOffset now) =>
        meeting.TakeEvents().Select(e => new JournalEntry
        {
            MeetingId = meeting.Id,
            Sequence = meeting.AdvanceSequence(),
            Kind = e.Kind,
            Text = e.Text,
            SubjectId = e.SubjectId,
            StaffOnly = e.StaffOnly,
            Actor = actor,
            At = now,
        }).ToList();
}
