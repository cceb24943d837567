namespace DoiThoai.Domain;

/// <summary>
/// What the office must do after the meeting, counted forward in working days from the day it was held (seed 004 §V.3
/// and §3.1): by the 9th the office chases the departments to answer what is theirs, the basis of the notice; by the
/// 10th (15th when the matters are complex) the conclusion notice is issued.
/// </summary>
public static class AfterMeetingTimeline
{
    public const string Chase = "chase";
    public const string Notice = "notice";
    public const int ChaseWorkingDays = 9;

    public static readonly string ChaseTitle =
        "Đôn đốc các phòng, ban trả lời, giải quyết kiến nghị trong thẩm quyền, tổng hợp làm căn cứ ra thông báo kết luận";
    public static readonly string NoticeTitle = "Ban hành thông báo kết luận hội nghị";

    /// <param name="noticeIssuedOn">The notice's date once it is issued: that milestone is done by issuing it, not by a tick.</param>
    /// <param name="complex">Issued as complex: its deadline was 15 working days.</param>
    public static IReadOnlyList<PreparationMilestone> For(DateOnly heldOn, WorkingCalendar calendar, DateOnly? chasedOn, DateOnly? noticeIssuedOn,
        bool complex = false)
    {
        var noticeDays = complex ? ConclusionNotice.ComplexNoticeWorkingDays : ConclusionNotice.NoticeWorkingDays;
        return
        [
            // Negative: after the meeting, where the preparation milestones count before it.
            new(Chase, ChaseTitle, -ChaseWorkingDays, calendar.AddWorkingDays(heldOn, ChaseWorkingDays), chasedOn),
            new(Notice, NoticeTitle, -noticeDays, calendar.AddWorkingDays(heldOn, noticeDays), noticeIssuedOn),
        ];
    }
}
