using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>What the preparation pages do with a plan: create it in the person's own unit, edit it, mark milestones.</summary>
public static class PreparationPlans
{
    /// <summary>The office that prepares meetings (văn phòng) creates and edits plans.</summary>
    public const string Editors = "Admin,Organizer";
    /// <summary>Who may look at a meeting's preparation: the office, the chairs, and the Front (MTTQ), which collects opinions.</summary>
    public const string Viewers = "Admin,Organizer,Chair,Supervisor";

    public const string NoUnit = "Tài khoản này chưa thuộc đơn vị nào nên chưa tạo được hội nghị. Hãy liên hệ quản trị.";

    /// <summary>Creates the meeting in the unit of the person who fills the form; the id, or why not (nothing stored).</summary>
    public static async Task<(Guid? Id, string? Error)> CreateAsync(MeetingCommands commands, ClaimsPrincipal user, PlanForm form,
        CancellationToken ct = default)
    {
        if (!user.IsInAny(Editors)) return (null, MeetingCommands.NoPermission);
        if (UnitAccess.UnitOf(user) is not { } unit) return (null, NoUnit);
        var (plan, error) = form.ToPlan(unit);
        if (plan is null) return (null, error);
        Meeting meeting;
        try
        {
            meeting = Meeting.Create(plan);
        }
        catch (MeetingRuleException refused)
        {
            return (null, refused.Message);
        }
        try
        {
            await commands.AddMeetingAsync(meeting, user.Identity?.Name ?? "?", ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            return (null, MeetingCommands.SaveFailed);
        }
        return (meeting.Id, null);
    }

    public static async Task<CommandResult<IReadOnlyList<string>>> EditAsync(MeetingCommands commands, Guid meetingId, ClaimsPrincipal user,
        PlanForm form, CancellationToken ct = default)
    {
        // The unit is the meeting's own; the form's is never used for an edit.
        var (plan, error) = form.ToPlan(Guid.Empty);
        if (plan is null) return CommandResult<IReadOnlyList<string>>.Refused(error!);
        return await commands.RunAsync(meetingId, user, Editors, (m, _) => m.EditPlan(plan), ct);
    }

    public static Task<CommandResult<bool>> MarkDoneAsync(MeetingCommands commands, Guid meetingId, ClaimsPrincipal user, string key,
        CancellationToken ct = default) =>
        commands.RunAsync(meetingId, user, Editors, (m, now) => { m.MarkPreparationDone(key, now, user.Identity?.Name ?? "?"); }, ct);

    public static Task<CommandResult<bool>> UndoDoneAsync(MeetingCommands commands, Guid meetingId, ClaimsPrincipal user, string key,
        CancellationToken ct = default) =>
        commands.RunAsync(meetingId, user, Editors, (m, _) => m.UndoPreparationDone(key), ct);

    /// <summary>What the opinions collected before the meeting say about the collect and classify milestones.</summary>
    public static string? Progress(Meeting meeting, string key)
    {
        var collected = meeting.Opinions.Where(o => o.Source == OpinionSource.BeforeMeeting && o.MergedIntoId is null).ToList();
        return key switch
        {
            PreparationTimeline.Collect => collected.Count == 0 ? "Chưa có ý kiến nào" : $"Đã thu thập {collected.Count} ý kiến",
            PreparationTimeline.Classify when collected.Count > 0 =>
                $"Đã phân công {collected.Count(o => o.Assignments.Count > 0)}/{collected.Count} ý kiến",
            _ => null,
        };
    }
}
