namespace DoiThoai.Domain;

/// <summary>
/// A dialogue conference and everything live in it: agenda, speak-requests, opinions, the floor and the projector.
/// Every public method is one command: it checks the rules, changes the state and raises events, or throws a
/// <see cref="MeetingRuleException"/> and changes nothing.
/// </summary>
public sealed partial class Meeting
{
    public const int DefaultSpeakingLimitSeconds = 180;
    public const int DefaultAnswerLimitSeconds = 300;

    private readonly List<AgendaItem> _agenda = [];
    private readonly List<SpeakRequest> _requests = [];
    private readonly List<Opinion> _opinions = [];
    private readonly List<MeetingEvent> _events = [];

    private Meeting()
    {
        Title = Venue = HostOffice = Audience = PlanNumber = PublicCode = Content = "";
        Floor = new FloorHolder(0);
    }

    public static Meeting Create(MeetingPlan plan)
    {
        var values = PlanValues.Check(plan);
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(),
            UnitId = plan.UnitId,
            PublicCode = Tokens.NewShortCode(),
            SpeakingLimitSeconds = plan.SpeakingLimitSeconds,
            AnswerLimitSeconds = plan.AnswerLimitSeconds,
        };
        meeting.Apply(values);
        meeting._agenda.AddRange(AgendaTemplate.Standard.Items());
        meeting.Raise(EventKinds.MeetingCreated, $"Lập kế hoạch hội nghị: {meeting.Title}.", staffOnly: true);
        return meeting;
    }

    public Guid Id { get; private set; }
    /// <summary>The unit (commune) that holds the meeting: its staff see it, other units' staff do not.</summary>
    public Guid UnitId { get; private set; }
    public string Title { get; private set; }
    public MeetingKind Kind { get; private set; }
    public DialogueForm Form { get; private set; }
    public string HostOffice { get; private set; }
    /// <summary>Đối tượng đối thoại: who the chairs face ("Nhân dân xã Giao Minh").</summary>
    public string Audience { get; private set; }
    public string Venue { get; private set; }
    /// <summary>Nội dung đối thoại: what the plan asks the people to raise (printed on invitations and in the minutes).</summary>
    public string Content { get; private set; }
    public DateTimeOffset ScheduledStart { get; private set; }
    public int ExpectedAttendance { get; private set; }
    public string PlanNumber { get; private set; }
    public List<ChairPerson> Chairs { get; private set; } = [];
    /// <summary>Villages and organizations of the meeting plan, offered on the phone form.</summary>
    public List<string> Places { get; private set; } = [];
    /// <summary>Phones the reception desk blocked for this meeting (see <see cref="BlockDevice"/>).</summary>
    public List<string> BlockedDevices { get; private set; } = [];
    /// <summary>Giấy mời và thông báo rộng rãi: 5 or 7 working days before the meeting, as the plan chose.</summary>
    public int InvitationNoticeDays { get; private set; } = PreparationDefaults.InvitationNoticeDays;
    /// <summary>Preparation milestones marked done (see <see cref="PreparationTimeline"/>), one per key.</summary>
    public List<PreparationMark> PreparationMarks { get; private set; } = [];
    public MeetingStatus Status { get; private set; }
    /// <summary>The short public code phones use: /m/{code}.</summary>
    public string PublicCode { get; private set; }
    public int SpeakingLimitSeconds { get; private set; }
    public int AnswerLimitSeconds { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public int CurrentStepNumber { get; private set; }
    public FloorHolder Floor { get; private set; }
    /// <summary>The opinion the chair is dealing with: the last one raised, until it has an outcome.</summary>
    public Guid? FocusOpinionId { get; private set; }
    public int QueueVersion { get; private set; }
    public int LastRequestNumber { get; private set; }
    public ProjectorMode ProjectorMode { get; private set; }
    public string? ProjectorMessage { get; private set; }
    /// <summary>Signed projector links carry this number; renewing it makes every earlier link stop working.</summary>
    public int ProjectorLinkVersion { get; private set; } = 1;
    /// <summary>Sequence number of the last journal event; the command service advances it.</summary>
    public long LastSequence { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda;
    public IReadOnlyList<SpeakRequest> Requests => _requests;
    public IReadOnlyList<Opinion> Opinions => _opinions;

    public AgendaItem? CurrentStep => _agenda.FirstOrDefault(a => a.Number == CurrentStepNumber);

    /// <summary>Events raised since the meeting was loaded, in order; the command service journals them.</summary>
    public IReadOnlyList<MeetingEvent> PendingEvents => _events;

    public IReadOnlyList<MeetingEvent> TakeEvents()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }

    public long AdvanceSequence() => ++LastSequence;

    public void Announce()
    {
        if (Status != MeetingStatus.Draft) throw new MeetingRuleException("Hội nghị đã được thông báo.");
        Status = MeetingStatus.Announced;
        Raise(EventKinds.MeetingAnnounced, "Thông báo hội nghị.");
    }

    public void Start(DateTimeOffset now)
    {
        if (Status == MeetingStatus.Live) throw new MeetingRuleException("Hội nghị đang diễn ra.");
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc, không thể khai mạc lại.");
        Status = MeetingStatus.Live;
        StartedAt = now;
        Raise(EventKinds.MeetingStarted, $"Khai mạc hội nghị lúc {Hm(now)}.");
        BeginStep(1, now);
    }

    /// <summary>
    /// Closes the meeting. Nothing is left hanging: requests still waiting (queued, or not yet screened) and opinions
    /// raised without an outcome are settled as answered in writing, so their phones say so and the notice and the
    /// follow-up take them up (the secretary gives each a lead department before issuing the notice).
    /// </summary>
    public OpenAtClose End(DateTimeOffset now)
    {
        RequireLive();
        if (!Floor.IsFree) throw new MeetingRuleException("Còn một lượt đang diễn ra. Hãy kết thúc lượt đó trước khi bế mạc.");
        var open = OpenItems();
        foreach (var request in open.Queued.Concat(open.Unscreened))
        {
            request.MakeWrittenOnly();
            if (!request.IsFollowUp && request.OpinionId is { } id && FindOpinion(id) is { Outcome: OpinionOutcome.None } opinion)
                opinion.SetOutcome(OpinionOutcome.AnswerInWriting, now, ClosingActor);
        }
        foreach (var opinion in open.WithoutOutcome) opinion.SetOutcome(OpinionOutcome.AnswerInWriting, now, ClosingActor);
        if (open.Queued.Count > 0) RearrangeQueue();
        CurrentStep?.Finish(now);
        Status = MeetingStatus.Ended;
        EndedAt = now;
        if (!open.IsEmpty)
            Raise(EventKinds.OutcomeSet, $"{Hm(now)} — Khi bế mạc, chuyển trả lời bằng văn bản: {open.Describe()}.");
        Raise(EventKinds.MeetingEnded, $"Hội nghị kết thúc hồi {Hm(now)}.");
        return open;
    }

    private const string ClosingActor = "Bế mạc";

    /// <summary>What closing would settle now: the chair's Bế mạc dialog lists it before asking.</summary>
    public OpenAtClose OpenItems()
    {
        var queued = QueuedRequests().ToList();
        var unscreened = _requests.Where(r => r.Status == SpeakRequestStatus.Submitted).OrderBy(r => r.Number).ToList();
        var settledWithRequests = queued.Concat(unscreened).Where(r => r.OpinionId is not null).Select(r => r.OpinionId!.Value).ToHashSet();
        var withoutOutcome = MinutesDraft.Discussed(this)
            .Where(o => o.IsOpen && o.Outcome == OpinionOutcome.None && !settledWithRequests.Contains(o.Id)).ToList();
        return new OpenAtClose(queued, unscreened, withoutOutcome);
    }

    /// <summary>
    /// The conclusion notice was issued (its follow-up items are stored beside the meeting by the same command):
    /// journalled, so every seat hears of it.
    /// </summary>
    public void RecordNoticeIssued(string number, DateOnly noticeDate, int followUpItems, DateTimeOffset now)
    {
        if (Status != MeetingStatus.Ended)
            throw new MeetingRuleException("Hội nghị chưa kết thúc. Thông báo kết luận chỉ ban hành sau khi bế mạc hội nghị.");
        Raise(EventKinds.NoticeIssued,
            $"{Hm(now)} — Ban hành thông báo kết luận số {number} ngày {noticeDate:dd/MM/yyyy}: {followUpItems} ý kiến chuyển theo dõi trả lời bằng văn bản.",
            staffOnly: true);
    }

    public void SetProjector(ProjectorMode mode, string? message)
    {
        var text = SearchText.Clean(message);
        if (mode == ProjectorMode.Message && text.Length == 0)
            throw new MeetingRuleException("Hãy nhập nội dung thông báo cho màn chiếu.");
        if (text.Length > 200) throw new MeetingRuleException("Thông báo trên màn chiếu tối đa 200 ký tự.");
        ProjectorMode = mode;
        ProjectorMessage = mode == ProjectorMode.Message ? text : null;
        Raise(EventKinds.ProjectorOverridden, mode switch
        {
            ProjectorMode.Message => $"Màn chiếu hiện thông báo: {text}",
            ProjectorMode.Blank => "Màn chiếu tạm tắt.",
            _ => "Màn chiếu theo diễn biến hội nghị.",
        });
    }

    /// <summary>A projector link was shared too widely or a kiosk computer lost: earlier links stop working at once.</summary>
    public void RenewProjectorLink(DateTimeOffset now)
    {
        ProjectorLinkVersion++;
        Raise(EventKinds.ProjectorLinkRenewed, $"{Hm(now)} — Đổi liên kết màn chiếu: các liên kết cũ hết hiệu lực.", staffOnly: true);
    }

    private void RequireLive()
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc.");
        if (Status != MeetingStatus.Live) throw new MeetingRuleException("Hội nghị chưa khai mạc.");
    }

    private void Raise(string kind, string text, Guid? subjectId = null, bool staffOnly = false) =>
        _events.Add(new MeetingEvent(kind, text, subjectId, staffOnly));

    private static string Hm(DateTimeOffset time) => Clock.ToHallTime(time).ToString("HH:mm");
}

