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
        // A hall has a handful of places: each is folded once, not once per entry.
        var folded = new Dictionary<string, string>();
        string Folded(string? place) => place is null ? "" : folded.TryGetValue(place, out var f) ? f : folded[place] = SearchText.Fold(place);

        // Per tier, each place's entries in order, and the first waiting entry of each place ordered by rank: the
        // earliest entry not from the previous place is the first of these heads, or the second — a pick costs a
        // lookup, not a walk along the queue (which made arranging a queue of thousands from one village quadratic).
        var byPlace = new Dictionary<(int Tier, string Place), Queue<int>>();
        var heads = new[] { new SortedSet<int>(), new SortedSet<int>(), new SortedSet<int>() };
        for (var rank = 0; rank < waiting.Count; rank++)
        {
            var key = (Tier(waiting[rank]), Folded(waiting[rank].Place));
            if (!byPlace.TryGetValue(key, out var line)) byPlace[key] = line = new Queue<int>();
            if (line.Count == 0) heads[key.Item1].Add(rank);
            line.Enqueue(rank);
        }

        var previousPlace = Folded(lastSpeakerPlace);
        for (var i = 0; i < count; i++)
        {
            if (slots[i] is { } fixedEntry)
            {
                previousPlace = Folded(fixedEntry.Place);
                continue;
            }
            var tierHeads = heads.First(h => h.Count > 0);
            var pick = tierHeads.Min;
            if (SamePlace(Folded(waiting[pick].Place), previousPlace) && tierHeads.Count > 1) pick = tierHeads.Skip(1).First();
            var picked = waiting[pick];
            var line = byPlace[(Tier(picked), Folded(picked.Place))];
            line.Dequeue();
            tierHeads.Remove(pick);
            if (line.Count > 0) tierHeads.Add(line.Peek());
            slots[i] = picked;
            previousPlace = Folded(picked.Place);
        }
        return slots.Select(e => e!.Id).ToList();
    }

    private static int Tier(Entry e) => e.IsPriority ? 0 : e.IsRepeatSpeaker ? 2 : 1;

    private static bool SamePlace(string foldedPlace, string foldedOther) => foldedPlace.Length > 0 && foldedPlace == foldedOther;
}
