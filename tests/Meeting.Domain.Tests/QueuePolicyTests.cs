using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class QueuePolicyTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid D = new("00000000-0000-0000-0000-00000000000d");

    private static SpeakerQueuePolicy.Entry Entry(Guid id, string place, int approvedAtSeconds,
        bool repeat = false, bool priority = false, int? pinnedAt = null) =>
        new(id, place, priority, repeat, At(approvedAtSeconds), pinnedAt);

    // --- SpeakerQueuePolicy.Arrange directly ---

    [Fact]
    public void Arrange_puts_first_time_speakers_before_repeat_speakers()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10, repeat: true), Entry(B, "Thôn Tây", 20), Entry(C, "Thôn Nam", 30)], null);

        Assert.Equal([B, C, A], order);
    }

    [Fact]
    public void Arrange_does_not_give_a_village_two_turns_in_a_row_while_another_waits()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "Thôn Đông", 20), Entry(C, "Thôn Tây", 30)], null);

        Assert.Equal([A, C, B], order);
    }

    [Fact]
    public void Arrange_head_avoids_the_village_of_the_last_speaker()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "Thôn Tây", 20)], lastSpeakerPlace: "Thôn Đông");

        Assert.Equal([B, A], order);
    }

    [Fact]
    public void Arrange_lets_a_village_repeat_when_no_other_village_waits()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "Thôn Đông", 20)], lastSpeakerPlace: "Thôn Đông");

        Assert.Equal([A, B], order);
    }

    [Fact]
    public void Arrange_first_time_speakers_win_over_village_spreading()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "Thôn Tây", 5, repeat: true)], lastSpeakerPlace: "Thôn Đông");

        Assert.Equal([A, B], order);
    }

    [Fact]
    public void Arrange_compares_places_without_case_or_diacritics()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "thon dong", 20), Entry(C, "Thôn Tây", 30)], null);

        Assert.Equal([A, C, B], order);
    }

    [Fact]
    public void Arrange_pinned_entry_keeps_its_index()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "Thôn Tây", 20), Entry(C, "Thôn Nam", 30), Entry(D, "Thôn Bắc", 40, pinnedAt: 1)],
            null);

        Assert.Equal([A, D, B, C], order);
    }

    [Fact]
    public void Arrange_puts_a_priority_turn_at_the_head()
    {
        var order = SpeakerQueuePolicy.Arrange(
            [Entry(A, "Thôn Đông", 10), Entry(B, "Thôn Tây", 20), Entry(C, "", 90, priority: true)], null);

        Assert.Equal(C, order[0]);
    }

    // --- the same rules through the meeting ---

    [Fact]
    public void Meeting_queue_puts_a_first_time_speaker_before_someone_who_already_spoke()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);

        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 200);
        meeting.Queue("Trần Thị Bình", "Thôn Tây", 210);

        Assert.Equal(["Trần Thị Bình", "Nguyễn Văn An"], meeting.QueueNames());
    }

    [Fact]
    public void Meeting_queue_spreads_turns_across_villages()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Queue("Phạm Văn Bảo", "Thôn Đông", 20);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 30);

        Assert.Equal(["Nguyễn Văn An", "Lê Thị Chi", "Phạm Văn Bảo"], meeting.QueueNames());
    }

    [Fact]
    public void Meeting_queue_head_is_not_from_the_village_that_just_spoke()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);

        meeting.Queue("Phạm Văn Bảo", "Thôn Đông", 200);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 210);

        Assert.Equal(["Lê Thị Chi", "Phạm Văn Bảo"], meeting.QueueNames());
    }

    [Fact]
    public void Meeting_queue_keeps_an_entry_the_chair_placed_when_others_are_approved()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);
        var dung = meeting.Queue("Hoàng Văn Dũng", "Thôn Nam", 30);
        meeting.MoveInQueue(dung.Id, 0, meeting.QueueVersion, At(40));

        meeting.Queue("Vũ Thị Em", "Hội Nông dân xã", 50);

        Assert.Equal("Hoàng Văn Dũng", meeting.QueueNames()[0]);
        Assert.True(dung.PinnedByChair);
    }

    [Fact]
    public void Meeting_queue_puts_a_priority_turn_at_the_head()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);

        meeting.InsertPriorityTurn("Đỗ Văn Giang", "Chủ tịch UB MTTQ xã phát biểu", At(30));

        Assert.Equal(["Đỗ Văn Giang", "Nguyễn Văn An", "Lê Thị Chi"], meeting.QueueNames());
    }
    // --- the arrangement against the rule read plainly ---

    [Fact]
    public void Arrange_gives_the_order_the_rule_read_plainly_gives_on_random_queues()
    {
        // The places spelt in several ways (case, diacritics, none) so folding decides what "the same place" is.
        string[] places = ["Thôn Đông", "thon dong", "Thôn Tây", "Xóm 1", "", "Hội Nông dân xã", "THÔN TÂY"];
        var random = new Random(20261207);
        for (var round = 0; round < 400; round++)
        {
            var count = random.Next(1, 40);
            var entries = Enumerable.Range(0, count).Select(_ => new SpeakerQueuePolicy.Entry(Guid.NewGuid(),
                places[random.Next(places.Length)], random.Next(8) == 0, random.Next(3) == 0,
                At(random.Next(20)), random.Next(6) == 0 ? random.Next(count + 2) : null)).ToList();
            var last = random.Next(3) == 0 ? null : places[random.Next(places.Length)];

            Assert.Equal(ArrangedPlainly(entries, last), SpeakerQueuePolicy.Arrange(entries, last));
        }
    }

    /// <summary>
    /// The rule as the policy states it, one slot at a time: the first waiting entry of the best tier not from the
    /// previous place, else the first of that tier (a walk along the queue per slot: the way it was written first).
    /// </summary>
    private static List<Guid> ArrangedPlainly(IReadOnlyList<SpeakerQueuePolicy.Entry> entries, string? lastPlace)
    {
        var slots = new SpeakerQueuePolicy.Entry?[entries.Count];
        foreach (var pinned in entries.Where(e => e.PinnedAt is not null).OrderBy(e => e.PinnedAt))
        {
            var index = Math.Clamp(pinned.PinnedAt!.Value, 0, entries.Count - 1);
            while (slots[index] is not null) index = (index + 1) % entries.Count;
            slots[index] = pinned;
        }
        static int Tier(SpeakerQueuePolicy.Entry e) => e.IsPriority ? 0 : e.IsRepeatSpeaker ? 2 : 1;
        var waiting = entries.Where(e => e.PinnedAt is null).OrderBy(Tier).ThenBy(e => e.ApprovedAt).ThenBy(e => e.Id).ToList();
        var previous = SearchText.Fold(lastPlace);
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] is null)
            {
                var tier = Tier(waiting[0]);
                var pick = waiting.FirstOrDefault(e => Tier(e) == tier && !(SearchText.Fold(e.Place).Length > 0 && SearchText.Fold(e.Place) == previous)) ?? waiting[0];
                waiting.Remove(pick);
                slots[i] = pick;
            }
            previous = SearchText.Fold(slots[i]!.Place);
        }
        return [.. slots.Select(e => e!.Id)];
    }
}
