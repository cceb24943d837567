using DoiThoai.Domain;

namespace DoiThoai.Web.Live;

/// <summary>
/// What one phone shows about its own request: the same words the status page prints. Name and content are the
/// person's own, shown only to the holder of the request's token.
/// </summary>
public sealed record PublicLine(int Number, string Headline, string Detail, bool IsOnFloor, bool CanWithdraw,
    string Name, string FieldLabel, string Content, bool CanErase = false);

/// <summary>
/// Every request's public line at one sequence number, built by the meeting's writer after each commit from the
/// meeting it holds — so a phone's live status costs a dictionary look-up, never a database query — and which
/// request numbers changed since the board before (only those phones need to look again).
/// </summary>
public sealed class PublicBoard
{
    /// <summary>
    /// Lines added since <see cref="_settled"/> was made, at most this many: a board of phones registering copies only
    /// these, and folds them into a new settled set now and then (copying all the lines once per that many, not every
    /// batch: the whole set was ~10% of a 2,000-phone burst's garbage).
    /// </summary>
    private const int RecentLimit = 256;

    private static readonly Dictionary<string, PublicLine> NoLines = [];
    // Shared by the boards built on it; never changed once made.
    private readonly Dictionary<string, PublicLine> _settled;
    private readonly Dictionary<string, PublicLine> _recent;

    private PublicBoard(Meeting meeting, Dictionary<string, PublicLine> settled, Dictionary<string, PublicLine> recent,
        IReadOnlyList<int> changed, IReadOnlyList<string> newTokens)
    {
        NewTokens = newTokens;
        MeetingId = meeting.Id;
        Code = meeting.PublicCode;
        Title = meeting.Title;
        Status = meeting.Status;
        Places = meeting.Places.ToList();
        Sequence = meeting.LastSequence;
        _settled = settled;
        _recent = recent;
        Changed = changed;
    }

    public Guid MeetingId { get; }
    public string Code { get; }
    public string Title { get; }
    public MeetingStatus Status { get; }
    public IReadOnlyList<string> Places { get; }
    public long Sequence { get; }
    /// <summary>Request numbers whose line differs from the previous board's (new requests included).</summary>
    public IReadOnlyList<int> Changed { get; }
    /// <summary>Status tokens not on the previous board: the node learns which meeting they belong to without a query.</summary>
    public IReadOnlyList<string> NewTokens { get; }

    public PublicLine? Find(string token) => _recent.TryGetValue(token, out var line) ? line : _settled.GetValueOrDefault(token);

    /// <summary>Every line: the settled ones, with the recent ones over them.</summary>
    private Dictionary<string, PublicLine> Lines() => _recent.Count == 0 ? _settled : Merged(_settled, _recent);

    /// <summary>For the tests' check that a board built from what changed equals one built from the whole meeting.</summary>
    public bool HasSameLinesAs(PublicBoard other)
    {
        var (mine, theirs) = (Lines(), other.Lines());
        return mine.Count == theirs.Count && mine.All(p => theirs.GetValueOrDefault(p.Key) is { } line && line == p.Value);
    }

    public static PublicBoard Build(Meeting meeting, PublicBoard? previous)
    {
        var opinions = meeting.Opinions.ToDictionary(o => o.Id);
        var ahead = meeting.QueuedRequests().Select((r, index) => (r.Id, index)).ToDictionary(p => p.Id, p => p.index);
        var lines = new Dictionary<string, PublicLine>(meeting.Requests.Count);
        var changed = new List<int>();
        var newTokens = new List<string>();
        foreach (var request in meeting.Requests)
        {
            var line = LineOf(request, ahead.TryGetValue(request.Id, out var place) ? place : null,
                request.OpinionId is { } id ? opinions.GetValueOrDefault(id) : null);
            lines[request.StatusToken] = line;
            var before = previous?.Find(request.StatusToken);
            if (before is null) newTokens.Add(request.StatusToken);
            if (before != line) changed.Add(request.Number);
        }
        return new PublicBoard(meeting, lines, NoLines, changed, newTokens);
    }

    /// <summary>
    /// After commands that only added requests (phones registering), every other line is as it was: add the new ones
    /// (appended last, not yet in the queue) instead of describing the whole meeting again.
    /// </summary>
    public PublicBoard WithNewRequests(Meeting meeting)
    {
        var added = new List<SpeakRequest>();
        for (var i = meeting.Requests.Count - 1; i >= 0 && Find(meeting.Requests[i].StatusToken) is null; i--)
            added.Add(meeting.Requests[i]);
        added.Reverse();
        var lines = new Dictionary<string, PublicLine>(_recent);
        var opinions = added.Count == 0 ? [] : meeting.Opinions.Skip(Math.Max(0, meeting.Opinions.Count - added.Count * 2)).ToDictionary(o => o.Id);
        foreach (var request in added)
        {
            var opinion = request.OpinionId is { } id ? opinions.GetValueOrDefault(id) ?? meeting.Opinions.FirstOrDefault(o => o.Id == id) : null;
            lines[request.StatusToken] = LineOf(request, request.IsQueued ? meeting.QueuedRequests().ToList().FindIndex(r => r.Id == request.Id) : null, opinion);
        }
        var (settled, recent) = lines.Count <= RecentLimit ? (_settled, lines) : (Merged(_settled, lines), NoLines);
        return new PublicBoard(meeting, settled, recent, added.Select(r => r.Number).ToList(), added.Select(r => r.StatusToken).ToList());
    }

