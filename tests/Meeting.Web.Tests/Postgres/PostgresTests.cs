using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Postgres;

/// <summary>The app on PostgreSQL (DoiThoai:Database = Postgres): its own migrations, the same rules, and two nodes on one database.</summary>
public sealed class PostgresTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task One_node_migrates_seeds_the_demo_and_stores_every_phone_of_a_burst_once_with_a_gapless_journal()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var app = new TestApp(settings: database.Settings);
        using var logs = Defer(() => ShowLogs(app));
        var demo = await app.DemoMeetingAsync();
        await using (var db = await app.OpenDbAsync()) Assert.IsType<PostgresAppDb>(db);
        var before = await app.RequestCountAsync(demo.Id);

        var phones = Enumerable.Range(1, 30).Select(_ => new PhoneClient(app)).ToList();
        try
        {
            var tokens = await Task.WhenAll(phones.Select((phone, i) => Task.Run(() =>
                phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed($"Người dân số {i + 1}", $"Ý kiến số {i + 1} về đường giao thông nội đồng.")))));
            Assert.Equal(30, tokens.Distinct().Count());
            // Sent again with the same form key: the same request, not a second one.
            var again = await phones[0].PostAsync(demo.PublicCode, PhoneClient.Typed("Người dân số 1", "Ý kiến số 1 về đường giao thông nội đồng."));
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }
        finally
        {
            phones.ForEach(p => p.Dispose());
        }

        var meeting = await app.LoadAsync(demo.Id);
        Assert.Equal(before + 30, meeting.Requests.Count);
        Assert.Equal(meeting.Requests.Count, meeting.Requests.Select(r => r.Number).Distinct().Count());
        // The hall's +07:00 survives the round trip (printed on the minutes and notices).
        Assert.All(meeting.Requests, r => Assert.Equal(Clock.VietnamOffset, r.SubmittedAt.Offset));
        await AssertGaplessJournalAsync(app, demo.Id, meeting.LastSequence);
        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [SkippableFact]
    public async Task Two_nodes_on_one_database_pressing_call_next_together_give_one_speaker_and_a_gapless_journal()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: false);
        var (nodeA, nodeB, demo) = (nodes.A, nodes.B, nodes.Demo);
        using var logs = Defer(() => ShowLogs(nodeA, nodeB));
        // Both nodes hold the meeting in memory before it moves on.
        await nodeB.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(Draft("Người ở nút B"), now));
        await nodeA.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));

        var presses = Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            (i % 2 == 0 ? nodeA : nodeB).Commands.RunAsync(demo.Id, TestApp.Staff(StaffRoles.Chair, $"chutri{i}"), StaffRoles.ChairSeat,
                (m, now) => m.CallNext(now))));
        var results = await Task.WhenAll(presses);

        var called = Assert.Single(results, r => r.Ok).Value!;
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal($"{called.Name} đang phát biểu. Hãy kết thúc lượt này trước.", r.Error));
        await using var db = await nodeB.OpenDbAsync();
        var onFloor = await db.SpeakRequests.AsNoTracking()
            .Where(r => r.MeetingId == demo.Id && (r.Status == SpeakRequestStatus.Called || r.Status == SpeakRequestStatus.Speaking)).ToListAsync();
        Assert.Equal(called.Id, Assert.Single(onFloor).Id);
        Assert.Equal(1, await db.Journal.CountAsync(e => e.MeetingId == demo.Id && e.Kind == EventKinds.SpeakerCalled));
        await AssertGaplessJournalAsync(nodeA, demo.Id, (await nodeA.LoadAsync(demo.Id)).LastSequence);
    }

    [SkippableFact]
    public async Task Two_nodes_taking_a_burst_of_phones_at_once_store_each_once_with_distinct_numbers()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: false);
        var (nodeA, nodeB, demo) = (nodes.A, nodes.B, nodes.Demo);
        using var logs = Defer(() => ShowLogs(nodeA, nodeB));
        var before = await nodeA.RequestCountAsync(demo.Id);

        var phones = Enumerable.Range(0, 40).Select(i => new PhoneClient(i % 2 == 0 ? nodeA : nodeB)).ToList();
        try
        {
            var tokens = await Task.WhenAll(phones.Select((phone, i) => Task.Run(() =>
                phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed($"Người dân số {i + 1}", $"Ý kiến số {i + 1} gửi qua nút {(i % 2 == 0 ? "A" : "B")}.")))));
            Assert.Equal(40, tokens.Distinct().Count());
        }
        finally
        {
            phones.ForEach(p => p.Dispose());
        }

        var meeting = await nodeB.LoadAsync(demo.Id);
        Assert.Equal(before + 40, meeting.Requests.Count);
        Assert.Equal(meeting.Requests.Count, meeting.Requests.Select(r => r.Number).Distinct().Count());
        await AssertGaplessJournalAsync(nodeB, demo.Id, meeting.LastSequence);
    }

    [SkippableFact]
    public async Task An_answer_file_attached_on_node_A_downloads_from_node_B_through_the_shared_folder()
    {
        var shared = TestApp.NewDataDirectory();
        await using var nodes = await TwoNodes.StartAsync(cluster: false, new Dictionary<string, string?> { ["DoiThoai:SharedDirectory"] = shared });
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        using var logs = Defer(() => ShowLogs(nodeA, nodeB));
        var followed = await FollowUp.FollowedMeeting.PlayAsync(nodeA);
        var item = await followed.IssueAsync(nodeA);
        var staff = FollowUp.FollowedMeeting.DepartmentStaff(followed.KinhTe.Id);
        var pdf = FollowUp.FollowedMeeting.Pdf("Van ban tra loi so 12");
        var serviceA = FollowUp.FollowedMeeting.Service(nodeA);
        Assert.Null(await serviceA.RecordAnswerAsync(staff, item.Id, new DoiThoai.Web.Features.FollowUp.AnswerInput("Đã nạo vét kênh.", "12/UBND", serviceA.Today),
            new DoiThoai.Web.Features.FollowUp.AnswerFile("Tra loi.pdf", pdf.Length, () => new MemoryStream(pdf))));

        var onB = await FollowUp.FollowedMeeting.Service(nodeB).AttachmentAsync(staff, item.Id);
        Assert.NotNull(onB);
        Assert.StartsWith(Path.GetFullPath(shared), onB!.FullPath);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(onB.FullPath));
        Assert.Empty(Directory.Exists(Path.Combine(nodeA.DataDirectory, "files")) ? Directory.GetFiles(Path.Combine(nodeA.DataDirectory, "files")) : []);
    }

    [Fact]
    public void The_postgres_model_has_no_change_without_its_migration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: run `dotnet ef migrations add NAME --context PostgresAppDb -o Data/Migrations/Postgres`.");
    }

    [Fact]
    public void An_unknown_database_setting_stops_the_start_with_a_vietnamese_sentence()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DoiThoai:Database"] = "Oracle" }).Build();
        var refused = Assert.Throws<StartupSeeder.StartupRefused>(() => Storage.ProviderOf(configuration));
        Assert.Contains("chọn Sqlite (mặc định, một máy) hoặc Postgres", refused.Message);
        var noConnection = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DoiThoai:Database"] = "postgres" }).Build();
        Assert.Equal(DatabaseProvider.Postgres, Storage.ProviderOf(noConnection));
        var missing = Assert.Throws<StartupSeeder.StartupRefused>(() => { new ServiceCollection().AddMeetingStorage(TestApp.NewDataDirectory(), noConnection); });
        Assert.Contains("ConnectionStrings:DoiThoai", missing.Message);
    }

    [Fact]
    public void Backup_on_a_postgres_installation_points_to_pg_dump_and_writes_nothing()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var dataDirectory = TestApp.NewDataDirectory();
        var code = DoiThoai.Web.Features.Operations.OperationsCommand.Run(
            ["backup", $"--DoiThoai:DataDirectory={dataDirectory}", "--DoiThoai:Database=Postgres"], output, error);
        Assert.Equal(1, code);
        Assert.Contains("pg_dump", error.ToString());
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "sao-luu")));
    }

    /// <summary>The nodes' warnings and errors, in the test's output (a failure here is read from them).</summary>
    private void ShowLogs(params TestApp[] nodes)
    {
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
            foreach (var line in node.Log.Since(0)) output.WriteLine($"node {(char)('A' + i)}: {line}");
    }

    private static Deferred Defer(Action action) => new(action);

    private sealed class Deferred(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    private static SpeakRequestDraft Draft(string name) =>
        new(name, "Xóm 2", OpinionField.Other, "Ý kiến gửi qua bàn tiếp nhận.", SpeakMode.Speak, OpinionSource.Paper, null, false, Guid.NewGuid().ToString("N"));

    private static async Task AssertGaplessJournalAsync(TestApp app, Guid meetingId, long lastSequence)
    {
        var sequences = (await app.JournalAfterAsync(meetingId, 0)).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, (int)lastSequence).Select(i => (long)i), sequences);
    }
}
