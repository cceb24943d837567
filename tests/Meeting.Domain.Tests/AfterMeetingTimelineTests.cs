using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>The office's deadlines after the meeting (seed 004 §3.1, §V.3), counted in working days from the day it was held.</summary>
public class AfterMeetingTimelineTests
{
    [Fact]
    public void The_chase_falls_on_the_9th_working_day_and_the_notice_on_the_10th_or_the_15th_when_complex()
    {
        var calendar = WorkingCalendar.Vietnam();
        var held = new DateOnly(2026, 4, 24); // a Friday; 30/4 and 1/5 are holidays
        var steps = AfterMeetingTimeline.For(held, calendar, chasedOn: null, noticeIssuedOn: null);
        Assert.Equal([AfterMeetingTimeline.Chase, AfterMeetingTimeline.Notice], steps.Select(s => s.Key));
        Assert.Equal(calendar.AddWorkingDays(held, 9), steps[0].Due);
        Assert.Equal(calendar.AddWorkingDays(held, 10), steps[1].Due);
        Assert.Equal(calendar.AddWorkingDays(held, 15), AfterMeetingTimeline.For(held, calendar, null, null, complex: true)[1].Due);

        Assert.Equal(MilestoneState.Late, steps[1].StateOn(steps[1].Due.AddDays(1)));
        Assert.Equal(MilestoneState.DueToday, steps[1].StateOn(steps[1].Due));
        var issued = AfterMeetingTimeline.For(held, calendar, null, noticeIssuedOn: steps[1].Due.AddDays(1));
        Assert.Equal(MilestoneState.Done, issued[1].StateOn(new DateOnly(2026, 5, 20)));
    }

    [Fact]
    public void The_chase_is_marked_done_by_hand_even_after_an_ad_hoc_meeting_and_counts_from_the_day_it_was_held()
    {
        var meeting = Meeting.Create(Plan() with { Kind = MeetingKind.AdHoc });
        meeting.Announce();
        meeting.Start(T0.AddDays(1));
        meeting.End(T0.AddDays(1).AddHours(3));
        Assert.Equal(DateOnly.FromDateTime(Clock.ToHallTime(T0.AddDays(1)).DateTime), meeting.HeldOn);

        meeting.MarkPreparationDone(AfterMeetingTimeline.Chase, T0.AddDays(5), "vanphong");
        var chase = meeting.AfterTimeline(new WorkingCalendar(), null).Single(s => s.Key == AfterMeetingTimeline.Chase);
        Assert.Equal(MilestoneState.Done, chase.StateOn(DateOnly.FromDateTime(T0.AddDays(30).DateTime)));
        // The notice is done by issuing it, never by a tick.
        Refused.AndUnchanged(meeting, "không có mốc chuẩn bị", () => meeting.MarkPreparationDone(AfterMeetingTimeline.Notice, T0.AddDays(5), "vanphong"));
    }
}
