using DoiThoai.Domain;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// After Bế mạc the office's own deadlines are tracked like the departments' are: the chase by the 9th working day and
/// the notice by the 10th come up as reminders for the office and the secretary, and go once done or issued.
/// </summary>
public sealed class NoticeDeadlineTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_chase_and_the_notice_remind_the_office_near_their_deadlines_and_stop_once_done()
    {
        var meeting = await FollowedMeeting.PlayAsync(_app);
        var service = FollowedMeeting.Service(_app);
        var calendar = await _app.AppServices.GetRequiredService<CalendarService>().CalendarAsync(meeting.Played.Meeting.UnitId);
        var held = (await _app.LoadAsync(meeting.Id)).HeldOn;
        var (chaseDue, noticeDue) = (calendar.AddWorkingDays(held, 9), calendar.AddWorkingDays(held, 10));

        // On the day of the meeting both are far off: no reminder.
        Assert.Empty((await service.ListAsync(Hall.Secretary, held)).NoticeReminders);

        // Three working days before the notice is due, both are near; the day after, both are late.
        var near = (await service.ListAsync(Hall.Secretary, calendar.SubtractWorkingDays(noticeDue, 3))).NoticeReminders;
        Assert.Equal([AfterMeetingTimeline.Chase, AfterMeetingTimeline.Notice], near.Select(r => r.Milestone.Key));
        Assert.All(near, r => Assert.Equal(ReminderKind.DueSoon, r.Kind));
        Assert.Equal($"Còn 3 ngày làm việc (hạn {FollowUpService.Show(noticeDue)})", near[1].Text);
        var late = (await service.ListAsync(FollowedMeeting.Organizer, noticeDue.AddDays(1))).NoticeReminders;
        Assert.All(late, r => Assert.Equal(ReminderKind.Overdue, r.Kind));
        Assert.Equal(chaseDue, late[0].Milestone.Due);
        // Not the departments' business, nor the other commune's.
        Assert.Empty((await service.ListAsync(FollowedMeeting.DepartmentStaff(meeting.KinhTe.Id), noticeDue)).NoticeReminders);
        Assert.Empty((await service.ListAsync(FollowedMeeting.OtherCommune, noticeDue)).NoticeReminders);

        // The office marks the chase done; issuing the notice settles the other.
        var marked = await PreparationPlans.MarkDoneAsync(_app.Commands, meeting.Id, FollowedMeeting.Organizer, AfterMeetingTimeline.Chase);
        Assert.True(marked.Ok, marked.Error);
        Assert.Equal([AfterMeetingTimeline.Notice], (await service.ListAsync(Hall.Secretary, noticeDue)).NoticeReminders.Select(r => r.Milestone.Key));
        await meeting.IssueAsync(_app);
        Assert.Empty((await service.ListAsync(Hall.Secretary, noticeDue.AddDays(5))).NoticeReminders);
    }
}
