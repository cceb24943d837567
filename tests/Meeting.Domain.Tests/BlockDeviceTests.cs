using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>The reception desk stops a phone that floods the meeting: everything from it still waiting goes at once.</summary>
public class BlockDeviceTests
{
    private const string Spammer = "dAAAAAAAAAAAAAAAAAAAA", Neighbour = "dBBBBBBBBBBBBBBBBBBBB";

    [Fact]
    public void Blocking_a_phone_sets_aside_its_waiting_and_queued_requests_keeps_its_called_turn_and_refuses_its_next()
    {
        var meeting = Live();
        var called = meeting.Submit(Request(name: "Lê Văn Một") with { Device = Spammer }, At(1));
        meeting.Approve(called.Id, At(2));
        meeting.CallNext(At(3));
        var queued = meeting.Submit(Request(name: "Lê Văn Hai") with { Device = Spammer }, At(4));
        meeting.Approve(queued.Id, At(5));
        var neighbour = meeting.Queue("Trần Thị Bình", "Thôn Tây", 6);
        neighbour = meeting.Requests.Single(r => r.Id == neighbour.Id);
        var waiting = Enumerable.Range(0, 5).Select(i => meeting.Submit(Request(name: $"Rác {i}") with { Device = Spammer }, At(10 + i))).ToList();
        var paper = meeting.Submit(Request(name: "Phiếu giấy", source: OpinionSource.Paper), At(20));
        var other = meeting.Submit(Request(name: "Người khác") with { Device = Neighbour }, At(21));
        Assert.Equal(7, meeting.FromSameDevice(waiting[0]).Count);

        var setAside = meeting.BlockDevice(waiting[2].Id, At(30));

        Assert.Equal([queued.Number, .. waiting.Select(r => r.Number)], setAside);
        Assert.All(waiting.Append(queued), r =>
        {
            Assert.Equal(SpeakRequestStatus.Rejected, r.Status);
            Assert.Equal(Meeting.BlockedReason, r.RejectReason);
            Assert.True(meeting.OpinionOf(r)!.IsClosed);
        });
        Assert.Equal(SpeakRequestStatus.Called, called.Status);
        Assert.Equal(SpeakRequestStatus.Submitted, paper.Status);
        Assert.Equal(SpeakRequestStatus.Submitted, other.Status);
        Assert.Equal(["Trần Thị Bình"], meeting.QueueNames());
        var line = meeting.PendingEvents.Last();
        Assert.Contains($"không đưa 6 phiếu ra đối thoại (phiếu số {string.Join(", ", setAside)})", line.Text);
        Assert.DoesNotContain("Rác", line.Text);

        // The phone can send no more; its neighbour can.
        Refused.AndUnchanged(meeting, "dừng gửi phiếu", () => meeting.Submit(Request(name: "Rác nữa") with { Device = Spammer }, At(40)));
        meeting.Submit(Request(name: "Người khác nữa") with { Device = Neighbour }, At(41));
        Assert.Contains(Spammer, meeting.BlockedDevices);
        Assert.DoesNotContain(Neighbour, meeting.BlockedDevices);
    }

    [Fact]
    public void A_slip_the_staff_entered_has_no_phone_to_block()
    {
        var meeting = Live();
        var paper = meeting.Submit(Request(source: OpinionSource.Paper), At(1));
        Refused.AndUnchanged(meeting, "không có máy nào để chặn", () => meeting.BlockDevice(paper.Id, At(2)));
        Assert.Empty(meeting.BlockedDevices);
    }
}