/// <summary>What the organizer fills in to create a meeting (kế hoạch).</summary>
public sealed record MeetingPlan(
    string Title,
    MeetingKind Kind,
    IReadOnlyList<ChairPerson> Chairs,
    string Venue,
    DateTimeOffset ScheduledStart,
    int ExpectedAttendance,
    string PlanNumber,
    string HostOffice = "",
    string Audience = "",
    DialogueForm Form = DialogueForm.Direct,
    IReadOnlyList<string>? PlacesList = null,
    int SpeakingLimitSeconds = Meeting.DefaultSpeakingLimitSeconds,
    int AnswerLimitSeconds = Meeting.DefaultAnswerLimitSeconds,
    string? Content = null,
    Guid UnitId = default,
    int InvitationNoticeDays = PreparationDefaults.InvitationNoticeDays)
{
    public IReadOnlyList<string> Places => PlacesList ?? [];
}

/// <summary>Requests and opinions still open when the meeting closes; closing answers them in writing.</summary>
public sealed record OpenAtClose(IReadOnlyList<SpeakRequest> Queued, IReadOnlyList<SpeakRequest> Unscreened, IReadOnlyList<Opinion> WithoutOutcome)
{
    public bool IsEmpty => Queued.Count + Unscreened.Count + WithoutOutcome.Count == 0;

    /// <summary>"2 phiếu đã duyệt chưa được mời phát biểu, 1 phiếu chưa duyệt, 1 ý kiến chưa ghi kết quả".</summary>
    public string Describe() => string.Join(", ", new[]
    {
        Queued.Count > 0 ? $"{Queued.Count} phiếu đã duyệt chưa được mời phát biểu (phiếu số {Numbers(Queued)})" : null,
        Unscreened.Count > 0 ? $"{Unscreened.Count} phiếu chưa duyệt (phiếu số {Numbers(Unscreened)})" : null,
        WithoutOutcome.Count > 0 ? $"{WithoutOutcome.Count} ý kiến chưa ghi kết quả (ý kiến số {string.Join(", ", WithoutOutcome.Select(o => o.Number))})" : null,
    }.Where(part => part is not null));

    private static string Numbers(IEnumerable<SpeakRequest> requests) => string.Join(", ", requests.Select(r => r.Number));
}
