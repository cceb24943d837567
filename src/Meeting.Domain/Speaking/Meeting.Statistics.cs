namespace DoiThoai.Domain;

public sealed record PlaceTally(string Place, int Turns, int Seconds);

public sealed record RequestCounters(int Received, int ToScreen, int Waiting, int OnFloor, int Spoken, int WrittenOnly, int Closed);

public sealed partial class Meeting
{
    /// <summary>How many turns and how much speaking time each village or organization has had.</summary>
    public IReadOnlyList<PlaceTally> TurnsByPlace() =>
        _requests.Where(r => r.Status == SpeakRequestStatus.Spoken && !r.IsPriority)
            // Same folding as the queue policy: "Thôn Đông" and "thon dong" are one village.
            .GroupBy(r => SearchText.Fold(r.Place))
            .Select(g => new PlaceTally(g.Key.Length == 0 ? "(không ghi)" : g.First().Place, g.Count(), g.Sum(r => r.SpokenSeconds ?? 0)))
            .OrderByDescending(t => t.Turns).ThenBy(t => t.Place)
            .ToList();

    public RequestCounters Counters()
    {
        var citizens = _requests.Where(r => !r.IsPriority).ToList();
        return new RequestCounters(
            citizens.Count,
            citizens.Count(r => r.Status == SpeakRequestStatus.Submitted),
            citizens.Count(r => r.Status == SpeakRequestStatus.Approved),
            citizens.Count(r => r.Status is SpeakRequestStatus.Called or SpeakRequestStatus.Speaking),
            citizens.Count(r => r.Status == SpeakRequestStatus.Spoken),
            citizens.Count(r => r.Status == SpeakRequestStatus.WrittenOnly),
            citizens.Count(r => r.Status is SpeakRequestStatus.Rejected or SpeakRequestStatus.Merged or SpeakRequestStatus.Withdrawn));
    }
}
