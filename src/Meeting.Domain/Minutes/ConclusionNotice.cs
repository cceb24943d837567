namespace DoiThoai.Domain;

public sealed record NoticeCounts(int Resolved, int Unresolved)
{
    /// <summary>Resolved = answered at the meeting; every other opinion the notice covers still needs a written answer.</summary>
    public static NoticeCounts Of(Meeting meeting)
    {
        var covered = MinutesDraft.InNotice(meeting);
        var resolved = covered.Count(MinutesDraft.ResolvedAtMeeting);
        return new(resolved, covered.Count - resolved);
    }
}

/// <summary>An opinion the notice hands to a department, with the date its written answer is due.</summary>
public sealed record NoticeAssignment(int OpinionNumber, string SubmitterName, string SubmitterPlace, string Content,
    OpinionOutcome Outcome, bool ToLevelAbove, string Department, IReadOnlyList<string> Coordinating, DateOnly AnswerDue);

/// <summary>
/// The conclusion notice (Mẫu 9), drafted from the meeting: due 10 working days after the meeting (15 when the matters
/// are complex); each unresolved opinion goes to its lead department, which answers 15 working days after the notice.
/// </summary>
public sealed record ConclusionNotice(DateOnly MeetingDate, DateOnly NoticeDue, DateOnly NoticeDate, NoticeCounts Counts,
    IReadOnlyList<NoticeAssignment> Assignments)
{
    public const int NoticeWorkingDays = 10;
    public const int ComplexNoticeWorkingDays = 15;
    public const int AnswerWorkingDays = 15;
    public const string Unassigned = "(chưa giao phòng, ban)";

    /// <summary>
    /// The opinions the notice hands to departments: the one list the secretary's panel, the issuing command and the
    /// follow-up read, so their counts agree. Each keeps its own "ý kiến số" (<see cref="Opinion.Number"/>) everywhere.
    /// </summary>
    public static IReadOnlyList<Opinion> ToAnswerInWriting(Meeting meeting) =>
        MinutesDraft.InNotice(meeting).Where(o => !MinutesDraft.ResolvedAtMeeting(o)).ToList();

    /// <summary>Those still without a lead department: the notice cannot be issued until each has one.</summary>
    public static IReadOnlyList<Opinion> WithoutLead(Meeting meeting) =>
        ToAnswerInWriting(meeting).Where(o => o.LeadAssignment is null).ToList();

    /// <param name="noticeDate">The day the notice is signed; when null, the last day it may be.</param>
    public static ConclusionNotice Draft(Meeting meeting, WorkingCalendar calendar, DateOnly? noticeDate = null, bool complex = false)
    {
        var meetingDate = DateOnly.FromDateTime(Clock.ToHallTime(meeting.StartedAt ?? meeting.ScheduledStart).DateTime);
        var due = calendar.AddWorkingDays(meetingDate, complex ? ComplexNoticeWorkingDays : NoticeWorkingDays);
        var issued = noticeDate ?? due;
        var answerDue = calendar.AddWorkingDays(issued, AnswerWorkingDays);
        var assignments = ToAnswerInWriting(meeting)
            .Select(o => new NoticeAssignment(o.Number, o.SubmitterName, o.SubmitterPlace, o.Content, o.Outcome, o.GoesToLevelAbove,
                o.LeadAssignment?.DepartmentName ?? Unassigned,
                o.Assignments.Where(a => !a.IsLead).Select(a => a.DepartmentName).ToList(), answerDue))
            .ToList();
        return new(meetingDate, due, issued, NoticeCounts.Of(meeting), assignments);
    }
}
