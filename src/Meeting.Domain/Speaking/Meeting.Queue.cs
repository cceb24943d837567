namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    /// <summary>The speaker queue, head first.</summary>
    public IReadOnlyList<SpeakRequest> QueuedRequests() =>
        _requests.Where(r => r.IsQueued).OrderBy(r => r.QueuePosition).ThenBy(r => r.ApprovedAt).ToList();

    public int? PlaceInLine(SpeakRequest request)
    {
        if (!request.IsQueued) return null;
        var queue = QueuedRequests();
        for (var i = 0; i < queue.Count; i++) if (queue[i].Id == request.Id) return i + 1;
        return null;
    }

    /// <summary>The chair moves a request to a place in the queue (0 = head). A move made on a stale view is refused.</summary>
    public void MoveInQueue(Guid requestId, int newIndex, int expectedQueueVersion, DateTimeOffset now)
    {
        RequireCurrentQueue(expectedQueueVersion);
        var request = FindRequest(requestId);
        if (!request.IsQueued) throw new MeetingRuleException($"Phiếu số {request.Number} không còn trong danh sách chờ.");
        var queue = QueuedRequests().ToList();
        if (newIndex < 0 || newIndex >= queue.Count) throw new MeetingRuleException("Vị trí mới nằm ngoài danh sách chờ.");
        queue.Remove(request);
        queue.Insert(newIndex, request);
        for (var i = 0; i < queue.Count; i++) queue[i].SetQueuePosition(i);
        request.PlaceInQueue(newIndex, pinned: true);
        // The chair's move is the only change: the default order is not re-applied to the others here (it was, and
        // moving one person up swapped two others on their phones); it applies again when the queue itself changes.
        QueueVersion++;
        Raise(EventKinds.QueueReordered, $"{Hm(now)} — Chủ trì chuyển phiếu số {request.Number} ({request.Name}) lên vị trí {newIndex + 1}.", request.Id);
    }

    public void MoveToTop(Guid requestId, int expectedQueueVersion, DateTimeOffset now) =>
        MoveInQueue(requestId, 0, expectedQueueVersion, now);

    /// <summary>A priority turn (the MTTQ chairman, a guest, a point of order) goes to the head of the queue.</summary>
    public SpeakRequest InsertPriorityTurn(string name, string reason, DateTimeOffset now)
    {
        RequireLive();
        var cleanName = SearchText.Clean(name);
        var cleanReason = SearchText.Clean(reason);
        if (cleanName.Length is 0 or > MaxNameLength) throw new MeetingRuleException("Hãy nhập tên người phát biểu ưu tiên (tối đa 100 ký tự).");
        if (cleanReason.Length > MaxReasonLength) throw new MeetingRuleException($"Lý do tối đa {MaxReasonLength} ký tự.");
        var request = SpeakRequest.Priority(Id, ++LastRequestNumber, cleanName, cleanReason, Tokens.NewSecret(), now);
        _requests.Add(request);
        foreach (var queued in QueuedRequests().Where(r => r.Id != request.Id)) queued.SetQueuePosition(queued.QueuePosition!.Value + 1);
        request.PlaceInQueue(0, pinned: true);
        RearrangeQueue();
        Raise(EventKinds.PriorityTurnAdded, $"{Hm(now)} — Lượt ưu tiên: {cleanName}{(cleanReason.Length > 0 ? $" ({cleanReason})" : "")}.", request.Id);
        return request;
    }

    /// <summary>Re-applies the default policy to every entry the chair has not placed by hand.</summary>
    private void RearrangeQueue()
    {
        var queue = QueuedRequests();
        var spokenKeys = _requests.Where(r => r.Status == SpeakRequestStatus.Spoken).Select(r => r.SpeakerKey).ToHashSet();
        var entries = queue.Select((r, i) => new SpeakerQueuePolicy.Entry(
            r.Id, r.Place, r.IsPriority, spokenKeys.Contains(r.SpeakerKey), r.ApprovedAt ?? r.SubmittedAt,
            r.PinnedByChair ? i : null)).ToList();
        var lastPlace = _requests.Where(r => r.CalledAt is not null && !r.IsPriority)
            .OrderByDescending(r => r.CalledAt).FirstOrDefault()?.Place;
        var order = SpeakerQueuePolicy.Arrange(entries, lastPlace);
        // By the queue's own ids: looking each one up among all the meeting's requests grew with the meeting.
        var queued = queue.ToDictionary(r => r.Id);
        for (var i = 0; i < order.Count; i++) queued[order[i]].SetQueuePosition(i);
        QueueVersion++;
    }

    private void RequireCurrentQueue(int expectedQueueVersion)
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc.");
        if (expectedQueueVersion != QueueVersion)
            throw new MeetingRuleException("Danh sách chờ vừa thay đổi trên thiết bị khác. Hãy xem lại danh sách mới rồi thao tác lại.");
    }
}
