using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>The staff seats of the hall, running commands through the server's own command service.</summary>
public static class Hall
{
    public static readonly ClaimsPrincipal Chair = TestApp.Staff(StaffRoles.Chair, "chutri");
    public static readonly ClaimsPrincipal Reception = TestApp.Staff(StaffRoles.Reception, "tiepnhan");
    public static readonly ClaimsPrincipal Secretary = TestApp.Staff(StaffRoles.Secretary, "thuky");

    /// <summary>Runs a command that must succeed; returns its value and the sequence it reached.</summary>
    public static async Task<CommandResult<T>> MustAsync<T>(this TestApp app, Guid meetingId, ClaimsPrincipal user, string roles,
        Func<Meeting, DateTimeOffset, T> command)
    {
        var result = await app.Commands.RunAsync(meetingId, user, roles, command);
        Assert.True(result.Ok, $"Command refused: {result.Error}");
        return result;
    }

    public static Task<CommandResult<bool>> MustAsync(this TestApp app, Guid meetingId, ClaimsPrincipal user, string roles,
        Action<Meeting, DateTimeOffset> command) =>
        app.MustAsync(meetingId, user, roles, (m, now) => { command(m, now); return true; });

    /// <summary>
    /// The people still waiting (queued or not screened) withdraw, so Bế mạc has nothing of theirs to answer in
    /// writing: for tests about what follows one written answer, not about closing with a full queue (ClosingTests).
    /// </summary>
    public static Task<CommandResult<bool>> WithdrawWaitingAsync(this TestApp app, Guid meetingId) =>
        app.MustAsync(meetingId, Reception, StaffRoles.ReceptionSeat, (m, now) =>
        {
            var open = m.OpenItems();
            // A request whose opinion the test already decided stays: closing makes it a written answer as decided.
            foreach (var request in open.Queued.Concat(open.Unscreened)
                         .Where(r => r.OpinionId is not { } id || m.FindOpinion(id).Outcome == OpinionOutcome.None).ToList())
                m.Withdraw(request.Id, now);
        });

    public static async Task<Meeting> LoadAsync(this TestApp app, Guid meetingId)
    {
        await using var db = await app.OpenDbAsync();
        return (await db.LoadMeetingAsync(meetingId, tracking: false))!;
    }

    public static async Task<List<JournalEntry>> JournalAfterAsync(this TestApp app, Guid meetingId, long afterSequence)
    {
        await using var db = await app.OpenDbAsync();
        return await db.Journal.AsNoTracking()
            .Where(e => e.MeetingId == meetingId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<int> RequestCountAsync(this TestApp app, Guid meetingId)
    {
        await using var db = await app.OpenDbAsync();
        return await db.SpeakRequests.CountAsync(r => r.MeetingId == meetingId);
    }
}
