using System.Diagnostics;
using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// Urgency and reminders on a fixed day: items with known deadlines around it (the demo meeting's opinions, written
/// straight to the store), read by the supervisor, by Phòng Kinh tế, and by the hourly reminder e-mail.
/// </summary>
public sealed class FollowUpReminderTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string KinhTeMail = "kien.phongkinhte@giaominh.example";
    /// <summary>A Monday in a month without holidays; the calendar still decides every date below.</summary>
    private static readonly DateOnly Day = new(2027, 3, 15);

    private readonly TestApp _app = new();
    private WorkingCalendar _calendar = default!;
    private Department _kinhTe = default!, _other = default!;
    private Meeting _demo = default!;

    public async Task InitializeAsync()
    {
        _calendar = await _app.AppServices.GetRequiredService<CalendarService>().CalendarAsync();
        _demo = await _app.DemoMeetingAsync();
        await using var db = await _app.OpenDbAsync();
        var departments = await db.Departments.AsNoTracking().Where(d => d.UnitId == DemoUnits.GiaoMinhId).ToListAsync();
        _kinhTe = departments.Single(d => d.Name == FollowedMeeting.KinhTeName);
        _other = departments.First(d => d.Id != _kinhTe.Id);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>An item of opinion <paramref name="number"/> due <paramref name="workingDays"/> working days after (or before) <paramref name="day"/>.</summary>
    private FollowUpItem Item(int number, Department department, DateOnly day, int workingDays)
    {
        var deadline = workingDays >= 0 ? _calendar.AddWorkingDays(day, workingDays) : _calendar.SubtractWorkingDays(day, -workingDays);
        var notice = _calendar.SubtractWorkingDays(deadline, ConclusionNotice.AnswerWorkingDays);
        var opinion = _demo.Opinions.OrderBy(o => o.Number).ElementAt(number - 1);
        return new FollowUpItem(_demo.UnitId, _demo.Id, _demo.Title, opinion, department.Id, department.Name, notice, deadline, null);
    }

    private async Task StoreAsync(params FollowUpItem[] items)
    {
        await using var db = await _app.OpenDbAsync();
        db.AddRange(items);
        await db.SaveChangesAsync();
    }

    /// <summary>Six items around <see cref="Day"/>: two overdue, due today, due in 3 and in 4 working days, and one answered early.</summary>
    private async Task<FollowUpItem[]> StoreSixAsync()
    {
        var answered = Item(6, _kinhTe, Day, -3);
        answered.RecordAnswer("Đã trả lời bằng văn bản.", "12/UBND", answered.NoticeDate.AddDays(1), null, null, "phongban", DateTimeOffset.UtcNow, Day);
        FollowUpItem[] items =
        [
            Item(1, _kinhTe, Day, -2),
            Item(2, _other, Day, -5),
            Item(3, _kinhTe, Day, 0),
            Item(4, _kinhTe, Day, 3),
            Item(5, _other, Day, 4),
            answered,
        ];
        await StoreAsync(items);
        return items;
    }

    [Fact]
    public async Task Overdue_come_first_then_by_deadline_answered_last_and_reminders_are_read_against_the_day()
    {
        await StoreSixAsync();
        var service = FollowedMeeting.Service(_app);

        var supervisor = await service.ListAsync(FollowedMeeting.Supervisor, Day);
        Assert.False(supervisor.CanAnswer);
        Assert.Equal([2, 1, 3, 4, 5, 6], supervisor.Items.Select(i => i.OpinionNumber));
        Assert.Equal([FollowUpState.Overdue, FollowUpState.Overdue, FollowUpState.NotAnswered, FollowUpState.NotAnswered, FollowUpState.NotAnswered,
            FollowUpState.Answered], supervisor.Items.Select(i => i.StateOn(Day)));
        Assert.Equal([(2, ReminderKind.Overdue, -5), (1, ReminderKind.Overdue, -2), (3, ReminderKind.DueSoon, 0), (4, ReminderKind.DueSoon, 3)],
            supervisor.Reminders.Select(r => (r.Item.OpinionNumber, r.Kind, r.WorkingDaysLeft)));
        Assert.Equal("Hôm nay là hạn cuối (15/03/2027)", supervisor.Reminders[2].Text);

        var department = await service.ListAsync(FollowedMeeting.DepartmentStaff(_kinhTe.Id), Day);
        Assert.True(department.CanAnswer);
        Assert.Equal(FollowedMeeting.KinhTeName, department.Department);
        Assert.Equal([1, 3, 4, 6], department.Items.Select(i => i.OpinionNumber));
        Assert.Equal([1, 3, 4], department.Reminders.Select(r => r.Item.OpinionNumber));

        // The day before the window opens for item 4 it is not yet a reminder; the day after item 3's deadline it is overdue.
        var before = await service.ListAsync(FollowedMeeting.DepartmentStaff(_kinhTe.Id), _calendar.SubtractWorkingDays(Day, 1));
        Assert.DoesNotContain(before.Reminders, r => r.Item.OpinionNumber == 4);
        var after = await service.ListAsync(FollowedMeeting.DepartmentStaff(_kinhTe.Id), _calendar.AddWorkingDays(Day, 1));
        Assert.Equal(ReminderKind.Overdue, after.Reminders.Single(r => r.Item.OpinionNumber == 3).Kind);

        Assert.Empty((await service.ListAsync(FollowedMeeting.OtherCommune, Day)).Items);
        // Department staff without a department see nothing rather than everything.
        Assert.Empty((await service.ListAsync(TestApp.Staff(DoiThoai.Web.Live.StaffRoles.Department, "khongphong"), Day)).Items);
    }

    [Fact]
    public async Task The_pages_show_todays_reminders_and_the_home_page_counts_them()
    {
        var today = FollowedMeeting.Service(_app).Today;
        await StoreAsync(Item(1, _kinhTe, today, -1), Item(2, _kinhTe, today, 0), Item(3, _kinhTe, today, 10), Item(4, _other, today, 0));
        using var phongban = await _app.SignedInClientAsync("phongban");

        var page = await phongban.GetStringAsync("/theo-doi");
        Assert.Contains("Nhắc việc", page);
        Assert.Contains("data-count=\"2\"", page);
        Assert.Contains("Hôm nay là hạn cuối", page);
        Assert.Contains("Quá hạn", page);
        var home = await phongban.GetStringAsync("/");
        Assert.Matches("data-testid=\"reminder-badge\"[^>]*>2<", home);

        using var giamsat = await _app.SignedInClientAsync("giamsat");
        Assert.Contains("data-count=\"3\"", await giamsat.GetStringAsync("/theo-doi"));
    }

    private sealed class RecordingTransport : IMailTransport
    {
        public List<MailDraft> Sent { get; } = [];
        public Exception? Fail { get; set; }
        public int Attempts { get; private set; }

        public Task SendAsync(MailDraft mail, CancellationToken ct)
        {
            Attempts++;
            if (Fail is { } failure) throw failure;
            Sent.Add(mail);
            return Task.CompletedTask;
        }
    }

    private ReminderMailer Mailer(IMailTransport transport) =>
        new(_app.AppServices.GetRequiredService<IDbContextFactory<AppDb>>(), _app.AppServices.GetRequiredService<CalendarService>(),
            new MailSender(transport, Options.Create(new SmtpOptions { Host = "smtp.test", Retries = 2, RetryDelaySeconds = 0.01 }), NullLogger<MailSender>.Instance),
            TimeProvider.System, Options.Create(new DoiThoaiOptions { PublicBaseUrl = "http://192.168.1.10:5080/" }));

    [Fact]
    public async Task Reminder_mails_go_to_the_departments_staff_once_before_the_deadline_and_once_when_it_is_missed()
    {
        var items = await StoreSixAsync();
        await using (var db = await _app.OpenDbAsync())
            await db.Users.Where(u => u.UserName == "phongban").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, KinhTeMail));

        // The server is down: retried, given up quietly, nothing remembered as sent.
        var down = new RecordingTransport { Fail = new SmtpException(SmtpStatusCode.ServiceNotAvailable, "down") };
        Assert.Equal(0, await Mailer(down).SendDueAsync(Day));
        Assert.Equal(3, down.Attempts);

        var transport = new RecordingTransport();
        var mailer = Mailer(transport);
        Assert.Equal(1, await mailer.SendDueAsync(Day));
        var mail = Assert.Single(transport.Sent);
        Assert.Equal([KinhTeMail], mail.To);
        Assert.Contains("quá hạn", mail.Subject);
        Assert.Contains("Ý kiến số 1 —", mail.Body);
        Assert.Contains("Ý kiến số 3 —", mail.Body);
        Assert.Contains("Ý kiến số 4 —", mail.Body);
        Assert.DoesNotContain("Ý kiến số 6 —", mail.Body);
        Assert.DoesNotContain("Ý kiến số 2 —", mail.Body);
        Assert.Contains($"http://192.168.1.10:5080/theo-doi/{items[0].Id}", mail.Body);
        output.WriteLine(mail.Subject + "\n" + mail.Body);

        // The next hourly run sends nothing new; the department without an address is still waiting.
        Assert.Equal(0, await mailer.SendDueAsync(Day));
        Assert.Single(transport.Sent);

        // A working day later item 3's deadline is missed: one more mail, about it alone.
        Assert.Equal(1, await mailer.SendDueAsync(_calendar.AddWorkingDays(Day, 1)));
        var missed = transport.Sent[1];
        Assert.Contains("Ý kiến số 3 —", missed.Body);
        Assert.DoesNotContain("Ý kiến số 1 —", missed.Body);
        Assert.DoesNotContain("Ý kiến số 4 —", missed.Body);
        Assert.Equal(0, await mailer.SendDueAsync(_calendar.AddWorkingDays(Day, 1)));

        await using (var db = await _app.OpenDbAsync())
        {
            var sent = await db.Set<ReminderSent>().AsNoTracking().ToListAsync();
            Assert.Equal(4, sent.Count);
            Assert.All(sent, s => Assert.Equal(KinhTeMail, s.Recipients));
        }
    }

    /// <summary>Counts the attempts the retry makes through the real SMTP transport.</summary>
    private sealed class CountingTransport(IMailTransport inner) : IMailTransport
    {
        public int Attempts { get; private set; }

        public Task SendAsync(MailDraft mail, CancellationToken ct)
        {
            Attempts++;
            return inner.SendAsync(mail, ct);
        }
    }

    [Fact]
    public async Task The_smtp_sender_retries_a_server_that_refuses_and_gives_up_without_throwing()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = port, From = "doithoai@giaominh.example", Retries = 2, RetryDelaySeconds = 0.01, TimeoutSeconds = 5,
        });
        var transport = new CountingTransport(new SmtpTransport(options));
        var sender = new MailSender(transport, options, NullLogger<MailSender>.Instance);

        var watch = Stopwatch.StartNew();
        var sent = await sender.TrySendAsync(new MailDraft([KinhTeMail], "Nhắc hạn trả lời", "Nội dung thử."), CancellationToken.None);
        output.WriteLine($"3 refused attempts took {watch.ElapsedMilliseconds} ms");

        Assert.False(sent);
        Assert.Equal(3, transport.Attempts);
    }
}
