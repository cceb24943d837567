using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Preparation.Answers;

/// <summary>A collected opinion a department leads the answer to, before its meeting.</summary>
public sealed record AnswerToPrepare(Guid MeetingId, string MeetingTitle, DateTimeOffset MeetingStart, Guid OpinionId, int Number,
    string SubmitterName, string SubmitterPlace, OpinionField Field, string Content, string LeadDepartment,
    IReadOnlyList<string> Coordinating, DateOnly? PrepareDue, string? PreparedAnswer);

/// <summary>
/// Chuẩn bị trả lời: department staff write the answers to the opinions collected before a meeting that were given to
/// their department to lead, up to the meeting's end; the office sees every department's. The answer goes into the
/// answer report (Mẫu 6) and agenda step 4 on the projector, as if the office had typed it.
/// </summary>
public sealed class PreparedAnswersService(IDbContextFactory<AppDb> dbFactory, UnitAccess units, MeetingCommands commands)
{
    public const string Roles = "Admin,Organizer,Department";
    public const string NotYours = "Ý kiến này không (còn) giao cho phòng, ban của bạn chủ trì trả lời.";

    /// <summary>Open collected opinions of meetings not yet ended, the nearest due first; a department sees its own.</summary>
    public async Task<IReadOnlyList<AnswerToPrepare>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.IsInAny(Roles)) return [];
        var visible = await units.VisibleUnitsAsync(user, ct);
        var ownDepartment = OnlyDepartment(user);
        if (user.IsInRole(StaffRoles.Department) && ownDepartment is null && !user.IsInAny("Admin,Organizer")) return [];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meetingIds = await db.Meetings.AsNoTracking()
            .Where(m => visible.Contains(m.UnitId) && m.Status != MeetingStatus.Ended)
            .Select(m => m.Id).ToListAsync(ct);
        var rows = new List<AnswerToPrepare>();
        foreach (var id in meetingIds)
        {
            if (await db.LoadMeetingAsync(id, tracking: false, ct) is not { } meeting) continue;
            foreach (var opinion in meeting.CollectedOpinions())
            {
                if (!opinion.IsOpen || opinion.LeadAssignment is not { } lead) continue;
                if (ownDepartment is { } own && lead.DepartmentId != own) continue;
                rows.Add(new AnswerToPrepare(meeting.Id, meeting.Title, meeting.ScheduledStart, opinion.Id, opinion.Number,
                    opinion.SubmitterName, opinion.SubmitterPlace, opinion.Field, opinion.Content, lead.DepartmentName,
                    [.. opinion.Assignments.Where(a => !a.IsLead).Select(a => a.DepartmentName)], opinion.PrepareDue, opinion.PreparedAnswer));
            }
        }
        // Unanswered first, then by the day the answer is due, then by meeting and number.
        return [.. rows.OrderBy(r => r.PreparedAnswer is not null).ThenBy(r => r.PrepareDue ?? DateOnly.MaxValue)
            .ThenBy(r => r.MeetingStart).ThenBy(r => r.Number)];
    }

    /// <summary>Records the prepared answer; null when saved, else why not (Vietnamese), and nothing changed.</summary>
    public async Task<string?> SaveAsync(ClaimsPrincipal user, Guid meetingId, Guid opinionId, string? text, CancellationToken ct = default)
    {
        var ownDepartment = OnlyDepartment(user);
        var result = await commands.RunAsync(meetingId, user, Roles, (meeting, now) =>
        {
            // Checked inside the command: a reassignment a moment ago must not let the old department answer.
            var opinion = meeting.Opinions.FirstOrDefault(o => o.Id == opinionId && o.IsCollected)
                ?? throw new MeetingRuleException("Không tìm thấy ý kiến này.");
            if (ownDepartment is { } own && opinion.LeadAssignment?.DepartmentId != own) throw new MeetingRuleException(NotYours);
            if (user.IsInRole(StaffRoles.Department) && ownDepartment is null && !user.IsInAny("Admin,Organizer"))
                throw new MeetingRuleException(NotYours);
            meeting.RecordPreparedAnswer(opinionId, text ?? "", now);
        }, ct);
        return result.Ok ? null : result.Error;
    }

    /// <summary>Department staff act for their department only; the office (Admin, Organizer) for every department.</summary>
    private static Guid? OnlyDepartment(ClaimsPrincipal user) =>
        user.IsInAny("Admin,Organizer") ? null : UnitAccess.DepartmentOf(user);
}
