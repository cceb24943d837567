namespace DoiThoai.Domain;

/// <summary>
/// The default order of the speaker queue. Entries the chair placed by hand keep their place; the others fill the
/// remaining slots: priority turns first, then people who have not spoken yet, then repeat speakers, each group in
/// approval order, and within a group no village or organization takes two turns in a row while another waits.
/// First-time speakers before repeat speakers wins over village spreading.
/// </summary>
public static class SpeakerQueuePolicy
{
    public sealed record Entry(Guid Id, string Place, bool IsPriority, bool IsRepeatSpeaker, DateTimeOffset ApprovedAt,
        int? PinnedAt);

    /// <param name="entries">The queue as it stands (pinned entries carry their index).</param>
    /// <param name="lastSpeakerPlace">The place of whoever spoke last, so the head does not repeat it.</param>
    public static IReadOnlyList<Guid> Arrange(IReadOnlyList<Entry> entries, string? lastSpeakerPlace)
    {
        var count = entries.Count;
        var slots = new Entry?[count];
        foreach (var pinned in entries.Where(e => e.PinnedAt is not null).OrderBy(e => e.PinnedAt))
        {
            var index = Math.Clamp(pinned.PinnedAt!.Value, 0, count - 1);
            while (slots[index] is not null) index = (index + 1) % count;
            slots[index] = pinned;
        }

        var waiting = entries.Where(e => e.PinnedAt is null)
            .OrderBy(Tier).ThenBy(e => e.ApprovedAt).ThenBy(e => e.Id)
            .ToList();

        // Folded once per entry: comparing places pairwise folded each again (the queue's length squared).
        var places = entries.ToDictionary(e => e.Id, e => SearchText.Fold(e.Place));
        var previousPlace = SearchText.Fold(lastSpeakerPlace);
        for (var i = 0; i < count; i++)
        {
            if (slots[i] is { } fixedEntry)
            {
                previousPlace = places[fixedEntry.Id];
                continue;
            }
            var tier = Tier(waiting[0]);
            var pick = waiting.FirstOrDefault(e => Tier(e) == tier && !SamePlace(places[e.Id], previousPlace)) ?? waiting[0];
            waiting.Remove(pick);
            slots[i] = pick;
            previousPlace = places[pick.Id];
        }
        return slots.Select(e => e!.Id).ToList();
    }

    private static int Tier(Entry e) => e.IsPriority ? 0 : e.IsRepeatSpeaker ? 2 : 1;

    private static bool SamePlace(string foldedPlace, string foldedOther) => foldedPlace.Length > 0 && foldedPlace == foldedOther;
}
