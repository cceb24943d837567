namespace DoiThoai.Domain;

public enum SpeakRequestStatus { Submitted, Approved, Called, Speaking, Spoken, Withdrawn, Rejected, WrittenOnly, Merged }

public enum SpeakMode { Speak, WrittenOnly }

/// <summary>One person's turn to raise (or follow up on) an opinion. Queue order belongs to the chair.</summary>
public sealed class SpeakRequest : MeetingRow
{
    private SpeakRequest() { Name = Place = StatusToken = ""; }

    internal SpeakRequest(Guid meetingId, int number, Guid? opinionId, SpeakRequestDraft draft, string statusToken,
        DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        Number = number;
        OpinionId = opinionId;
        Name = draft.Name;
        Place = draft.Place;
        Phone = draft.Phone;
        PhoneConsent = draft.Phone is not null && draft.PhoneConsent;
        Mode = draft.Mode;
        Source = draft.Source;
        IdempotencyKey = draft.IdempotencyKey;
        DelegateId = draft.DelegateId;
        Device = draft.Device;
        StatusToken = statusToken;
        SubmittedAt = now;
    }

    public Guid Id { get; private set => Set(ref field, value); }
    public Guid MeetingId { get; private set => Set(ref field, value); }
    /// <summary>Shown to the delegate: "Phiếu số 12".</summary>
    public int Number { get; private set => Set(ref field, value); }
    public Guid? OpinionId { get; private set => Set(ref field, value); }
    public Guid? DelegateId { get; private set => Set(ref field, value); }
    public string Name { get; private set => Set(ref field, value); }
    /// <summary>Thôn / xóm / tổ dân phố or organization.</summary>
    public string Place { get; private set => Set(ref field, value); }
    public string? Phone { get; private set => Set(ref field, value); }
    public bool PhoneConsent { get; private set => Set(ref field, value); }
    public SpeakMode Mode { get; private set => Set(ref field, value); }
    public OpinionSource Source { get; private set => Set(ref field, value); }
    public SpeakRequestStatus Status { get; private set => Set(ref field, value); }
    public bool IsPriority { get; private set => Set(ref field, value); }
    /// <summary>For a priority turn: why it goes first ("Chủ tịch UB MTTQ xã phát biểu").</summary>
    public string? PriorityReason { get; private set => Set(ref field, value); }
    public bool IsFollowUp { get; private set => Set(ref field, value); }
    public string? RejectReason { get; private set => Set(ref field, value); }
    public string StatusToken { get; private set => Set(ref field, value); }
    public string? IdempotencyKey { get; private set => Set(ref field, value); }
    /// <summary>Which phone sent it (a short hash of its signed device cookie, or of its address without one); null for staff-entered slips.</summary>
    public string? Device { get; private set => Set(ref field, value); }
    public DateTimeOffset SubmittedAt { get; private set => Set(ref field, value); }
    public DateTimeOffset? ApprovedAt { get; private set => Set(ref field, value); }
    public DateTimeOffset? CalledAt { get; private set => Set(ref field, value); }
    public DateTimeOffset? FinishedAt { get; private set => Set(ref field, value); }
    public int? SpokenSeconds { get; private set => Set(ref field, value); }
    /// <summary>Index in the queue while approved; null otherwise.</summary>
    public int? QueuePosition { get; private set => Set(ref field, value); }
    /// <summary>The chair placed it by hand: the default policy leaves it where it is.</summary>
    public bool PinnedByChair { get; private set => Set(ref field, value); }

    public bool IsQueued => Status == SpeakRequestStatus.Approved;
    public bool IsFinal => Status is SpeakRequestStatus.Spoken or SpeakRequestStatus.Withdrawn
        or SpeakRequestStatus.Rejected or SpeakRequestStatus.WrittenOnly or SpeakRequestStatus.Merged;

