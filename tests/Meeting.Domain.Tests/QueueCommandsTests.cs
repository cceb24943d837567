using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class QueueCommandsTests
{
    private static Meeting MeetingWithThreeQueued(out SpeakRequest an, out SpeakRequest chi, out SpeakRequest dung)
    {
        var meeting = Live();
        an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        chi = meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);
        dung = meeting.Queue("Hoàng Văn Dũng", "Thôn Nam", 30);
        meeting.TakeEvents();
        return meeting;
    }

    [Fact]
    public void MoveInQueue_with_a_stale_QueueVersion_is_refused_and_changes_nothing()
    {
        var meeting = MeetingWithThreeQueued(out _, out _, out var dung);
        var staleVersion = meeting.QueueVersion;
        meeting.Queue("Vũ Thị Em", "Hội Nông dân xã", 40); // another device changes the queue
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "vừa thay đổi trên thiết bị khác",
            () => meeting.MoveInQueue(dung.Id, 0, staleVersion, At(50)));
        Assert.False(dung.PinnedByChair);
    }

    [Fact]
    public void MoveInQueue_places_the_request_at_the_chosen_index_and_pins_it()
    {
        var meeting = MeetingWithThreeQueued(out _, out _, out var dung);

        meeting.MoveInQueue(dung.Id, 1, meeting.QueueVersion, At(50));

        Assert.Equal(["Nguyễn Văn An", "Hoàng Văn Dũng", "Lê Thị Chi"], meeting.QueueNames());
        Assert.True(dung.PinnedByChair);
        var reordered = Assert.Single(meeting.PendingEvents);
        Assert.Equal(EventKinds.QueueReordered, reordered.Kind);
        Assert.Contains("lên vị trí 2", reordered.Text);
    }

    [Fact]
    public void Moving_one_request_changes_no_one_elses_place_relative_to_the_others()
    {
        // Places repeat, as in a hall: the default order alternates them, but a chair's move is the chair's alone.
        string[] places = ["Xóm 1", "Xóm 1", "Xóm 2", "Xóm 1", "Xóm 3", "Xóm 2", "Xóm 2", "Xóm 3", "Xóm 1", "Xóm 4"];
        for (var moved = 1; moved < places.Length; moved++)
        {
            var meeting = Live();
            for (var i = 0; i < places.Length; i++) meeting.Queue($"Người {i + 1}", places[i], 10 + i);
            var before = meeting.QueueNames().ToList();
            var request = meeting.QueuedRequests()[moved];

            meeting.MoveInQueue(request.Id, moved - 1, meeting.QueueVersion, At(100));

            var after = meeting.QueueNames().ToList();
            Assert.Equal(request.Name, after[moved - 1]);
            Assert.Equal(before.Where(n => n != request.Name), after.Where(n => n != request.Name));
        }
    }

    [Fact]
    public void MoveInQueue_outside_the_queue_is_refused()
    {
        var meeting = MeetingWithThreeQueued(out var an, out _, out _);

        Refused.AndUnchanged(meeting, "ngoài danh sách chờ", () => meeting.MoveInQueue(an.Id, 3, meeting.QueueVersion, At(50)));
    }

    [Fact]
    public void MoveToTop_puts_the_request_at_the_head()
    {
        var meeting = MeetingWithThreeQueued(out _, out var chi, out _);

        meeting.MoveToTop(chi.Id, meeting.QueueVersion, At(50));

        Assert.Equal(["Lê Thị Chi", "Nguyễn Văn An", "Hoàng Văn Dũng"], meeting.QueueNames());
        Assert.Equal(1, meeting.PlaceInLine(chi));
    }

    [Fact]
    public void Every_queue_change_advances_QueueVersion()
    {
        var meeting = MeetingWithThreeQueued(out var an, out var chi, out _);
        var versions = new List<int> { meeting.QueueVersion };

        meeting.MoveToTop(chi.Id, meeting.QueueVersion, At(50));
        versions.Add(meeting.QueueVersion);
        meeting.Withdraw(an.Id, At(60));
        versions.Add(meeting.QueueVersion);
        meeting.CallNext(At(70));
        versions.Add(meeting.QueueVersion);

        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public void PutBack_puts_the_called_person_second_in_line_and_frees_the_floor()
    {
        var meeting = MeetingWithThreeQueued(out var an, out _, out _);
        meeting.CallNext(At(50));

        meeting.PutBack(At(60));

        Assert.True(meeting.Floor.IsFree);
        Assert.Equal(SpeakRequestStatus.Approved, an.Status);
        Assert.Null(an.CalledAt);
        Assert.Equal(["Lê Thị Chi", "Nguyễn Văn An", "Hoàng Văn Dũng"], meeting.QueueNames());
        Assert.Equal(EventKinds.SpeakerPutBack, meeting.PendingEvents[^1].Kind);
    }

    [Fact]
    public void PutBack_is_refused_once_the_speaker_has_started()
    {
        var meeting = MeetingWithThreeQueued(out _, out _, out _);
        meeting.CallNext(At(50));
        meeting.StartTimer(At(55));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "chưa bắt đầu phát biểu", () => meeting.PutBack(At(60)));
    }

    [Fact]
    public void InsertPriorityTurn_goes_ahead_of_an_entry_the_chair_moved_to_the_head()
    {
        var meeting = MeetingWithThreeQueued(out _, out _, out var dung);
        meeting.MoveToTop(dung.Id, meeting.QueueVersion, At(40));

        var priority = meeting.InsertPriorityTurn("Đỗ Văn Giang", "Chủ tịch UB MTTQ xã", At(50));

        Assert.True(priority.IsPriority);
        Assert.Equal(SpeakRequestStatus.Approved, priority.Status);
        Assert.Equal(["Đỗ Văn Giang", "Hoàng Văn Dũng", "Nguyễn Văn An", "Lê Thị Chi"], meeting.QueueNames());
        Assert.Contains("Lượt ưu tiên: Đỗ Văn Giang (Chủ tịch UB MTTQ xã)", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void InsertPriorityTurn_without_a_name_is_refused()
    {
        var meeting = MeetingWithThreeQueued(out _, out _, out _);

        Refused.AndUnchanged(meeting, "Hãy nhập tên người phát biểu ưu tiên",
            () => meeting.InsertPriorityTurn("   ", "Khách mời", At(50)));
    }

}
