namespace DoiThoai.Domain.Tests;

public class PreparationTimelineTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();

    [Fact]
    public void Deadlines_count_back_in_working_days_across_a_holiday()
    {
        // Meeting on Tuesday 05/05/2026: 30/4, 1/5 and the compensatory Monday 27/4 (Giỗ Tổ on Sunday) are not counted.
        var timeline = PreparationTimeline.For(MeetingKind.Periodic, new DateOnly(2026, 5, 5), Calendar);

        Assert.Equal(
            [(PreparationTimeline.Collect, new DateOnly(2026, 4, 21)), (PreparationTimeline.Invite, new DateOnly(2026, 4, 23)),
             (PreparationTimeline.Classify, new DateOnly(2026, 4, 28))],
            timeline.Select(m => (m.Key, m.Due)));
    }

    [Fact]
    public void Seven_day_notice_moves_the_invitations_earlier()
    {
        var timeline = PreparationTimeline.For(MeetingKind.Thematic, new DateOnly(2026, 11, 27), Calendar, invitationWorkingDays: 7);

        Assert.Equal(new DateOnly(2026, 11, 18), timeline.Single(m => m.Key == PreparationTimeline.Invite).Due);
        Assert.Throws<MeetingRuleException>(() => PreparationTimeline.For(MeetingKind.Thematic, new DateOnly(2026, 11, 27), Calendar, invitationWorkingDays: 4));
    }

    [Fact]
    public void Each_step_is_done_late_due_today_or_upcoming()
    {
        var done = new Dictionary<string, DateOnly> { [PreparationTimeline.Collect] = new(2026, 4, 20) };
        var timeline = PreparationTimeline.For(MeetingKind.Periodic, new DateOnly(2026, 5, 5), Calendar, done);
        var today = new DateOnly(2026, 4, 23);

        Assert.Equal([MilestoneState.Done, MilestoneState.DueToday, MilestoneState.Upcoming], timeline.Select(m => m.StateOn(today)));
        Assert.Equal(MilestoneState.Late, timeline.Single(m => m.Key == PreparationTimeline.Invite).StateOn(today.AddDays(1)));
        Assert.Equal("Quá hạn (hạn 23/04/2026)", timeline.Single(m => m.Key == PreparationTimeline.Invite).StateText(today.AddDays(1)));
    }

    [Fact]
    public void An_ad_hoc_meeting_has_no_timeline() =>
        Assert.Empty(PreparationTimeline.For(MeetingKind.AdHoc, new DateOnly(2026, 5, 5), Calendar));
}
