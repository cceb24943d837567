using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Tests.FollowUp;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Tests.Postgres;

/// <summary>Two nodes' hourly reminder runs at the same moment: one e-mail, not one per node.</summary>
public sealed class ReminderLeaseTests
{
    private static readonly DateOnly Day = new(2027, 3, 15);

    [SkippableFact]
    public async Task Two_nodes_running_the_reminder_mail_at_once_send_one_mail()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: false);
        var (nodeA, nodeB, demo) = (nodes.A, nodes.B, nodes.Demo);
        var calendar = await nodeA.AppServices.GetRequiredService<CalendarService>().CalendarAsync();
        await using (var db = await nodeA.OpenDbAsync())
        {
            var kinhTe = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == FollowedMeeting.KinhTeName);
            var deadline = calendar.SubtractWorkingDays(Day, 2);
            var opinion = demo.Opinions.OrderBy(o => o.Number).First();
            db.Add(new FollowUpItem(demo.UnitId, demo.Id, demo.Title, opinion, kinhTe.Id, kinhTe.Name,
                calendar.SubtractWorkingDays(deadline, ConclusionNotice.AnswerWorkingDays), deadline, null));
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.UserName == "phongban").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "phongkinhte@giaominh.example"));
        }

        // A slow mail server: both runs are inside their run at the same time.
        var transport = new SlowTransport();
        var sent = await Task.WhenAll(Mailer(nodeA, transport).SendDueAsync(Day), Mailer(nodeB, transport).SendDueAsync(Day));

        Assert.Equal(1, sent.Sum());
        Assert.Single(transport.Sent);
        // Released afterwards: the next hour's run on either node may take it.
        await using var db2 = await nodeB.OpenDbAsync();
        await using (var lease = await db2.TryLeaseAsync(ReminderMailer.LeaseName, CancellationToken.None)) Assert.NotNull(lease);
    }

    [SkippableFact]
    public async Task A_lease_held_by_one_node_is_refused_to_the_other_until_released()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: false);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        await using var dbA = await nodeA.OpenDbAsync();
        await using var dbB = await nodeB.OpenDbAsync();

        var held = await dbA.TryLeaseAsync("test", CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await dbB.TryLeaseAsync("test", CancellationToken.None));
        await using (var other = await dbB.TryLeaseAsync("another", CancellationToken.None)) Assert.NotNull(other);
        await held!.DisposeAsync();
        await using var taken = await dbB.TryLeaseAsync("test", CancellationToken.None);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task A_mail_sender_configured_without_retries_sends_once()
    {
        var transport = new SlowTransport();
        var sender = new MailSender(transport, Options.Create(new SmtpOptions { Host = "smtp.test", Retries = 0 }), NullLogger<MailSender>.Instance);
        Assert.True(await sender.TrySendAsync(new MailDraft(["a@giaominh.example"], "Nhắc việc", "Nội dung"), CancellationToken.None));
        Assert.Single(transport.Sent);
    }

    private static ReminderMailer Mailer(TestApp node, IMailTransport transport) =>
        new(node.AppServices.GetRequiredService<IDbContextFactory<AppDb>>(), node.AppServices.GetRequiredService<CalendarService>(),
            new MailSender(transport, Options.Create(new SmtpOptions { Host = "smtp.test", Retries = 0, RetryDelaySeconds = 0.01 }), NullLogger<MailSender>.Instance),
            TimeProvider.System, Options.Create(new DoiThoaiOptions()));

    private sealed class SlowTransport : IMailTransport
    {
        private readonly Lock _gate = new();
        public List<MailDraft> Sent { get; } = [];

        public async Task SendAsync(MailDraft mail, CancellationToken ct)
        {
            await Task.Delay(500, ct);
            lock (_gate) Sent.Add(mail);
        }
    }
}
