using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class FloorTests
{
    private static Meeting MeetingWithSpeakerCalled(out SpeakRequest speaker, int calledAtSeconds = 60)
    {
        var meeting = Live();
        speaker = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);
        meeting.CallNext(At(calledAtSeconds));
        meeting.TakeEvents();
        return meeting;
    }

    // --- calling speakers ---

    [Fact]
    public void CallNext_gives_the_floor_to_the_head_of_the_queue()
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);

        var called = meeting.CallNext(At(60));

        Assert.Same(an, called);
        Assert.Equal(SpeakRequestStatus.Called, an.Status);
        Assert.Equal(At(60), an.CalledAt);
        Assert.Equal(FloorKind.Speaker, meeting.Floor.Kind);
        Assert.Same(an, meeting.FloorSpeaker);
        Assert.Equal(an.OpinionId, meeting.FocusOpinionId);
        Assert.Equal(["Lê Thị Chi"], meeting.QueueNames());
        Assert.Contains("14:01 — Mời Nguyễn Văn An (Thôn Đông) phát biểu (phiếu số 1)", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void CallNext_is_refused_while_someone_holds_the_floor()
    {
        var meeting = MeetingWithSpeakerCalled(out _);

        Refused.AndUnchanged(meeting, "Nguyễn Văn An đang phát biểu", () => meeting.CallNext(At(70)));
    }

    [Fact]
    public void CallNext_is_refused_on_an_empty_queue()
    {
        var meeting = Live();

        Refused.AndUnchanged(meeting, "Chưa có ai trong danh sách chờ", () => meeting.CallNext(At(10)));
    }

    [Fact]
    public void CallNext_is_refused_when_the_meeting_is_not_live()
    {
        var meeting = Draft();
        meeting.Announce();
        var request = meeting.Submit(Request(), At(-600));
        meeting.Approve(request.Id, At(-500));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "Hội nghị chưa khai mạc", () => meeting.CallNext(At(-400)));
    }

    // --- the timer, computed from stored times ---

    [Fact]
    public void StartTimer_marks_the_speaker_speaking_and_counts_down_from_the_stored_start()
    {
        var meeting = MeetingWithSpeakerCalled(out var an);

        meeting.StartTimer(At(70));

        Assert.Equal(SpeakRequestStatus.Speaking, an.Status);
        Assert.True(meeting.Floor.Timer.IsRunning);
        Assert.Equal(Meeting.DefaultSpeakingLimitSeconds, meeting.Floor.Timer.RemainingSeconds(At(70)));
        Assert.Equal(135, meeting.Floor.Timer.RemainingSeconds(At(115)));
        Assert.Contains("(3:00 còn lại)", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void PauseTimer_freezes_the_remaining_time()
    {
        var meeting = MeetingWithSpeakerCalled(out _);
        meeting.StartTimer(At(70));

        meeting.PauseTimer(At(100));

        Assert.False(meeting.Floor.Timer.IsRunning);
        Assert.Equal(150, meeting.Floor.Timer.RemainingSeconds(At(100)));
        Assert.Equal(150, meeting.Floor.Timer.RemainingSeconds(At(900)));
    }

    [Fact]
    public void StartTimer_after_a_pause_continues_from_the_seconds_used()
    {
        var meeting = MeetingWithSpeakerCalled(out _);
        meeting.StartTimer(At(70));
        meeting.PauseTimer(At(100));

        meeting.StartTimer(At(500));

        Assert.Equal(40, meeting.Floor.Timer.ElapsedSeconds(At(510)));
        Assert.Equal(140, meeting.Floor.Timer.RemainingSeconds(At(510)));
    }

    [Fact]
    public void StartTimer_while_running_is_refused()
    {
        var meeting = MeetingWithSpeakerCalled(out _);
        meeting.StartTimer(At(70));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "Đồng hồ đang chạy", () => meeting.StartTimer(At(80)));
        Assert.Equal(At(70), meeting.Floor.Timer.RunningSince);
    }

    [Fact]
    public void ExtendTimer_adds_the_minutes_to_the_limit()
    {
        var meeting = MeetingWithSpeakerCalled(out _);
        meeting.StartTimer(At(70));

        meeting.ExtendTimer(2, At(200));

        Assert.Equal(Meeting.DefaultSpeakingLimitSeconds + 120, meeting.Floor.Timer.LimitSeconds);
        Assert.Equal(170, meeting.Floor.Timer.RemainingSeconds(At(200)));
        Assert.Contains("Gia hạn thêm 2 phút cho Nguyễn Văn An", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void ExtendTimer_by_more_than_ten_minutes_is_refused()
    {
        var meeting = MeetingWithSpeakerCalled(out _);

        Refused.AndUnchanged(meeting, "từ 1 đến 10 phút", () => meeting.ExtendTimer(11, At(80)));
        Assert.Equal(Meeting.DefaultSpeakingLimitSeconds, meeting.Floor.Timer.LimitSeconds);
    }

    [Fact]
    public void Running_past_the_limit_shows_negative_remaining_time_as_overtime()
    {
        var meeting = MeetingWithSpeakerCalled(out _);
        meeting.StartTimer(At(70));
        var twentySecondsOver = At(70 + Meeting.DefaultSpeakingLimitSeconds + 20);

        Assert.True(meeting.Floor.Timer.IsOvertime(twentySecondsOver));
        Assert.Equal(-20, meeting.Floor.Timer.RemainingSeconds(twentySecondsOver));
        Assert.Equal("-0:20", Clock.Format(meeting.Floor.Timer.RemainingSeconds(twentySecondsOver)));
        Assert.False(meeting.Floor.Timer.IsOvertime(At(70 + Meeting.DefaultSpeakingLimitSeconds)));
    }

    // --- finishing a turn ---

    [Fact]
    public void FinishTurn_records_the_spoken_seconds_without_paused_time_and_frees_the_floor()
    {
        var meeting = MeetingWithSpeakerCalled(out var an);
        meeting.StartTimer(At(70));
        meeting.PauseTimer(At(130));   // 60 s
        meeting.StartTimer(At(400));

        meeting.FinishTurn(At(430));   // + 30 s

        Assert.Equal(SpeakRequestStatus.Spoken, an.Status);
        Assert.Equal(90, an.SpokenSeconds);
        Assert.Equal(At(430), an.FinishedAt);
        Assert.True(meeting.Floor.IsFree);
        Assert.Equal(an.OpinionId, meeting.FocusOpinionId);
        Assert.Contains("Nguyễn Văn An kết thúc (1:30)", meeting.PendingEvents[^1].Text);
    }

    // --- departments and the chair answer ---

    private static Meeting MeetingWithAnsweredSpeaker(out Opinion opinion, out Assignment lead)
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);
        opinion = meeting.OpinionOf(an)!;
        var economy = Department("Phòng Kinh tế");
        lead = meeting.AssignDepartments(opinion.Id, [economy], economy.Id, At(200)).Single();
        meeting.TakeEvents();
        return meeting;
    }

    [Fact]
    public void CallDepartment_gives_the_floor_with_its_own_answer_timer()
    {
        var meeting = MeetingWithAnsweredSpeaker(out var opinion, out var lead);

        meeting.CallDepartment(lead.Id, At(300));

        Assert.Equal(FloorKind.Department, meeting.Floor.Kind);
        Assert.Same(lead, meeting.FloorAssignment);
        Assert.Equal(opinion.Id, meeting.Floor.OpinionId);
        Assert.Equal(At(300), lead.CalledAt);
        Assert.Equal(Meeting.DefaultAnswerLimitSeconds, meeting.Floor.Timer.LimitSeconds);
        Assert.False(meeting.Floor.Timer.IsRunning);
        Assert.Equal("Phòng Kinh tế", meeting.FloorHolderName());
        Assert.Contains("Mời Phòng Kinh tế trả lời ý kiến số 1", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void FinishTurn_of_a_department_records_its_answer_seconds()
    {
        var meeting = MeetingWithAnsweredSpeaker(out _, out var lead);
        meeting.CallDepartment(lead.Id, At(300));
        meeting.StartTimer(At(310));

        meeting.FinishTurn(At(460));

        Assert.Equal(150, lead.AnswerSeconds);
        Assert.Equal(At(460), lead.AnsweredAt);
        Assert.True(meeting.Floor.IsFree);
    }

    [Fact]
    public void CallDepartment_is_refused_while_a_speaker_holds_the_floor()
    {
        var meeting = MeetingWithAnsweredSpeaker(out _, out var lead);
        meeting.Queue("Lê Thị Chi", "Thôn Tây", 250);
        meeting.CallNext(At(260));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "Lê Thị Chi đang phát biểu", () => meeting.CallDepartment(lead.Id, At(300)));
        Assert.Null(lead.CalledAt);
    }

    [Fact]
    public void AnswerByChair_gives_the_chair_a_turn_with_the_answer_limit_whose_clock_starts_with_Bat_dau_like_any_turn()
    {
        var meeting = MeetingWithAnsweredSpeaker(out var opinion, out _);

        meeting.AnswerByChair(opinion.Id, At(300));

        Assert.Equal(FloorKind.Chair, meeting.Floor.Kind);
        Assert.False(meeting.Floor.Timer.IsRunning);
        Assert.Equal(Meeting.DefaultAnswerLimitSeconds, meeting.Floor.Timer.RemainingSeconds(At(360)));
        Assert.Equal("Chủ trì (Trần Văn Hùng)", meeting.FloorHolderName());
        Assert.Equal(opinion.Id, meeting.FocusOpinionId);
        Assert.Equal(EventKinds.ChairAnswering, meeting.PendingEvents[^1].Kind);
        meeting.StartTimer(At(300));
        Assert.Equal(Meeting.DefaultAnswerLimitSeconds - 60, meeting.Floor.Timer.RemainingSeconds(At(360)));
    }

    [Fact]
    public void AnswerByChair_is_refused_for_a_withdrawn_opinion()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.Withdraw(request.Id, At(20));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đã bị từ chối hoặc rút", () => meeting.AnswerByChair(request.OpinionId!.Value, At(30)));
    }
}
