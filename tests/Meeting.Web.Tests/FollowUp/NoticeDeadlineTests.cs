using DoiThoai.Domain;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using DoiThoai.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    private sealed class RecordingTransport : IMailTransport
    {
        public List<MailDraft> Sent { get; } = [];

        public Task SendAsync(MailDraft mail, CancellationToken ct)
        {
            Sent.Add(mail);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_office_gets_one_mail_when_its_deadlines_near_and_one_when_missed_and_none_once_the_notice_is_issued()
    {
        var meeting = await FollowedMeeting.PlayAsync(_app);
        var calendar = await _app.AppServices.GetRequiredService<CalendarService>().CalendarAsync(meeting.Played.Meeting.UnitId);
        var held = (await _app.LoadAsync(meeting.Id)).HeldOn;
        var noticeDue = calendar.AddWorkingDays(held, 10);
        await using (var db = await _app.OpenDbAsync())
        {
            // The office and the secretary keep the deadlines; a department's staff and the Front do not.
            foreach (var name in new[] { "vanphong", "thuky", "phongban", "mttq" })
                await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, $"{name}@giaominh.test"));
        }
        var transport = new RecordingTransport();
        var mailer = Mailer(transport);

        Assert.Equal(0, await mailer.SendDueAsync(held));
        var near = calendar.SubtractWorkingDays(noticeDue, 3);
        Assert.Equal(1, await mailer.SendDueAsync(near));
        var mail = Assert.Single(transport.Sent);
        Assert.Equal(["thuky@giaominh.test", "vanphong@giaominh.test"], mail.To);
        Assert.Contains("sắp đến hạn ban hành thông báo kết luận", mail.Subject);
        Assert.Contains(AfterMeetingTimeline.NoticeTitle, mail.Body);
        Assert.Contains(AfterMeetingTimeline.ChaseTitle, mail.Body);
        Assert.Contains($"Còn 3 ngày làm việc (hạn {FollowUpService.Show(noticeDue)})", mail.Body);
        Assert.Contains($"http://192.168.1.10:5080/minutes/{meeting.Id}/in-thong-bao", mail.Body);
        // Hourly runs on the same day send nothing again.
        Assert.Equal(0, await mailer.SendDueAsync(near));

        // Missed: one more mail, saying so.
        Assert.Equal(1, await mailer.SendDueAsync(noticeDue.AddDays(1)));
        Assert.Contains("quá hạn ban hành thông báo kết luận", transport.Sent[1].Subject);
        Assert.Equal(0, await mailer.SendDueAsync(noticeDue.AddDays(2)));
    }

    private ReminderMailer Mailer(IMailTransport transport) =>
        new(_app.AppServices.GetRequiredService<IDbContextFactory<AppDb>>(), _app.AppServices.GetRequiredService<CalendarService>(),
            new MailSender(transport, Options.Create(new SmtpOptions { Host = "smtp.test", Retries = 1, RetryDelaySeconds = 0.01 }), NullLogger<MailSender>.Instance),
            TimeProvider.System, Options.Create(new DoiThoaiOptions { PublicBaseUrl = "http://192.168.1.10:5080" }));

    [Fact]
    public async Task Once_the_notice_is_issued_its_missed_deadline_mails_nobody_and_a_long_missed_one_is_not_mailed()
    {
        var meeting = await FollowedMeeting.PlayAsync(_app);
        var calendar = await _app.AppServices.GetRequiredService<CalendarService>().CalendarAsync(meeting.Played.Meeting.UnitId);
        var noticeDue = calendar.AddWorkingDays((await _app.LoadAsync(meeting.Id)).HeldOn, 10);
        await using (var db = await _app.OpenDbAsync())
            await db.Users.Where(u => u.UserName == "thuky").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "thuky@giaominh.test"));
        var transport = new RecordingTransport();

        // Missed long ago (as an old meeting is at the mailer's first run): in the app, not in anyone's mailbox.
        Assert.Equal(0, await Mailer(transport).SendDueAsync(calendar.AddWorkingDays(noticeDue, ReminderMailer.MailedOverdueWorkingDays + 1)));
        Assert.NotEmpty((await FollowedMeeting.Service(_app).ListAsync(Hall.Secretary, calendar.AddWorkingDays(noticeDue, 6))).NoticeReminders);

        // Issued in time: the day after the deadline nobody of the office is mailed.
        await meeting.IssueAsync(_app);
        await Mailer(transport).SendDueAsync(noticeDue.AddDays(1));
        Assert.DoesNotContain(transport.Sent, m => m.To.Contains("thuky@giaominh.test"));
    }
}
