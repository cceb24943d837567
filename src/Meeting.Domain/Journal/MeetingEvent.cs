namespace DoiThoai.Domain;

/// <summary>
/// One thing that happened in a meeting, raised by a command. The journal stores it with a sequence number;
/// <see cref="Text"/> is the Vietnamese line the secretary's timeline (and later the minutes) shows.
/// Staff-only events (private notes) never reach public screens.
/// </summary>
public sealed record MeetingEvent(string Kind, string Text, Guid? SubjectId = null, bool StaffOnly = false);

public static class EventKinds
{
    public const string MeetingCreated = "MeetingCreated";
    public const string NoticeIssued = "NoticeIssued";
    public const string MeetingStarted = "MeetingStarted";
    public const string MeetingEnded = "MeetingEnded";
    public const string MeetingAnnounced = "MeetingAnnounced";
    public const string StepStarted = "StepStarted";
    public const string AgendaEdited = "AgendaEdited";
    public const string RequestSubmitted = "RequestSubmitted";
    public const string RequestApproved = "RequestApproved";
    public const string RequestRejected = "RequestRejected";
    public const string RequestMerged = "RequestMerged";
    public const string RequestWithdrawn = "RequestWithdrawn";
    public const string RequestWrittenOnly = "RequestWrittenOnly";
    public const string RequestEdited = "RequestEdited";
    public const string QueueReordered = "QueueReordered";
    public const string PriorityTurnAdded = "PriorityTurnAdded";
    public const string SpeakerCalled = "SpeakerCalled";
    public const string SpeakerPutBack = "SpeakerPutBack";
    public const string TimerStarted = "TimerStarted";
    public const string TimerPaused = "TimerPaused";
    public const string TimerExtended = "TimerExtended";
    public const string TurnFinished = "TurnFinished";
    public const string DepartmentsAssigned = "DepartmentsAssigned";
    public const string DepartmentCalled = "DepartmentCalled";
    public const string ChairAnswering = "ChairAnswering";
    public const string OutcomeSet = "OutcomeSet";
    public const string StaffNoteAdded = "StaffNoteAdded";
    public const string AnswerSummaryRecorded = "AnswerSummaryRecorded";
    public const string ProjectorOverridden = "ProjectorOverridden";
    public const string ProjectorLinkRenewed = "ProjectorLinkRenewed";
    public const string AttendanceChanged = "AttendanceChanged";
    public const string DelegateAdded = "DelegateAdded";
    public const string DelegateEdited = "DelegateEdited";
    public const string DelegateRemoved = "DelegateRemoved";
    public const string DelegatesImported = "DelegatesImported";
    public const string PersonalDataErased = "PersonalDataErased";
    public const string PhonesForgotten = "PhonesForgotten";
}
