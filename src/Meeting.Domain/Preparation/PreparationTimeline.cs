namespace DoiThoai.Domain;

public enum MilestoneState { Upcoming, DueToday, Late, Done }

/// <summary>One preparation step of the plan and the last working day it may be done.</summary>
public sealed record PreparationMilestone(string Key, string Title, int WorkingDaysBefore, DateOnly Due, DateOnly? DoneOn)
{
    public MilestoneState StateOn(DateOnly today) =>
        DoneOn is not null ? MilestoneState.Done
        : today > Due ? MilestoneState.Late
        : today == Due ? MilestoneState.DueToday
        : MilestoneState.Upcoming;

    /// <summary>"Đã xong 12/05", "Quá hạn (hạn 12/05)", "Hạn hôm nay", "Hạn 12/05".</summary>
    public string StateText(DateOnly today) => StateOn(today) switch
    {
        MilestoneState.Done => $"Đã xong {DoneOn:dd/MM/yyyy}",
        MilestoneState.Late => $"Quá hạn (hạn {Due:dd/MM/yyyy})",
        MilestoneState.DueToday => "Hạn hôm nay",
        _ => $"Hạn {Due:dd/MM/yyyy}",
    };
}

/// <summary>
/// The plan's preparation deadlines, counted back in working days from the meeting (seed 004, section 1): opinions
/// collected 7 working days before, classified and assigned 3 before, invitations and the public notice 5 (or 7) before.
/// An ad-hoc meeting (đột xuất) has no such timeline.
/// </summary>
public static class PreparationTimeline
{
    public const string Collect = "collect";
    public const string Invite = "invite";
    public const string Classify = "classify";

    public static IReadOnlyList<PreparationMilestone> For(MeetingKind kind, DateOnly meetingDate, WorkingCalendar calendar,
        IReadOnlyDictionary<string, DateOnly>? done = null, int invitationWorkingDays = 5)
    {
        if (kind == MeetingKind.AdHoc) return [];
        if (invitationWorkingDays is not (5 or 7)) throw new MeetingRuleException("Giấy mời và thông báo gửi trước 5 hoặc 7 ngày làm việc.");
        (string Key, string Title, int Days)[] steps =
        [
            (Collect, "Thu thập, tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị", 7),
            (Invite, "Gửi giấy mời và thông báo rộng rãi về hội nghị", invitationWorkingDays),
            (Classify, "Phân loại ý kiến, phân công cơ quan chuẩn bị nội dung trả lời", 3),
        ];
        return steps
            .Select(s => new PreparationMilestone(s.Key, s.Title, s.Days, calendar.SubtractWorkingDays(meetingDate, s.Days),
                done?.GetValueOrDefault(s.Key) is { } d && d != default ? d : null))
            .OrderBy(m => m.Due).ToList();
    }
}
