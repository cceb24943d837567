using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>DoiThoai:Smtp — e-mail reminders are off while Host is empty (the in-app reminders always work).</summary>
public sealed class SmtpOptions
{
    public const string Section = "DoiThoai:Smtp";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender address; when empty, <see cref="User"/>.</summary>
    public string? From { get; set; }
    public bool EnableSsl { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Attempts after the first one fails, waiting RetryDelaySeconds, then twice as long, and so on.</summary>
    public int Retries { get; set; } = 3;
    public double RetryDelaySeconds { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>One reminder e-mail: plain text, to the department's staff.</summary>
public sealed record MailDraft(IReadOnlyList<string> To, string Subject, string Body);

/// <summary>Hands a mail to the SMTP server. An interface only so tests can put a recording transport in its place.</summary>
public interface IMailTransport
{
    Task SendAsync(MailDraft mail, CancellationToken ct);
}

public sealed class SmtpTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(MailDraft mail, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(string.IsNullOrWhiteSpace(o.From) ? o.User ?? "" : o.From, "DoiThoai"),
            Subject = mail.Subject,
            Body = mail.Body,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        foreach (var to in mail.To) message.To.Add(to);
        using var client = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.EnableSsl,
            Timeout = o.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(o.User)) client.Credentials = new NetworkCredential(o.User, o.Password);
        await client.SendMailAsync(message, ct);
    }
}

/// <summary>
/// Sends through the transport, retrying a server that is down or busy (Polly, with growing pauses), and gives up
/// quietly: a reminder that cannot go is logged and tried again on the next hourly run, never thrown at anyone.
/// </summary>
public sealed class MailSender(IMailTransport transport, IOptions<SmtpOptions> options, ILogger<MailSender> logger)
{
    private ResiliencePipeline? _pipeline;

