using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class AgendaTests
{
    [Fact]
    public void Creating_a_meeting_is_journalled_for_staff_only()
    {
        var meeting = Meeting.Create(TestMeetings.Plan());

        var created = Assert.Single(meeting.PendingEvents);
        Assert.Equal(EventKinds.MeetingCreated, created.Kind);
        Assert.True(created.StaffOnly);
        Assert.Contains(meeting.Title, created.Text);
    }

    [Fact]
    public void Start_makes_the_meeting_live_and_begins_step_1()
    {
        var meeting = Draft();
        meeting.Announce();

        meeting.Start(T0);

        Assert.Equal(MeetingStatus.Live, meeting.Status);
        Assert.Equal(T0, meeting.StartedAt);
        Assert.Equal(1, meeting.CurrentStepNumber);
        Assert.Equal(T0, meeting.CurrentStep!.StartedAt);
        Assert.Equal([EventKinds.MeetingAnnounced, EventKinds.MeetingStarted, EventKinds.StepStarted],
            meeting.PendingEvents.Select(e => e.Kind));
    }

    [Fact]
    public void Start_writes_hall_time_even_for_a_utc_instant()
    {
        var meeting = Draft();

        meeting.Start(new DateTimeOffset(2026, 5, 9, 7, 0, 0, TimeSpan.Zero));

        Assert.Contains("Khai mạc hội nghị lúc 14:00", meeting.PendingEvents[0].Text);
    }

    [Fact]
    public void NextStep_finishes_the_current_step_and_begins_the_next()
    {
        var meeting = Draft();
        meeting.Start(T0);

        meeting.NextStep(At(600));

        Assert.Equal(2, meeting.CurrentStepNumber);
        Assert.Equal(At(600), meeting.Agenda[0].EndedAt);
        Assert.Equal(At(600), meeting.Agenda[1].StartedAt);
        Assert.Contains("14:10 — Bước 2:", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void NextStep_at_the_last_step_is_refused()
    {
        var meeting = Live();
        meeting.GoToStep(8, At(60), confirmGoingBack: false);
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "Đây là bước cuối của chương trình", () => meeting.NextStep(At(120)));
    }

    [Fact]
    public void Going_back_past_a_finished_step_is_refused_without_confirmation()
    {
        var meeting = Live(); // steps 1 finished, now at 5

        Refused.AndUnchanged(meeting, "Bước 1 đã kết thúc. Hãy xác nhận",
            () => meeting.GoToStep(1, At(60), confirmGoingBack: false));
        Assert.True(meeting.Agenda[0].IsFinished);
    }

    [Fact]
    public void Going_back_with_confirmation_reopens_the_finished_step()
    {
        var meeting = Live();

        meeting.GoToStep(1, At(60), confirmGoingBack: true);

        Assert.Equal(1, meeting.CurrentStepNumber);
        Assert.False(meeting.Agenda[0].IsFinished);
        Assert.Equal(T0, meeting.Agenda[0].StartedAt);
        Assert.Equal(At(60), meeting.Agenda[4].EndedAt);
    }

    [Fact]
    public void Going_back_to_a_step_that_was_skipped_needs_no_confirmation()
    {
        var meeting = Live(); // jumped from 1 to 5: steps 2-4 never ran

        meeting.GoToStep(3, At(60), confirmGoingBack: false);

        Assert.Equal(3, meeting.CurrentStepNumber);
    }

    [Fact]
    public void End_is_refused_while_someone_holds_the_floor()
    {
        var meeting = Live();
        meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.CallNext(At(20));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "kết thúc lượt đó trước khi bế mạc", () => meeting.End(At(3600)));
        Assert.Null(meeting.EndedAt);
    }

    [Fact]
    public void End_closes_the_meeting_and_its_current_step()
    {
        var meeting = Live();

        meeting.End(At(7200));

        Assert.Equal(MeetingStatus.Ended, meeting.Status);
        Assert.Equal(At(7200), meeting.EndedAt);
        Assert.Equal(At(7200), meeting.Agenda[4].EndedAt);
        Assert.Contains("Hội nghị kết thúc hồi 16:00", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void Start_after_the_meeting_ended_is_refused()
    {
        var meeting = Live();
        meeting.End(At(7200));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "không thể khai mạc lại", () => meeting.Start(At(7300)));
    }

    [Fact]
    public void EditStep_rewords_a_step_and_changes_its_planned_minutes()
    {
        var meeting = Draft();

        meeting.EditStep(3, "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm", 25);

        var step = meeting.Agenda.Single(a => a.Number == 3);
        Assert.Equal("Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm", step.Title);
        Assert.Equal(25, step.PlannedMinutes);
    }

    [Fact]
    public void EditStep_refuses_zero_minutes_and_an_empty_title()
    {
        var meeting = Draft();

        Refused.AndUnchanged(meeting, "Thời lượng", () => meeting.EditStep(3, "Báo cáo", 0));
        Refused.AndUnchanged(meeting, "Tên bước", () => meeting.EditStep(3, "   ", 10));
        Assert.Equal(StandardAgenda.Steps[2].Title, meeting.Agenda.Single(a => a.Number == 3).Title);
    }
}
