using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Live;

/// <summary>What the server sends hub clients. Public messages carry no text: names and reasons stay on staff seats.</summary>
/// <param name="Changed">To phones: the request numbers whose public line changed since the last message (only
/// those phones read their line again).</param>
public sealed record MeetingChangeMessage(long Sequence, string Kind, string? Text, DateTimeOffset At, IReadOnlyList<int>? Changed = null)
{
    /// <summary>The kind phones get when only request lines changed, by an event they are not told about.</summary>
    public const string LinesChanged = "LinesChanged";

    public static MeetingChangeMessage ForStaff(MeetingChange c) => new(c.Sequence, c.Kind, c.Text, c.At);
}

/// <summary>Answer to a follow call: the changes after the client's last sequence, or Reload when it is too far behind.</summary>
/// <param name="NotFound">No meeting has that public code (answered, not thrown: a refusal anyone can provoke is not
/// logged as an error).</param>
public sealed record FollowResult(Guid MeetingId, long LastSequence, bool Reload, IReadOnlyList<MeetingChangeMessage> Missed, bool NotFound = false);

public interface IMeetingClient
{
    Task MeetingChanged(MeetingChangeMessage change);

    /// <summary>To staff only: a section of the minutes was saved, so other open editors show the new text.</summary>
    Task MinutesEdited(MinutesEditedMessage edit);
}

public sealed record MinutesEditedMessage(Guid MeetingId, string Key, int Version, string EditedBy);

/// <summary>
/// Live updates for pages without a Blazor circuit (phones) and for other programs. A client joins its meeting's
/// group, then catches up from the journal after the last sequence it holds, and de-duplicates by sequence.
/// </summary>
public sealed class MeetingHub(IDbContextFactory<AppDb> dbFactory, UnitAccess units, MeetingCommands commands, PublicCodes codes,
    LiveMetrics metrics) : Hub<IMeetingClient>
{
    public const string Path = "/hubs/meeting";
    public const int MaxCatchUp = 500;

    public static string PublicGroup(Guid meetingId) => $"public:{meetingId}";
    public static string StaffGroup(Guid meetingId) => $"staff:{meetingId}";
    public static string LineGroup(Guid meetingId, int number) => $"line:{meetingId}:{number}";

    /// <summary>
    /// Anyone with the meeting's public code may follow all its public changes (pages older than FollowLine). A phone
    /// gets the current sequence, not the journal: its own line is read from the board when it needs it.
    /// </summary>
    public override Task OnConnectedAsync()
    {
        metrics.HubConnected(Context.User?.Identity?.IsAuthenticated == true);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.HubDisconnected(Context.User?.Identity?.IsAuthenticated == true);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<FollowResult> Follow(string publicCode, long afterSequence)
    {
        if (await codes.FindAsync(publicCode, Context.ConnectionAborted) is not { } meetingId) return new FollowResult(Guid.Empty, afterSequence, false, [], NotFound: true);
        await Groups.AddToGroupAsync(Context.ConnectionId, PublicGroup(meetingId));
        var board = await commands.BoardAsync(meetingId, Context.ConnectionAborted);
        return new FollowResult(meetingId, board?.Sequence ?? afterSequence, false, []);
    }

    /// <summary>
    /// A phone's status page follows its own line only: it is sent a message when that line changed, so a burst of
    /// other people's requests costs it nothing. The number is no secret (it is on the paper slip too); the line's
    /// content still needs the page's token.
    /// </summary>
    public async Task<FollowResult> FollowLine(string publicCode, int number, long afterSequence)
    {
        if (number < 1 || await codes.FindAsync(publicCode, Context.ConnectionAborted) is not { } meetingId)
            return new FollowResult(Guid.Empty, afterSequence, false, [], NotFound: true);
        await Groups.AddToGroupAsync(Context.ConnectionId, LineGroup(meetingId, number));
        var board = await commands.BoardAsync(meetingId, Context.ConnectionAborted);
        return new FollowResult(meetingId, board?.Sequence ?? afterSequence, false, []);
    }

    /// <summary>The staff journal (names, villages, notes): only for the roles whose pages show it.</summary>
    [Authorize(Roles = StaffRoles.JournalReaders)]
    public async Task<FollowResult> FollowStaff(Guid meetingId, long afterSequence)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await units.CanSeeMeetingAsync(Context.User, meetingId)) throw new HubException("Không tìm thấy hội nghị.");
        await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup(meetingId));
        return await CatchUp(db, meetingId, afterSequence);
    }

    // Joined before reading, so nothing committed in between is lost; the client drops sequences it already holds.
    private static async Task<FollowResult> CatchUp(AppDb db, Guid meetingId, long afterSequence)
    {
        var last = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.LastSequence).FirstAsync();
        if (last - afterSequence > MaxCatchUp) return new FollowResult(meetingId, last, true, []);
        var entries = await db.Journal.AsNoTracking()
            .Where(e => e.MeetingId == meetingId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).ToListAsync();
        var missed = entries.Select(e => MeetingChangeMessage.ForStaff(MeetingChange.From(e))).ToList();
        return new FollowResult(meetingId, Math.Max(last, missed.LastOrDefault()?.Sequence ?? 0), false, missed);
    }
}
