using System.Collections.ObjectModel;

namespace DoiThoai.Domain;

/// <summary>Ý kiến, kiến nghị: one thing a citizen raises. Speak-requests are turns that raise or follow up on it.</summary>
public sealed class Opinion : MeetingRow
{
    // Observable: the change tracker hears of an added or removed row as of a changed value.
    private readonly ObservableCollection<Assignment> _assignments = [];
    private readonly ObservableCollection<StaffNote> _notes = [];

    private Opinion() { SubmitterName = SubmitterPlace = Content = ""; }

    internal Opinion(Guid meetingId, int number, string submitterName, string submitterPlace,
        OpinionField field, string content, OpinionSource source)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        Number = number;
        SubmitterName = submitterName;
        SubmitterPlace = submitterPlace;
        Field = field;
        Content = content;
        Source = source;
    }

    public Guid Id { get; private set => Set(ref field, value); }
    public Guid MeetingId { get; private set => Set(ref field, value); }
    public int Number { get; private set => Set(ref field, value); }
    public string SubmitterName { get; private set => Set(ref field, value); }
    public string SubmitterPlace { get; private set => Set(ref field, value); }
    public OpinionField Field { get; private set => Set(ref field, value); }
    public string Content { get; private set => Set(ref field, value); }
    public OpinionSource Source { get; private set => Set(ref field, value); }
    public Authority Authority { get; private set => Set(ref field, value); }
    public bool IsOutOfTopic { get; private set => Set(ref field, value); }
    public bool IsPetition { get; private set => Set(ref field, value); }
    /// <summary>Set when reception merged this opinion into another (a duplicate).</summary>
    public Guid? MergedIntoId { get; private set => Set(ref field, value); }
    public bool IsClosed { get; private set => Set(ref field, value); }
    public OpinionOutcome Outcome { get; private set => Set(ref field, value); }
    public DateTimeOffset? OutcomeAt { get; private set => Set(ref field, value); }
    /// <summary>Who recorded the outcome (the signed-in name), so a seat that chose meanwhile is told who it was.</summary>
    public string? OutcomeBy { get; private set => Set(ref field, value); }

    /// <summary>Collected before the meeting (indirect dialogue): the channel it came through; None for the hall's own.</summary>
    public CollectedChannel Channel { get; private set => Set(ref field, value); }
    public DateOnly? ReceivedOn { get; private set => Set(ref field, value); }
    /// <summary>Given on the online form or by hand, with the person's consent: only to reach them about the answer.</summary>
    public string? SubmitterPhone { get; private set => Set(ref field, value); }
    /// <summary>The online form's one-time key: a re-sent form finds the opinions it already made.</summary>
    public string? SubmissionKey { get; private set => Set(ref field, value); }
    /// <summary>The day the lead department's answer must be ready (before the meeting, for agenda step 4).</summary>
    public DateOnly? PrepareDue { get; private set => Set(ref field, value); }
    /// <summary>The answer prepared before the meeting, as the answer report (Mẫu 6) prints it.</summary>
    public string? PreparedAnswer { get; private set => Set(ref field, value); }
    public DateTimeOffset? PreparedAt { get; private set => Set(ref field, value); }
    /// <summary>What was answered in the hall, in a line or two, as the minutes' Thảo luận says it.</summary>
    public string? AnswerSummary { get; private set => Set(ref field, value); }
    /// <summary>Who wrote the summary last (the signed-in name): a seat that edited meanwhile is told who it was.</summary>
    public string? AnswerSummaryBy { get; private set => Set(ref field, value); }

    public bool IsCollected => Source == OpinionSource.BeforeMeeting;

    public IReadOnlyList<Assignment> Assignments => _assignments;
    public IReadOnlyList<StaffNote> Notes => _notes;

    public bool IsOpen => !IsClosed && MergedIntoId is null;
    public Assignment? LeadAssignment => _assignments.FirstOrDefault(a => a.IsLead);

    /// <summary>
    /// For the level above to settle: forwarded in the hall, or classified "đề xuất với cấp trên" while preparing and given
    /// no other outcome since. Every document words such an opinion as a proposal upwards, not as an answer.
    /// </summary>
    public bool GoesToLevelAbove => Outcome == OpinionOutcome.ForwardedToLevelAbove
        || (Outcome == OpinionOutcome.None && Authority == Authority.LevelAbove);

    internal static Opinion Collected(Guid meetingId, int number, CollectedOpinionDraft clean, string? submissionKey) =>
        new(meetingId, number, clean.Name, clean.Place, clean.Field, clean.Content, OpinionSource.BeforeMeeting)
        {
            Channel = clean.Channel,
            ReceivedOn = clean.ReceivedOn,
            SubmitterPhone = clean.Phone,
            SubmissionKey = submissionKey,
        };

    internal void EditCollected(CollectedOpinionDraft clean)
    {
        SubmitterName = clean.Name;
        SubmitterPlace = clean.Place;
        Field = clean.Field;
        Content = clean.Content;
        Channel = clean.Channel;
        ReceivedOn = clean.ReceivedOn;
        SubmitterPhone = clean.Phone;
    }

    internal void Classify(OpinionField field, Authority authority, bool outOfTopic, bool petition)
    {
        Field = field;
        Authority = authority;
        IsOutOfTopic = outOfTopic;
        IsPetition = petition;
    }

    internal void Unmerge() => MergedIntoId = null;

    internal void SetPrepareDue(DateOnly due) => PrepareDue = due;

    internal void SetAnswerSummary(string? text, string? by)
    {
        AnswerSummary = text;
        AnswerSummaryBy = by;
    }

    internal void RecordPreparedAnswer(string text, DateTimeOffset now)
    {
        PreparedAnswer = text;
        PreparedAt = now;
    }

    /// <summary>Makes the assigned departments exactly <paramref name="departments"/>, led by <paramref name="leadId"/>; true if anything changed.</summary>
    internal bool ReplaceAssignments(IReadOnlyList<DepartmentRef> departments, Guid leadId, DateTimeOffset now)
    {
        var wanted = departments.Select(d => d.Id).ToHashSet();
        var unwanted = _assignments.Where(a => !wanted.Contains(a.DepartmentId)).ToList();
        foreach (var assignment in unwanted) _assignments.Remove(assignment);
        var changed = Assign(departments, leadId, now);
        return unwanted.Count > 0 || changed.Count > 0;
    }

    internal void ChangeField(OpinionField field) => Field = field;

    internal void EditContent(string content) => Content = content;

    internal void MergeInto(Opinion target) => MergedIntoId = target.Id;

    /// <summary>Closed without dialogue (rejected petition, withdrawn): no outcome can be set any more.</summary>
    internal void Close() => IsClosed = true;

    /// <summary>Its sender withdrew it: the phone number, given only to receive the answer, is not kept.</summary>
    internal void ForgetPhone() => SubmitterPhone = null;

    internal void MarkPetition() => IsPetition = true;

    /// <summary>Who raised it and their words are forgotten; number, field, outcome and assignments stay.</summary>
    internal void ErasePersonalData()
    {
        SubmitterName = PersonalData.Marker;
        SubmitterPlace = "";
        SubmitterPhone = null;
        Content = PersonalData.Marker;
    }

    internal void ScrubPreparedAnswer(ErasedTraces traces)
    {
        if (PreparedAnswer is { } text) PreparedAnswer = PersonalData.Scrub(text, Id, traces);
    }

    /// <summary>Adds the departments not yet assigned and makes <paramref name="leadId"/> the lead; returns what changed.</summary>
    internal IReadOnlyList<Assignment> Assign(IReadOnlyList<DepartmentRef> departments, Guid leadId, DateTimeOffset now)
    {
        var changed = new List<Assignment>();
        foreach (var department in departments)
        {
            if (_assignments.Any(a => a.DepartmentId == department.Id)) continue;
            var assignment = new Assignment(Id, department, department.Id == leadId, now);
            _assignments.Add(assignment);
            changed.Add(assignment);
        }
        var lead = _assignments.First(a => a.DepartmentId == leadId);
        if (!lead.IsLead)
        {
            lead.PromoteToLead();
            changed.Add(lead);
        }
        foreach (var other in _assignments.Where(a => a.IsLead && a != lead)) other.DemoteToCoordinator();
        return changed;
    }

    internal void SetOutcome(OpinionOutcome outcome, DateTimeOffset now, string? by)
    {
        Outcome = outcome;
        OutcomeAt = now;
        OutcomeBy = by;
        // The chair may correct an outcome: the classification follows the latest one.
        IsOutOfTopic = outcome == OpinionOutcome.NotedOutOfTopic;
        Authority = outcome == OpinionOutcome.ForwardedToLevelAbove ? Authority.LevelAbove : Authority.Within;
    }

    internal StaffNote AddNote(string author, string text, DateTimeOffset now, Guid? noteId = null)
    {
        var note = new StaffNote(Id, author, text, now, noteId);
        _notes.Add(note);
        return note;
    }
}

/// <summary>A private note from the answer staff (bộ phận tham mưu trả lời) to the chair. Never shown on public screens.</summary>
public sealed class StaffNote : MeetingRow
{
    private StaffNote() { Author = Text = ""; }

    internal StaffNote(Guid opinionId, string author, string text, DateTimeOffset at, Guid? id = null)
    {
        Id = id ?? Guid.NewGuid();
        OpinionId = opinionId;
        Author = author;
        Text = text;
        At = at;
    }

    public Guid Id { get; private set => Set(ref field, value); }
    public Guid OpinionId { get; private set => Set(ref field, value); }
    public string Author { get; private set => Set(ref field, value); }
    public string Text { get; private set => Set(ref field, value); }
    public DateTimeOffset At { get; private set => Set(ref field, value); }

    internal void Scrub(ErasedTraces traces) => Text = PersonalData.Scrub(Text, OpinionId, traces);
}