    /// <summary>
    /// After a staff command: only the lines of the requests it changed, of those whose opinion it changed, and of the
    /// queue (a place in it moves when anyone joins or leaves) can differ — not the whole meeting's thousands.
    /// </summary>
    public PublicBoard WithChangedRequests(Meeting meeting, IReadOnlyCollection<SpeakRequest> touched, IReadOnlyCollection<Guid> touchedOpinions)
    {
        var queue = meeting.QueuedRequests();
        var candidates = new Dictionary<Guid, SpeakRequest>();
        foreach (var request in touched.Concat(queue)) candidates.TryAdd(request.Id, request);
        if (touchedOpinions.Count > 0)
            foreach (var request in meeting.Requests)
                if (request.OpinionId is { } opinionId && touchedOpinions.Contains(opinionId)) candidates.TryAdd(request.Id, request);
        var wanted = candidates.Values.Where(r => r.OpinionId is not null).Select(r => r.OpinionId!.Value).ToHashSet();
        var opinions = meeting.Opinions.Where(o => wanted.Contains(o.Id)).ToDictionary(o => o.Id);
        var ahead = queue.Select((r, index) => (r.Id, index)).ToDictionary(p => p.Id, p => p.index);
        var lines = new Dictionary<string, PublicLine>(_recent);
        var changed = new List<int>();
        var newTokens = new List<string>();
        foreach (var request in candidates.Values.OrderBy(r => r.Number))
        {
            var line = LineOf(request, ahead.TryGetValue(request.Id, out var place) ? place : null,
                request.OpinionId is { } id ? opinions.GetValueOrDefault(id) : null);
            var before = Find(request.StatusToken);
            if (before is null) newTokens.Add(request.StatusToken);
            if (before == line) continue;
            lines[request.StatusToken] = line;
            changed.Add(request.Number);
        }
        var (settled, recent) = lines.Count <= RecentLimit ? (_settled, lines) : (Merged(_settled, lines), NoLines);
        return new PublicBoard(meeting, settled, recent, changed, newTokens);
    }

    private static Dictionary<string, PublicLine> Merged(Dictionary<string, PublicLine> settled, Dictionary<string, PublicLine> recent)
    {
        var merged = new Dictionary<string, PublicLine>(settled.Count + recent.Count);
        foreach (var (token, line) in settled) merged[token] = line;
        foreach (var (token, line) in recent) merged[token] = line;
        return merged;
    }

    private static PublicLine LineOf(SpeakRequest request, int? ahead, Opinion? opinion)
    {
        var (headline, detail) = Describe(request, ahead, opinion);
        return new PublicLine(request.Number, headline, detail,
            request.Status is SpeakRequestStatus.Called or SpeakRequestStatus.Speaking,
            request.Status is SpeakRequestStatus.Submitted or SpeakRequestStatus.Approved,
            request.Name, opinion?.Field.ToVietnamese() ?? "", opinion?.Content ?? "",
            CanErase: request.Status == SpeakRequestStatus.Submitted);
    }

    public static (string Headline, string Detail) Describe(SpeakRequest request, int? ahead, Opinion? opinion) => request.Status switch
    {
        SpeakRequestStatus.Submitted => ("Đã nhận, đang chờ duyệt", "Bộ phận tiếp nhận sẽ xem phiếu của ông/bà trong ít phút."),
        SpeakRequestStatus.Approved => ($"Ông/bà đứng thứ {ahead + 1} trong danh sách chờ",
            ahead == 0 ? "Ông/bà là người tiếp theo. Xin chuẩn bị." : $"Còn {ahead} người trước ông/bà."),
        SpeakRequestStatus.Called => ("Mời ông/bà lên phát biểu!", "Xin mời ông/bà đến micro."),
        SpeakRequestStatus.Speaking => ("Ông/bà đang phát biểu", ""),
        SpeakRequestStatus.Spoken => ("Ông/bà đã phát biểu", OutcomeText(opinion)),
        SpeakRequestStatus.WrittenOnly => ("Ý kiến đã được ghi nhận", "Ý kiến sẽ được trả lời bằng văn bản. " + OutcomeText(opinion)),
        SpeakRequestStatus.Rejected => ("Không đưa ra đối thoại tại hội nghị", $"Lý do: {request.RejectReason}"),
        SpeakRequestStatus.Merged => ("Đã gộp với ý kiến cùng nội dung", request.RejectReason ?? ""),
        _ => ("Ông/bà đã rút đăng ký", ""),
    };

    private static string OutcomeText(Opinion? opinion) =>
        opinion is null || opinion.Outcome == OpinionOutcome.None ? "" : $"Kết quả: {opinion.Outcome.ToVietnamese()}.";
}
