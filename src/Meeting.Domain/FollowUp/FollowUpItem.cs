namespace DoiThoai.Domain;

/// <summary>Stored status of a tracked recommendation; "quá hạn" is not stored but read against the deadline.</summary>
public enum FollowUpStatus { NotAnswered, InProgress, Answered }

/// <summary>What the people and the MTTQ see: chưa trả lời / đang xử lý / đã trả lời / quá hạn.</summary>
public enum FollowUpState { NotAnswered, InProgress, Answered, Overdue }

/// <summary>
/// A recommendation not resolved at the meeting, followed from the conclusion notice to its written answer: the
/// department must answer by the deadline (15 working days after the notice). Once answered it stays answered; a
/// correction replaces the answer and keeps who recorded it.
/// </summary>
public sealed class FollowUpItem
{
    public const int MaxAnswerLength = 8000;
    public const int MaxReferenceLength = 60;

    private FollowUpItem() { MeetingTitle = SubmitterName = SubmitterPlace = Content = DepartmentName = RecordedBy = ""; }

    public FollowUpItem(Guid unitId, Guid meetingId, string meetingTitle, Opinion opinion, Guid departmentId,
        string departmentName, DateOnly noticeDate, DateOnly deadline, string? statusToken)
    {
        if (deadline <= noticeDate) throw new MeetingRuleException("Hạn trả lời phải sau ngày ban hành thông báo.");
        Id = Guid.NewGuid();
        UnitId = unitId;
        MeetingId = meetingId;
        MeetingTitle = meetingTitle;
        OpinionId = opinion.Id;
        OpinionNumber = opinion.Number;
        SubmitterName = opinion.SubmitterName;
        SubmitterPlace = opinion.SubmitterPlace;
        Field = opinion.Field;
        Content = opinion.Content;
        DepartmentId = departmentId;
        DepartmentName = departmentName;
        NoticeDate = noticeDate;
        Deadline = deadline;
        StatusToken = statusToken;
        RecordedBy = "";
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid MeetingId { get; private set; }
    public string MeetingTitle { get; private set; }
    public Guid OpinionId { get; private set; }
    /// <summary>"Ý kiến n" as the notice numbers it.</summary>
    public int OpinionNumber { get; private set; }
    public string SubmitterName { get; private set; }
    public string SubmitterPlace { get; private set; }
    public OpinionField Field { get; private set; }
    public string Content { get; private set; }
    public Guid DepartmentId { get; private set; }
    public string DepartmentName { get; private set; }
    public DateOnly NoticeDate { get; private set; }
    public DateOnly Deadline { get; private set; }
    /// <summary>The status link the person got at the meeting (/s/{token}), if they came through a speak-request.</summary>
    public string? StatusToken { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public string? AnswerText { get; private set; }
    public string? AnswerReference { get; private set; }
    public DateOnly? AnswerDate { get; private set; }
    public string? AttachmentName { get; private set; }
    /// <summary>Where the attached file is kept (relative to the data folder).</summary>
    public string? AttachmentPath { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset? RecordedAt { get; private set; }

    public FollowUpState StateOn(DateOnly today) =>
        Status == FollowUpStatus.Answered ? FollowUpState.Answered
        : today > Deadline ? FollowUpState.Overdue
        : Status == FollowUpStatus.InProgress ? FollowUpState.InProgress
        : FollowUpState.NotAnswered;

    /// <summary>Answered after the deadline (late answers still count as answered, but reports show them).</summary>
    public bool AnsweredLate => Status == FollowUpStatus.Answered && AnswerDate > Deadline;

    /// <summary>The copy of the person's name and words made when the notice was issued goes with the original.</summary>
    public void ErasePersonalData(ErasedTraces traces)
    {
        SubmitterName = PersonalData.Marker;
        SubmitterPlace = "";
        Content = PersonalData.Marker;
        if (AnswerText is { } answer) AnswerText = PersonalData.Scrub(answer, OpinionId, traces);
    }

    public void StartProcessing(string by, DateTimeOffset at)
    {
        if (Status == FollowUpStatus.Answered) throw new MeetingRuleException("Ý kiến này đã được trả lời.");
        Status = FollowUpStatus.InProgress;
        RecordedBy = by;
        RecordedAt = at;
    }

    /// <summary>Records (or corrects) the written answer: text, document number and date, an optional attached file.</summary>
    public void RecordAnswer(string? text, string? reference, DateOnly? answerDate, string? attachmentName, string? attachmentPath,
        string by, DateTimeOffset at, DateOnly today)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length == 0) throw new MeetingRuleException("Hãy nhập nội dung trả lời.");
        if (clean.Length > MaxAnswerLength) throw new MeetingRuleException($"Nội dung trả lời tối đa {MaxAnswerLength} ký tự.");
        var cleanReference = SearchText.Clean(reference);
        if (cleanReference.Length > MaxReferenceLength) throw new MeetingRuleException($"Số văn bản tối đa {MaxReferenceLength} ký tự.");
        if (answerDate is not { } date) throw new MeetingRuleException("Hãy nhập ngày văn bản trả lời.");
        if (date > today) throw new MeetingRuleException("Ngày văn bản trả lời không thể sau hôm nay.");
        if (date < NoticeDate) throw new MeetingRuleException($"Ngày văn bản trả lời không thể trước ngày thông báo kết luận ({NoticeDate:dd/MM/yyyy}).");
        Status = FollowUpStatus.Answered;
        AnswerText = clean;
        AnswerReference = cleanReference.Length == 0 ? null : cleanReference;
        AnswerDate = date;
        if (attachmentName is not null) (AttachmentName, AttachmentPath) = (attachmentName, attachmentPath);
        RecordedBy = by;
        RecordedAt = at;
    }

    public static string ToVietnamese(FollowUpState state) => state switch
    {
        FollowUpState.Answered => "Đã trả lời",
        FollowUpState.InProgress => "Đang xử lý",
        FollowUpState.Overdue => "Quá hạn",
        _ => "Chưa trả lời",
    };

    /// <summary>Most urgent first: overdue, then by deadline; answered last.</summary>
    public static IOrderedEnumerable<FollowUpItem> ByUrgency(IEnumerable<FollowUpItem> items, DateOnly today) =>
        items.OrderBy(i => i.StateOn(today) switch { FollowUpState.Overdue => 0, FollowUpState.Answered => 2, _ => 1 })
            .ThenBy(i => i.Deadline).ThenBy(i => i.OpinionNumber);
}