    /// <summary>Who the person is, for "already spoke" and village spreading: the invitation if any, else name + place.</summary>
    public string SpeakerKey => DelegateId?.ToString() ?? SearchText.Fold(Name) + "|" + SearchText.Fold(Place);

    internal static SpeakRequest Priority(Guid meetingId, int number, string name, string reason, string token,
        DateTimeOffset now)
    {
        var request = new SpeakRequest(meetingId, number, null,
            new SpeakRequestDraft(name, "", OpinionField.Other, "", SpeakMode.Speak, OpinionSource.Floor), token, now)
        {
            IsPriority = true,
            PriorityReason = reason,
            Status = SpeakRequestStatus.Approved,
            ApprovedAt = now,
        };
        return request;
    }

    internal void MarkFollowUp() => IsFollowUp = true;

    internal void Approve(DateTimeOffset now)
    {
        Status = Mode == SpeakMode.WrittenOnly ? SpeakRequestStatus.WrittenOnly : SpeakRequestStatus.Approved;
        ApprovedAt = now;
    }

    internal void MakeWrittenOnly()
    {
        Mode = SpeakMode.WrittenOnly;
        Status = SpeakRequestStatus.WrittenOnly;
        LeaveQueue();
    }

    internal void Reject(string reason)
    {
        Status = SpeakRequestStatus.Rejected;
        RejectReason = reason;
        LeaveQueue();
    }

    internal void MergeInto(SpeakRequest target)
    {
        Status = SpeakRequestStatus.Merged;
        RejectReason = $"Trùng với phiếu số {target.Number}";
        LeaveQueue();
    }

    /// <summary>A withdrawn request keeps no way to reach its sender: the phone number was given for the answer only.</summary>
    internal void Withdraw()
    {
        Status = SpeakRequestStatus.Withdrawn;
        Phone = null;
        PhoneConsent = false;
        LeaveQueue();
    }

    /// <summary>Retention: the answer is in, so the number given to receive it is not kept.</summary>
    internal void ForgetPhone()
    {
        Phone = null;
        PhoneConsent = false;
    }

    /// <summary>Who sent it is forgotten; number, status and times stay so the counts still add up.</summary>
    internal void ErasePersonalData()
    {
        Name = PersonalData.Marker;
        Place = "";
        // The phone's hash too: it could tie this row to the person's other requests.
        Device = null;
        ForgetPhone();
        if (PriorityReason is not null) PriorityReason = PersonalData.Marker;
    }

    internal void ScrubReason(ErasedTraces traces)
    {
        if (RejectReason is { } reason) RejectReason = PersonalData.Scrub(reason, Id, traces);
    }

    internal void EditDetails(string name, string place)
    {
        Name = name;
        Place = place;
    }

    internal void Call(DateTimeOffset now)
    {
        Status = SpeakRequestStatus.Called;
        CalledAt = now;
        LeaveQueue();
    }

    internal void StartSpeaking() => Status = SpeakRequestStatus.Speaking;

    internal void FinishSpeaking(DateTimeOffset now, int seconds)
    {
        Status = SpeakRequestStatus.Spoken;
        FinishedAt = now;
        SpokenSeconds = seconds;
    }

    internal void PutBack()
    {
        Status = SpeakRequestStatus.Approved;
        CalledAt = null;
    }

    internal void PlaceInQueue(int position, bool pinned)
    {
        QueuePosition = position;
        PinnedByChair = pinned;
    }

    internal void SetQueuePosition(int position) => QueuePosition = position;

    private void LeaveQueue()
    {
        QueuePosition = null;
        PinnedByChair = false;
    }
}

/// <summary>What a phone, a paper slip or the reception desk submits.</summary>
public sealed record SpeakRequestDraft(
    string Name,
    string Place,
    OpinionField Field,
    string Content,
    SpeakMode Mode,
    OpinionSource Source,
    string? Phone = null,
    bool PhoneConsent = false,
    string? IdempotencyKey = null,
    Guid? DelegateId = null,
    string? Device = null);
