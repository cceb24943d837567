using System.Text.RegularExpressions;

namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    public const int MaxNameLength = 100;
    public const int MaxPlaceLength = 120;
    public const int MaxContentLength = 1500;
    public const int MaxReasonLength = 300;

    /// <summary>
    /// Registers a speak-request and the opinion it raises. The same idempotency key (a double tap, a retried
    /// form on a bad network) returns the request already made instead of a second one.
    /// </summary>
    public SpeakRequest Submit(SpeakRequestDraft draft, DateTimeOffset now)
    {
        if (FindByIdempotencyKey(draft.IdempotencyKey) is { } same) return same;
        RequireOpenForRequests();
        if (draft.Device is { } device && BlockedDevices.Contains(device)) throw new MeetingRuleException(DeviceBlocked);
        var clean = Validate(draft);
        var number = ++LastRequestNumber;
        var opinion = new Opinion(Id, number, clean.Name, clean.Place, clean.Field, clean.Content, clean.Source);
        _opinions.Add(opinion);
        var request = new SpeakRequest(Id, number, opinion.Id, clean, Tokens.NewSecret(), now);
        _requests.Add(request);
        Raise(EventKinds.RequestSubmitted,
            $"{Hm(now)} — Phiếu số {number}: {clean.Name}{PlaceSuffix(clean.Place)} đăng ký {(clean.Mode == SpeakMode.Speak ? "phát biểu" : "gửi ý kiến")} ({clean.Field.ToVietnamese()}).",
            request.Id);
        return request;
    }

    /// <summary>A follow-up turn (step 7) on an opinion already raised.</summary>
    public SpeakRequest SubmitFollowUp(Guid opinionId, SpeakRequestDraft draft, DateTimeOffset now)
    {
        if (FindByIdempotencyKey(draft.IdempotencyKey) is { } same) return same;
        RequireLive();
        var opinion = FindOpinion(opinionId);
        if (!opinion.IsOpen && opinion.MergedIntoId is not null) throw new MeetingRuleException("Ý kiến này đã được gộp vào ý kiến khác.");
        if (opinion.IsClosed) throw new MeetingRuleException("Ý kiến này đã bị từ chối hoặc rút, không thể trao đổi thêm.");
        var clean = Validate(draft with { Content = string.IsNullOrWhiteSpace(draft.Content) ? "Trao đổi thêm" : draft.Content });
        var request = new SpeakRequest(Id, ++LastRequestNumber, opinion.Id, clean, Tokens.NewSecret(), now);
        request.MarkFollowUp();
        _requests.Add(request);
        Raise(EventKinds.RequestSubmitted,
            $"{Hm(now)} — Phiếu số {request.Number}: {clean.Name}{PlaceSuffix(clean.Place)} đăng ký trao đổi thêm về ý kiến số {opinion.Number}.",
            request.Id);
        return request;
    }

    /// <summary>The chair gives the floor back on an opinion (step 7): a follow-up turn goes straight into the queue.</summary>
    public SpeakRequest QueueFollowUp(Guid opinionId, string name, string place, DateTimeOffset now)
    {
        var request = SubmitFollowUp(opinionId,
            new SpeakRequestDraft(name, place, OpinionField.Other, "", SpeakMode.Speak, OpinionSource.Floor), now);
        Approve(request.Id, now);
        return request;
    }

    public void Approve(Guid requestId, DateTimeOffset now)
    {
        var request = FindRequest(requestId);
        if (request.Status != SpeakRequestStatus.Submitted)
            throw new MeetingRuleException($"Phiếu số {request.Number} không còn chờ duyệt ({Describe(request.Status)}).");
        request.Approve(now);
        if (request.IsQueued)
        {
            request.PlaceInQueue(QueuedRequests().Count(), pinned: false);
            RearrangeQueue();
            Raise(EventKinds.RequestApproved, $"{Hm(now)} — Duyệt phiếu số {request.Number}: {request.Name} vào danh sách phát biểu.", request.Id);
        }
        else
        {
            Raise(EventKinds.RequestWrittenOnly, $"{Hm(now)} — Phiếu số {request.Number}: {request.Name} gửi ý kiến, trả lời bằng văn bản.", request.Id);
        }
    }

    public void Reject(Guid requestId, string reason, DateTimeOffset now)
    {
        var request = FindRequest(requestId);
        var cleanReason = SearchText.Clean(reason);
        if (cleanReason.Length == 0) throw new MeetingRuleException("Hãy ghi lý do từ chối.");
        if (cleanReason.Length > MaxReasonLength) throw new MeetingRuleException($"Lý do tối đa {MaxReasonLength} ký tự.");
        RequireNotOnFloorOrFinal(request, "từ chối");
        var wasQueued = request.IsQueued;
        request.Reject(cleanReason);
        if (request.OpinionId is { } opinionId && !request.IsFollowUp)
        {
            var opinion = FindOpinion(opinionId);
            opinion.Close();
            if (SearchText.Fold(cleanReason).Contains("don thu") || SearchText.Fold(cleanReason).Contains("khieu")) opinion.MarkPetition();
        }
        if (wasQueued) RearrangeQueue();
        Raise(EventKinds.RequestRejected, $"{Hm(now)} — Không đưa phiếu số {request.Number} ({request.Name}) ra đối thoại: {cleanReason}.", request.Id);
    }

    /// <summary>Merges a duplicate request into another: its opinion joins the other's, and it leaves the queue.</summary>
    public void Merge(Guid duplicateId, Guid intoId, DateTimeOffset now)
    {
        if (duplicateId == intoId) throw new MeetingRuleException("Không thể gộp một phiếu vào chính nó.");
        var duplicate = FindRequest(duplicateId);
        var target = FindRequest(intoId);
        RequireNotOnFloorOrFinal(duplicate, "gộp");
        if (target.Status is SpeakRequestStatus.Rejected or SpeakRequestStatus.Merged or SpeakRequestStatus.Withdrawn)
            throw new MeetingRuleException($"Phiếu số {target.Number} đã bị từ chối, gộp hoặc rút; hãy chọn phiếu khác.");
        var wasQueued = duplicate.IsQueued;
        duplicate.MergeInto(target);
        if (duplicate.OpinionId is { } dup && target.OpinionId is { } into && dup != into && !duplicate.IsFollowUp)
            FindOpinion(dup).MergeInto(FindOpinion(into));
        if (wasQueued) RearrangeQueue();
        Raise(EventKinds.RequestMerged, $"{Hm(now)} — Gộp phiếu số {duplicate.Number} ({duplicate.Name}) vào phiếu số {target.Number}.", duplicate.Id);
    }

    public const string DeviceBlocked =
        "Máy này đã bị bàn tiếp nhận dừng gửi phiếu cho hội nghị này. Nếu có nhầm lẫn, xin mời Ông/Bà đến bàn tiếp nhận để ghi phiếu giấy.";
    public const string BlockedReason = "Gửi hàng loạt từ cùng một máy (bàn tiếp nhận đã chặn máy này)";

    /// <summary>Requests that came from the same phone as this one (itself included), oldest first.</summary>
    public IReadOnlyList<SpeakRequest> FromSameDevice(SpeakRequest request) =>
        request.Device is { } device ? _requests.Where(r => r.Device == device).OrderBy(r => r.Number).ToList() : [request];

    /// <summary>
    /// The desk's answer to a flood from one phone: every request from it still waiting or queued is set aside at once,
    /// and it can send no more to this meeting. Turns already called or spoken stay. Returns the numbers set aside.
    /// </summary>
    public IReadOnlyList<int> BlockDevice(Guid requestId, DateTimeOffset now)
    {
        var device = FindRequest(requestId).Device
            ?? throw new MeetingRuleException("Phiếu này do cán bộ ghi, không gửi từ điện thoại; không có máy nào để chặn.");
        var setAside = _requests.Where(r => r.Device == device && r.Status is SpeakRequestStatus.Submitted or SpeakRequestStatus.Approved)
            .OrderBy(r => r.Number).ToList();
        var wasQueued = setAside.Any(r => r.IsQueued);
        foreach (var request in setAside)
        {
            request.Reject(BlockedReason);
            if (request.OpinionId is { } opinionId && !request.IsFollowUp) FindOpinion(opinionId).Close();
        }
        if (wasQueued) RearrangeQueue();
        if (!BlockedDevices.Contains(device)) BlockedDevices.Add(device);
        var numbers = setAside.Select(r => r.Number).ToList();
        Raise(EventKinds.RequestRejected, numbers.Count == 0
            ? $"{Hm(now)} — Chặn một máy gửi phiếu hàng loạt; không còn phiếu nào của máy đó chờ xử lý."
            : $"{Hm(now)} — Chặn một máy gửi phiếu hàng loạt: không đưa {numbers.Count} phiếu ra đối thoại (phiếu số {string.Join(", ", numbers)}).",
            requestId);
        return numbers;
    }

    public void Withdraw(Guid requestId, DateTimeOffset now)
    {
        var request = FindRequest(requestId);
        RequireNotOnFloorOrFinal(request, "rút");
        var wasQueued = request.IsQueued;
        request.Withdraw();
        if (request.OpinionId is { } opinionId && !request.IsFollowUp)
        {
            var opinion = FindOpinion(opinionId);
            opinion.Close();
            opinion.ForgetPhone();
        }
        if (wasQueued) RearrangeQueue();
        Raise(EventKinds.RequestWithdrawn, $"{Hm(now)} — Phiếu số {request.Number} ({request.Name}) đã rút đăng ký.", request.Id);
    }

    /// <summary>Keeps the opinion but takes the turn away: it will be answered in writing.</summary>
    public void MakeWrittenOnly(Guid requestId, DateTimeOffset now)
    {
        var request = FindRequest(requestId);
        RequireNotOnFloorOrFinal(request, "chuyển sang trả lời bằng văn bản");
        var wasQueued = request.IsQueued;
        request.MakeWrittenOnly();
        if (wasQueued) RearrangeQueue();
        Raise(EventKinds.RequestWrittenOnly, $"{Hm(now)} — Phiếu số {request.Number} ({request.Name}) chuyển sang trả lời bằng văn bản.", request.Id);
    }

    public void ChangeField(Guid requestId, OpinionField field, DateTimeOffset now)
    {
        var request = FindRequest(requestId);
        var opinion = request.OpinionId is { } id ? FindOpinion(id) : throw new MeetingRuleException("Lượt ưu tiên không có lĩnh vực.");
        if (opinion.Field == field) return;
        opinion.ChangeField(field);
        Raise(EventKinds.RequestEdited, $"{Hm(now)} — Phiếu số {request.Number}: lĩnh vực đổi thành {field.ToVietnamese()}.", request.Id);
    }

    private void RequireOpenForRequests()
    {
        if (Status == MeetingStatus.Draft) throw new MeetingRuleException("Hội nghị chưa mở đăng ký phát biểu.");
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc, không nhận thêm đăng ký.");
    }

    private void RequireNotOnFloorOrFinal(SpeakRequest request, string action)
    {
        if (request.Status is SpeakRequestStatus.Called or SpeakRequestStatus.Speaking)
            throw new MeetingRuleException($"Phiếu số {request.Number} đang được mời phát biểu, không thể {action}.");
        if (request.IsFinal)
            throw new MeetingRuleException($"Phiếu số {request.Number} đã {Describe(request.Status)}, không thể {action}.");
    }

    private static SpeakRequestDraft Validate(SpeakRequestDraft draft)
    {
        var name = SearchText.Clean(draft.Name);
        var place = SearchText.Clean(draft.Place);
        var content = SearchText.CleanText(draft.Content);
        if (name.Length == 0) throw new MeetingRuleException("Vui lòng nhập họ tên.");
        if (name.Length > MaxNameLength) throw new MeetingRuleException($"Họ tên tối đa {MaxNameLength} ký tự.");
        if (place.Length > MaxPlaceLength) throw new MeetingRuleException($"Thôn, xóm, tổ dân phố hoặc cơ quan tối đa {MaxPlaceLength} ký tự.");
        if (content.Length == 0) throw new MeetingRuleException("Vui lòng nhập nội dung ý kiến.");
        if (content.Length > MaxContentLength) throw new MeetingRuleException($"Nội dung tối đa {MaxContentLength} ký tự (hiện có {content.Length}).");
        if (!Enum.IsDefined(draft.Field)) throw new MeetingRuleException("Vui lòng chọn lĩnh vực.");
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(draft.Phone))
        {
            phone = Regex.Replace(draft.Phone, @"[\s.\-]", "");
            if (!Regex.IsMatch(phone, @"^(\+84|0)\d{9,10}$")) throw new MeetingRuleException("Số điện thoại không hợp lệ (ví dụ: 0912345678).");
            if (!draft.PhoneConsent)
                throw new MeetingRuleException("Ông/bà đã nhập số điện thoại nhưng chưa đánh dấu đồng ý cho phép lưu số. Hãy đánh dấu đồng ý hoặc xóa số điện thoại.");
        }
        if (draft.IdempotencyKey is { Length: > 64 }) throw new MeetingRuleException("Biểu mẫu không hợp lệ, vui lòng tải lại trang.");
        return draft with { Name = name, Place = place, Content = content, Phone = phone, PhoneConsent = phone is not null };
    }

    // Every phone's submit looks its key up: scanning every request made each submit cost more as the meeting filled
    // (3% of the server's CPU at 2,000 requests). Requests are only ever appended and a key never changes, so the
    // index takes in the requests added since the last lookup, whoever added them (a command, or EF loading the list).
    private readonly Dictionary<string, SpeakRequest> _requestsByKey = new(StringComparer.Ordinal);
    private int _requestsKeyed;

    private SpeakRequest? FindByIdempotencyKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        for (; _requestsKeyed < _requests.Count; _requestsKeyed++)
            if (_requests[_requestsKeyed].IdempotencyKey is { Length: > 0 } known) _requestsByKey.TryAdd(known, _requests[_requestsKeyed]);
        return _requestsByKey.GetValueOrDefault(key);
    }

    public SpeakRequest FindRequest(Guid requestId) =>
        _requests.FirstOrDefault(r => r.Id == requestId) ?? throw new MeetingRuleException("Không tìm thấy phiếu đăng ký này.");

    public Opinion FindOpinion(Guid opinionId) =>
        _opinions.FirstOrDefault(o => o.Id == opinionId) ?? throw new MeetingRuleException("Không tìm thấy ý kiến này.");

    public Opinion? OpinionOf(SpeakRequest request) =>
        request.OpinionId is { } id ? _opinions.FirstOrDefault(o => o.Id == id) : null;

    private static string PlaceSuffix(string place) => place.Length > 0 ? $" ({place})" : "";

    public static string Describe(SpeakRequestStatus status) => status switch
    {
        SpeakRequestStatus.Submitted => "chờ duyệt",
        SpeakRequestStatus.Approved => "trong danh sách chờ phát biểu",
        SpeakRequestStatus.Called => "được mời phát biểu",
        SpeakRequestStatus.Speaking => "đang phát biểu",
        SpeakRequestStatus.Spoken => "đã phát biểu",
        SpeakRequestStatus.Withdrawn => "rút đăng ký",
        SpeakRequestStatus.Rejected => "không đưa ra đối thoại",
        SpeakRequestStatus.WrittenOnly => "trả lời bằng văn bản",
        _ => "gộp vào phiếu khác",
    };
}
