using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class StatisticsTests
{
    [Fact]
    public void TurnsByPlace_counts_spoken_turns_and_seconds_per_place_most_turns_first()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);
        meeting.Queue("Phạm Văn Bảo", "thôn đông", 30);
        meeting.SpeakNext(atSeconds: 100, seconds: 60);
        meeting.SpeakNext(atSeconds: 200, seconds: 90);
        meeting.SpeakNext(atSeconds: 300, seconds: 30);
        meeting.Queue("Hoàng Văn Dũng", "Thôn Nam", 400); // waiting, not spoken

        Assert.Equal(
            [new PlaceTally("Thôn Đông", 2, 90), new PlaceTally("Thôn Tây", 1, 90)],
            meeting.TurnsByPlace());
    }

    [Fact]
    public void TurnsByPlace_leaves_out_priority_turns_and_labels_a_blank_place()
    {
        var meeting = Live();
        meeting.Queue("Trần Văn Khách", "", 10);
        meeting.SpeakNext(atSeconds: 20, seconds: 45);
        meeting.InsertPriorityTurn("Đỗ Văn Giang", "Chủ tịch UB MTTQ xã", At(100));
        meeting.SpeakNext(atSeconds: 110, seconds: 120);

        Assert.Equal([new PlaceTally("(không ghi)", 1, 45)], meeting.TurnsByPlace());
    }

    [Fact]
    public void Counters_sort_citizen_requests_by_state_and_leave_out_priority_turns()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 20);                                   // spoken
        var waiting = meeting.Queue("Lê Thị Chi", "Thôn Tây", 100);          // waiting
        meeting.Submit(Request(name: "Phạm Văn Bảo"), At(110));              // to screen
        var written = meeting.Submit(Request(name: "Vũ Thị Em", mode: SpeakMode.WrittenOnly), At(120));
        meeting.Approve(written.Id, At(121));                                // written only
        var rejected = meeting.Submit(Request(name: "Đinh Văn Phúc"), At(130));
        meeting.Reject(rejected.Id, "Đơn thư", At(131));                     // closed
        var withdrawn = meeting.Queue("Bùi Thị Hoa", "Thôn Nam", 140);
        meeting.Withdraw(withdrawn.Id, At(141));                             // closed
        var merged = meeting.Queue("Ngô Văn Ích", "Thôn Nam", 150);
        meeting.Merge(merged.Id, waiting.Id, At(151));                       // closed
        meeting.InsertPriorityTurn("Đỗ Văn Giang", "Khách mời", At(160));     // not a citizen request

        Assert.Equal(new RequestCounters(Received: 7, ToScreen: 1, Waiting: 1, OnFloor: 0, Spoken: 1, WrittenOnly: 1, Closed: 3),
            meeting.Counters());
    }

    [Fact]
    public void TurnsByPlace_counts_one_village_whatever_its_accents_or_case()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 20, seconds: 30);
        meeting.Queue("Lê Văn Bình", "thon dong", 100);
        meeting.SpeakNext(atSeconds: 120, seconds: 45);

        var tally = Assert.Single(meeting.TurnsByPlace());

        Assert.Equal(2, tally.Turns);
        Assert.Equal(75, tally.Seconds);
    }

    [Fact]
    public void Counters_count_the_person_holding_the_floor()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.CallNext(At(20));

        Assert.Equal(1, meeting.Counters().OnFloor);
        Assert.Equal(0, meeting.Counters().Waiting);
    }
}