    // Retries = 0 sends once: Polly refuses a retry strategy of zero attempts, which made every send fail.
    private ResiliencePipeline Pipeline => _pipeline ??= options.Value.Retries <= 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SmtpException>().Handle<IOException>().Handle<SocketException>().Handle<TimeoutException>(),
            MaxRetryAttempts = options.Value.Retries,
            Delay = TimeSpan.FromSeconds(Math.Max(0, options.Value.RetryDelaySeconds)),
            BackoffType = DelayBackoffType.Exponential,
            OnRetry = args =>
            {
                logger.LogWarning(args.Outcome.Exception, "Reminder e-mail not sent (attempt {Attempt}); retrying in {Delay}", args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>True when the server took the mail.</summary>
    public async Task<bool> TrySendAsync(MailDraft mail, CancellationToken ct)
    {
        try
        {
            await Pipeline.ExecuteAsync(async token => await transport.SendAsync(mail, token), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Reminder e-mail to {To} not sent; it will be tried again on the next run", string.Join(", ", mail.To));
            return false;
        }
    }
}

/// <summary>
/// Reminder e-mails to a department's staff, and to the office for its own deadlines after a meeting: once before the
/// deadline (within 3 working days) and once on the first day it is missed. What was sent is stored, so a reminder goes
/// once however often this runs.
/// </summary>
public sealed class ReminderMailer(
    IDbContextFactory<AppDb> dbFactory,
    CalendarService calendars,
    MailSender sender,
    TimeProvider clock,
    IOptions<DoiThoaiOptions> appOptions)
{
    public const string LeaseName = "reminder-mail";

    /// <summary>Sends what is due on <paramref name="today"/> and not sent before; returns the number of e-mails sent.</summary>
    public async Task<int> SendDueAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Several nodes: one runs, the others skip this hour (what is sent is stored, so the next run sends the rest).
        await using var lease = await db.TryLeaseAsync(LeaseName, ct);
        if (lease is null) return 0;
        var open = await db.Set<FollowUpItem>().AsNoTracking().Where(i => i.Status != FollowUpStatus.Answered).ToListAsync(ct);
        var calendarOf = await calendars.ForUnitsAsync(open.Select(i => i.UnitId), ct);
        var sent = (await db.Set<ReminderSent>().AsNoTracking().Select(r => new { r.ItemId, r.Kind }).ToListAsync(ct))
            .Select(r => (r.ItemId, r.Kind)).ToHashSet();
        var due = FollowUpService.RemindersFor(open, today, i => calendarOf(i.UnitId)).Where(r => !sent.Contains((r.Item.Id, r.Kind))).ToList();

        var mails = 0;
        foreach (var department in due.GroupBy(r => r.Item.DepartmentId))
        {
            var addresses = await db.Users.AsNoTracking()
                .Where(u => u.DepartmentId == department.Key && u.Email != null && u.Email != "")
                .Select(u => u.Email!).ToListAsync(ct);
            var to = addresses.Where(a => MailAddress.TryCreate(a, out _)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // Nobody to tell yet: kept unsent, so it goes once someone of the department has an address.
            if (to.Count == 0) continue;
            var reminders = department.ToList();
            if (!await sender.TrySendAsync(Compose(reminders, to), ct)) continue;
            var now = Clock.ToHallTime(clock.GetUtcNow());
            db.AddRange(reminders.Select(r => new ReminderSent { ItemId = r.Item.Id, Kind = r.Kind, Recipients = string.Join(", ", to), SentAt = now }));
            await db.SaveChangesAsync(ct);
            mails++;
        }
        return mails + await SendOfficeDueAsync(db, today, ct);
    }

    /// <summary>
    /// The office's own deadlines after a meeting (the chase by the 9th working day, the notice by the 10th or 15th), to
    /// the unit's staff who keep them (office, secretary, chair, admin) — once near, once missed, as for the departments.
    /// </summary>
    private async Task<int> SendOfficeDueAsync(AppDb db, DateOnly today, CancellationToken ct)
    {
        var sent = (await db.Set<OfficeReminderSent>().AsNoTracking().Select(r => new { r.MeetingId, r.Milestone, r.Kind }).ToListAsync(ct))
            .Select(r => (r.MeetingId, r.Milestone, r.Kind)).ToHashSet();
        // A deadline missed long before this mailer first ran (an old meeting at the first start) is shown in the app,
        // not mailed: a mail goes in the days around the deadline, as for the departments.
        var due = (await FollowUpService.NoticeRemindersAsync(db, calendars, null, today, ct))
            .Where(r => !sent.Contains((r.MeetingId, r.Milestone.Key, r.Kind)) && r.WorkingDaysLeft >= -MailedOverdueWorkingDays).ToList();
        var keepers = FollowUpService.NoticeKeepers.Split(',');
        var mails = 0;
        foreach (var meeting in due.GroupBy(r => (r.MeetingId, r.UnitId)))
        {
            var addresses = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where user.UnitId == meeting.Key.UnitId && user.DepartmentId == null && keepers.Contains(role.Name!) && user.Email != null && user.Email != ""
                select user.Email!).ToListAsync(ct);
            var to = addresses.Where(a => MailAddress.TryCreate(a, out _)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            if (to.Count == 0) continue;
            var reminders = meeting.ToList();
            if (!await sender.TrySendAsync(ComposeOffice(reminders, to), ct)) continue;
            var now = Clock.ToHallTime(clock.GetUtcNow());
            db.AddRange(reminders.Select(r => new OfficeReminderSent
                { MeetingId = r.MeetingId, Milestone = r.Milestone.Key, Kind = r.Kind, Recipients = string.Join(", ", to), SentAt = now }));
            await db.SaveChangesAsync(ct);
            mails++;
        }
        return mails;
    }

    /// <summary>How late an office deadline may be and still be mailed about (the in-app reminder stays regardless).</summary>
    public const int MailedOverdueWorkingDays = 5;

    private MailDraft ComposeOffice(IReadOnlyList<NoticeReminder> reminders, IReadOnlyList<string> to)
    {
        var title = reminders[0].MeetingTitle;
        // Each deadline with its own state: "quá hạn đôn đốc các phòng, ban; sắp đến hạn ban hành thông báo kết luận".
        var subject = $"[DoiThoai] {title}: " + string.Join("; ", reminders.Select(r =>
            $"{(r.Kind == ReminderKind.Overdue ? "quá hạn" : "sắp đến hạn")} {(r.Milestone.Key == AfterMeetingTimeline.Notice ? "ban hành thông báo kết luận" : "đôn đốc các phòng, ban")}"));
        var baseUrl = appOptions.Value.PublicBaseUrl?.TrimEnd('/');
        var body = new StringBuilder();
        body.AppendLine("Kính gửi các đồng chí phụ trách hội nghị đối thoại,").AppendLine();
        body.AppendLine($"Sau {title}, các việc sau cần hoàn thành đúng hạn:").AppendLine();
        foreach (var r in reminders)
        {
            body.AppendLine($"- {r.Milestone.Title}");
            body.AppendLine($"  {r.Text}");
        }
        if (!string.IsNullOrEmpty(baseUrl)) body.AppendLine().AppendLine($"Dự thảo thông báo kết luận: {baseUrl}/minutes/{reminders[0].MeetingId}/in-thong-bao");
        body.AppendLine().AppendLine("Thư gửi tự động từ phần mềm DoiThoai; vui lòng không trả lời thư này.");
        return new(to, subject, body.ToString());
    }

    private MailDraft Compose(IReadOnlyList<FollowUpReminder> reminders, IReadOnlyList<string> to)
    {
        var department = reminders[0].Item.DepartmentName;
        var overdue = reminders.Count(r => r.Kind == ReminderKind.Overdue);
        var subject = overdue > 0
            ? $"[DoiThoai] {department}: {overdue} ý kiến cử tri đã quá hạn trả lời"
            : $"[DoiThoai] {department}: {reminders.Count} ý kiến cử tri sắp đến hạn trả lời";
        var baseUrl = appOptions.Value.PublicBaseUrl?.TrimEnd('/');
        var body = new StringBuilder();
        body.AppendLine($"Kính gửi {department},").AppendLine();
        body.AppendLine("Các ý kiến, kiến nghị sau (theo thông báo kết luận hội nghị đối thoại) cần có văn bản trả lời:").AppendLine();
        foreach (var r in reminders)
        {
            var item = r.Item;
            var content = item.Content.Length > 300 ? item.Content[..300] + "…" : item.Content;
            body.AppendLine($"- Ý kiến số {item.OpinionNumber} — {item.MeetingTitle}");
            body.AppendLine($"  {r.Text}");
            body.AppendLine($"  Ông (bà) {item.SubmitterName}{(item.SubmitterPlace.Length > 0 ? ", " + item.SubmitterPlace : "")}: {content}");
            if (!string.IsNullOrEmpty(baseUrl)) body.AppendLine($"  Ghi trả lời: {baseUrl}/theo-doi/{item.Id}");
            body.AppendLine();
        }
        body.AppendLine("Thư gửi tự động từ phần mềm DoiThoai; vui lòng không trả lời thư này.");
        return new(to, subject, body.ToString());
    }
}

/// <summary>Once on start and then every hour: sends the reminder e-mails when SMTP is configured. Never on a request.</summary>
public sealed class ReminderMailService(ReminderMailer mailer, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<ReminderMailService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        // Off the start-up path: the app answers pages before the first mail run begins.
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var sent = await mailer.SendDueAsync(FollowUpService.HallDate(clock), stoppingToken);
                if (sent > 0) logger.LogInformation("Sent {Count} reminder e-mail(s)", sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The reminder e-mail run failed; it runs again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
