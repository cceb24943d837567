namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    public SpeakRequest? FloorSpeaker => Floor.SpeakRequestId is { } id ? _requests.FirstOrDefault(r => r.Id == id) : null;

    public Assignment? FloorAssignment => Floor.AssignmentId is { } id
        ? _opinions.SelectMany(o => o.Assignments).FirstOrDefault(a => a.Id == id)
        : null;

    public Opinion? FocusOpinion => FocusOpinionId is { } id ? _opinions.FirstOrDefault(o => o.Id == id) : null;

    /// <summary>Calls the head of the queue. Refused while anyone holds the floor: never two speakers.</summary>
    public SpeakRequest CallNext(DateTimeOffset now)
    {
        RequireLive();
        RequireFloorFree();
        var next = QueuedRequests().FirstOrDefault() ?? throw new MeetingRuleException("Chưa có ai trong danh sách chờ phát biểu.");
        next.Call(now);
        Floor.Give(FloorKind.Speaker, next.Id, null, next.OpinionId, SpeakingLimitSeconds);
        if (next.OpinionId is not null) FocusOpinionId = next.OpinionId;
        RearrangeQueue();
        Raise(EventKinds.SpeakerCalled, $"{Hm(now)} — Mời {next.Name}{PlaceSuffix(next.Place)} phát biểu (phiếu số {next.Number}).", next.Id);
        return next;
    }

    /// <summary>The called person is not at the microphone: back into the queue, second in line.</summary>
    public void PutBack(DateTimeOffset now)
    {
        var speaker = FloorSpeaker;
        if (speaker is null || speaker.Status != SpeakRequestStatus.Called)
            throw new MeetingRuleException("Chỉ đưa lại hàng chờ người vừa được mời mà chưa bắt đầu phát biểu.");
        Floor.Clear();
        speaker.PutBack();
        var queue = QueuedRequests().Where(r => r.Id != speaker.Id).ToList();
        var index = Math.Min(1, queue.Count);
        queue.Insert(index, speaker);
        for (var i = 0; i < queue.Count; i++) queue[i].SetQueuePosition(i);
        speaker.PlaceInQueue(index, pinned: true);
        RearrangeQueue();
        Raise(EventKinds.SpeakerPutBack, $"{Hm(now)} — {speaker.Name} chưa có mặt, đưa lại danh sách chờ.", speaker.Id);
    }

    public void StartTimer(DateTimeOffset now)
    {
        RequireLive();
        if (Floor.IsFree) throw new MeetingRuleException("Chưa mời ai phát biểu.");
        Floor.Timer.Start(now);
        if (FloorSpeaker is { Status: SpeakRequestStatus.Called } speaker) speaker.StartSpeaking();
        Raise(EventKinds.TimerStarted, $"{Hm(now)} — {FloorHolderName()} bắt đầu ({Clock.Format(Floor.Timer.RemainingSeconds(now))} còn lại).", Floor.SpeakRequestId ?? Floor.AssignmentId);
    }

    public void PauseTimer(DateTimeOffset now)
    {
        if (Floor.IsFree) throw new MeetingRuleException("Chưa mời ai phát biểu.");
        Floor.Timer.Pause(now);
        Raise(EventKinds.TimerPaused, $"{Hm(now)} — Tạm dừng đồng hồ.", Floor.SpeakRequestId ?? Floor.AssignmentId);
    }

    public void ExtendTimer(int minutes, DateTimeOffset now)
    {
        if (Floor.IsFree) throw new MeetingRuleException("Chưa mời ai phát biểu.");
        if (minutes is < 1 or > 10) throw new MeetingRuleException("Mỗi lần gia hạn từ 1 đến 10 phút.");
        Floor.Timer.Extend(minutes * 60);
        Raise(EventKinds.TimerExtended, $"{Hm(now)} — Gia hạn thêm {minutes} phút cho {FloorHolderName()}.", Floor.SpeakRequestId ?? Floor.AssignmentId);
    }

    /// <summary>Ends the current turn (speaker, department or chair). The opinion stays in focus for its answer.</summary>
    public void FinishTurn(DateTimeOffset now)
    {
        if (Floor.IsFree) throw new MeetingRuleException("Hiện không có ai đang phát biểu.");
        var seconds = Floor.Timer.Stop(now);
        var name = FloorHolderName();
        if (FloorSpeaker is { } speaker)
        {
            if (speaker.Status == SpeakRequestStatus.Called) speaker.StartSpeaking();
            speaker.FinishSpeaking(now, seconds);
        }
        FloorAssignment?.RecordAnswer(now, seconds);
        var subject = Floor.SpeakRequestId ?? Floor.AssignmentId;
        Floor.Clear();
        if (QueuedRequests().Count > 0) RearrangeQueue();
        Raise(EventKinds.TurnFinished, $"{Hm(now)} — {name} kết thúc ({Clock.Format(seconds)}).", subject);
    }

    /// <summary>The chair answers the opinion in person; a turn with its own timer.</summary>
    public void AnswerByChair(Guid opinionId, DateTimeOffset now)
    {
        RequireLive();
        RequireFloorFree();
        var opinion = RequireAnswerable(opinionId);
        // Like every turn, the clock starts with "Bắt đầu": one rule on every seat, whoever holds the floor.
        Floor.Give(FloorKind.Chair, null, null, opinion.Id, AnswerLimitSeconds);
        FocusOpinionId = opinion.Id;
        Raise(EventKinds.ChairAnswering, $"{Hm(now)} — Chủ trì trả lời ý kiến số {opinion.Number}.", opinion.Id);
    }

    /// <summary>An assigned department answers now: called the way a speaker is, with its own timer.</summary>
    public void CallDepartment(Guid assignmentId, DateTimeOffset now)
    {
        RequireLive();
        RequireFloorFree();
        var assignment = _opinions.SelectMany(o => o.Assignments).FirstOrDefault(a => a.Id == assignmentId)
            ?? throw new MeetingRuleException("Không tìm thấy phân công này.");
        var opinion = RequireAnswerable(assignment.OpinionId);
        assignment.Call(now);
        Floor.Give(FloorKind.Department, null, assignment.Id, opinion.Id, AnswerLimitSeconds);
        FocusOpinionId = opinion.Id;
        Raise(EventKinds.DepartmentCalled, $"{Hm(now)} — Mời {assignment.DepartmentName} trả lời ý kiến số {opinion.Number}.", assignment.Id);
    }

    public string FloorHolderName() => Floor.Kind switch
    {
        FloorKind.Speaker => FloorSpeaker?.Name ?? "",
        FloorKind.Department => FloorAssignment?.DepartmentName ?? "",
        FloorKind.Chair => Chairs.FirstOrDefault() is { } chair ? $"Chủ trì ({chair.Name})" : "Chủ trì",
        _ => "",
    };

    private void RequireFloorFree()
    {
        if (!Floor.IsFree)
            throw new MeetingRuleException($"{FloorHolderName()} đang phát biểu. Hãy kết thúc lượt này trước.");
    }
}
