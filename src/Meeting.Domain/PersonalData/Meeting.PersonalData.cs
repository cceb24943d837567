namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    /// <summary>
    /// The citizen withdraws a request still waiting for screening and asks that what they gave be forgotten: name, place,
    /// phone and words become the marker in the request, its opinion and this meeting's pending lines. The number stays.
    /// </summary>
    public ErasedTraces WithdrawAndErase(Guid requestId, DateTimeOffset now)
    {
        var request = FindRequest(requestId);
        if (request.Status != SpeakRequestStatus.Submitted)
            throw new MeetingRuleException(request.Status == SpeakRequestStatus.Withdrawn
                ? $"Phiếu số {request.Number} đã rút đăng ký. Muốn xóa thông tin, xin liên hệ bộ phận tiếp nhận hoặc văn phòng."
                : $"Phiếu số {request.Number} đã được bộ phận tiếp nhận xem xét ({Describe(request.Status)}), không thể tự xóa nữa. Xin liên hệ bộ phận tiếp nhận hoặc văn phòng để được xóa thông tin.");
        var traces = new ErasedTraces { SubjectsOnly = true };
        request.Withdraw();
        EraseRequest(request, traces);
        if (request.OpinionId is { } opinionId && !request.IsFollowUp)
        {
            var opinion = FindOpinion(opinionId);
            opinion.Close();
            EraseOpinion(opinion, traces);
        }
        ScrubPending(traces);
        Raise(EventKinds.RequestWithdrawn, $"{Hm(now)} — Phiếu số {request.Number} đã rút đăng ký; {PersonalData.ErasedEventText.ToLowerInvariant()}.", request.Id);
        return traces;
    }

    /// <summary>
    /// Staff erase a person at their request: the named requests, opinions and delegate entries keep their rows, numbers,
    /// statuses and check-ins (counts stay right) but lose name, place, phone and words. A person on the floor is refused.
    /// </summary>
    public ErasedTraces ErasePersonalData(IReadOnlyCollection<Guid> requestIds, IReadOnlyCollection<Guid> opinionIds,
        IReadOnlyCollection<Guid> delegateIds, DateTimeOffset now)
    {
        var requests = requestIds.Distinct().Select(FindRequest).ToList();
        // A request's own opinion carries the same name and the words it raised: it goes with the request.
        var opinions = opinionIds.Concat(requests.Where(r => !r.IsFollowUp && r.OpinionId is not null).Select(r => r.OpinionId!.Value))
            .Distinct().Select(FindOpinion).ToList();
        var delegates = delegateIds.Distinct()
            .Select(id => _delegates.FirstOrDefault(d => d.Id == id) ?? throw new MeetingRuleException("Không tìm thấy đại biểu này."))
            .ToList();
        if (requests.Count + opinions.Count + delegates.Count == 0) throw new MeetingRuleException("Không có thông tin nào để xóa.");
        if (requests.FirstOrDefault(r => r.Status is SpeakRequestStatus.Called or SpeakRequestStatus.Speaking) is { } onFloor)
            throw new MeetingRuleException($"Phiếu số {onFloor.Number} đang được mời phát biểu; hãy xóa sau khi kết thúc lượt.");

        var traces = new ErasedTraces();
        foreach (var request in requests) EraseRequest(request, traces);
        foreach (var opinion in opinions) EraseOpinion(opinion, traces);
        foreach (var person in delegates)
        {
            traces.AddDistinctive(person.Name);
            traces.AddDistinctive(person.Phone);
            traces.AddPlace(person.Organization);
            traces.Subjects.Add(person.Id);
            person.ErasePersonalData();
            traces.Delegates++;
        }
        // Staff notes, prepared answers and reasons for refusing are the staff's words, but may name the person.
        foreach (var request in _requests) request.ScrubReason(traces);
        foreach (var opinion in _opinions)
        {
            foreach (var note in opinion.Notes) note.Scrub(traces);
            opinion.ScrubPreparedAnswer(traces);
        }
        ScrubPending(traces);
        Raise(EventKinds.PersonalDataErased,
            $"{Hm(now)} — {PersonalData.ErasedEventText}: {traces.Requests} phiếu đăng ký, {traces.Opinions} ý kiến, {traces.Delegates} đại biểu.",
            staffOnly: true);
        return traces;
    }

    /// <summary>
    /// Retention: once every written answer of the meeting is in, the phone numbers (given only to reach people about the
    /// answer) are dropped. Returns how many were dropped; nothing is journalled when there were none.
    /// </summary>
    public int ForgetPhones(DateTimeOffset now)
    {
        var count = 0;
        foreach (var request in _requests.Where(r => r.Phone is not null)) { request.ForgetPhone(); count++; }
        foreach (var opinion in _opinions.Where(o => o.SubmitterPhone is not null)) { opinion.ForgetPhone(); count++; }
        if (count > 0)
            Raise(EventKinds.PhonesForgotten, $"{Hm(now)} — Đã xóa {count} số điện thoại sau khi hoàn thành trả lời kiến nghị.", staffOnly: true);
        return count;
    }

    private static void EraseRequest(SpeakRequest request, ErasedTraces traces)
    {
        traces.AddDistinctive(request.Name);
        traces.AddDistinctive(request.Phone);
        traces.AddPlace(request.Place);
        traces.Subjects.Add(request.Id);
        request.ErasePersonalData();
        traces.Requests++;
    }

    private static void EraseOpinion(Opinion opinion, ErasedTraces traces)
    {
        traces.AddDistinctive(opinion.SubmitterName);
        traces.AddDistinctive(opinion.SubmitterPhone);
        traces.AddDistinctive(opinion.Content);
        traces.AddPlace(opinion.SubmitterPlace);
        traces.Subjects.Add(opinion.Id);
        foreach (var assignment in opinion.Assignments) traces.Subjects.Add(assignment.Id);
        traces.OpinionNumbers.Add(opinion.Number);
        traces.OpinionIds.Add(opinion.Id);
        opinion.ErasePersonalData();
        traces.Opinions++;
    }

    /// <summary>Lines raised in this batch and not yet journalled lose the traces as the stored journal will.</summary>
    private void ScrubPending(ErasedTraces traces)
    {
        for (var i = 0; i < _events.Count; i++)
            _events[i] = _events[i] with { Text = PersonalData.Scrub(_events[i].Text, _events[i].SubjectId, traces) };
    }
}
