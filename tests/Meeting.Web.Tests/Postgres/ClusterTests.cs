using System.Collections.Concurrent;
using System.Diagnostics;
using DoiThoai.LoadTool;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Admin;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Postgres;

/// <summary>Two app nodes on one PostgreSQL and one Redis, as a province runs them behind its proxy.</summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_phone_posting_to_node_A_reaches_a_chair_signed_in_on_A_but_seated_on_node_B()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: true);
        var (nodeA, nodeB, demo) = (nodes.A, nodes.B, nodes.Demo);
        try
        {
            // Signed in on A; the same cookie opens the chair's live connection on B (the keys are in the database).
            var cookie = await nodeA.SignInCookieAsync("chutri");
            await using var chairOnB = nodeB.HubClient(cookie);
            var changes = HubChanges.Listen(chairOnB);
            await chairOnB.StartAsync();
            await chairOnB.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), demo.Id, demo.LastSequence);
            // B's Blazor seats share one copy of the meeting: it must follow A's commits too.
            var snapshots = nodeB.AppServices.GetRequiredService<MeetingSnapshots>();
            var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var seat = snapshots.Follow(demo.Id, () => refreshed.TrySetResult());
            Assert.NotNull(await snapshots.GetAsync(demo.Id));
            // B's board answers B's phones: loaded before A's commit, so it must not stay behind.
            Assert.NotNull(await nodeB.Commands.BoardAsync(demo.Id));

            using var phone = new PhoneClient(nodeA);
            var sent = Stopwatch.StartNew();
            var token = await phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed("Trần Văn Bình", "Đề nghị làm lại cống thoát nước xóm 3."));
            var sequence = (await nodeA.LoadAsync(demo.Id)).LastSequence;

            await changes.WaitForAsync(sequence);
            output.WriteLine($"A's change reached the chair on B after {sent.ElapsedMilliseconds} ms");
            await refreshed.Task.WaitAsync(HubChanges.Patience);
            Assert.Contains((await snapshots.GetAsync(demo.Id))!.Requests, r => r.StatusToken == token && r.Name == "Trần Văn Bình");
            var board = await nodeB.Commands.BoardAsync(demo.Id);
            Assert.NotNull(board!.Find(token));
            using var sameDeviceOnB = new PhoneClient(nodeB);
            var status = await sameDeviceOnB.StatusJsonAsync(token);
            Assert.Equal(board.Find(token)!.Number, status.GetProperty("number").GetInt32());

            // A projector link made on A opens on B.
            var version = demo.ProjectorLinkVersion;
            var key = nodeA.AppServices.GetRequiredService<ProjectorLinks>().KeyFor(demo.Id, version);
            Assert.True(nodeB.AppServices.GetRequiredService<ProjectorLinks>().IsValid(demo.Id, version, key));
        }
        finally
        {
            foreach (var (node, name) in new[] { (nodeA, "A"), (nodeB, "B") })
                foreach (var line in node.Log.Since(0)) output.WriteLine($"node {name}: {line}");
        }
    }

    [SkippableFact]
    public async Task A_node_that_missed_messages_reads_them_from_the_journal_before_the_next_ones()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: true);
        var (nodeA, nodeB, demo) = (nodes.A, nodes.B, nodes.Demo);
        var heard = new List<long>();
        var feedB = nodeB.AppServices.GetRequiredService<MeetingFeed>();
        using var listener = feedB.Subscribe(demo.Id, change => { lock (heard) heard.Add(change.Sequence); });
        // B heard up to now; then A commits twice while B is deaf (its bus unsubscribed), then once more.
        await nodeA.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var started = (await nodeA.LoadAsync(demo.Id)).LastSequence;
        await WaitUntilAsync(() => feedB.LastSequence(demo.Id) == started);
        var bus = nodeB.AppServices.GetRequiredService<ClusterBus>();
        await bus.StopListeningAsync();
        await nodeA.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        await nodeA.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.StartTimer(now));
        await bus.ListenAsync();
        await nodeA.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));
        var last = (await nodeA.LoadAsync(demo.Id)).LastSequence;
        await WaitUntilAsync(() => feedB.LastSequence(demo.Id) == last);
        lock (heard) Assert.Equal(Enumerable.Range((int)demo.LastSequence + 1, (int)(last - demo.LastSequence)).Select(i => (long)i), heard);
    }

    [SkippableFact]
    public async Task A_unit_added_on_node_A_shows_on_node_B_without_a_restart()
    {
        await using var nodes = await TwoNodes.StartAsync(cluster: true);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        var unitsOnB = nodeB.AppServices.GetRequiredService<UnitAccess>();
        var before = (await unitsOnB.AllUnitsAsync()).Count; // now cached on B

        await using (var scope = nodeA.AppServices.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<AdminService>().AddUnitAsync(
                TestApp.Staff(StaffRoles.Admin, "quantri", DemoUnits.ProvinceId), DemoUnits.ProvinceId, "Xã Giao Hải", UnitKind.Commune));

        var waited = Stopwatch.StartNew();
        while ((await unitsOnB.AllUnitsAsync()).Count != before + 1)
        {
            Assert.True(waited.Elapsed < HubChanges.Patience, "Node B kept its old list of units.");
            await Task.Delay(20);
        }
    }

    [SkippableFact]
    public async Task A_node_starts_without_redis_serves_phones_and_says_it_is_not_ready()
    {
        await using var database = await TestPostgres.CreateAsync();
        var settings = database.Settings;
        settings["DoiThoai:Redis"] = "127.0.0.1:1,connectTimeout=500,asyncTimeout=1000";
        settings["DoiThoai:RedisPrefix"] = database.Database;
        await using var node = new TestApp(settings: settings);
        var demo = await node.DemoMeetingAsync();
        using var client = node.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        // The hall goes on: a phone still registers (its limits counted by the node itself).
        using var phone = new PhoneClient(node);
        await phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed("Lê Thị Hằng", "Đề nghị sửa cầu tràn xóm 5."));
    }

    [SkippableFact]
    public async Task A_phone_limit_holds_across_nodes()
    {
        // Senders without a device cookie: 3 per meeting per minute, whichever node they reach.
        await using var nodes = await TwoNodes.StartAsync(cluster: true, new Dictionary<string, string?> { ["DoiThoai:PhoneLimits:PerMeetingPerMinute"] = "3" });
        var (nodeA, nodeB, demo) = (nodes.A, nodes.B, nodes.Demo);
        using var scriptOnA = nodeA.CreateClient(new() { AllowAutoRedirect = false });
        using var scriptOnB = nodeB.CreateClient(new() { AllowAutoRedirect = false });
        FormUrlEncodedContent Form() => new(new Dictionary<string, string> { ["name"] = "Máy gửi tự động", ["content"] = "Gửi liên tục." });

        for (var i = 0; i < 3; i++)
            Assert.NotEqual(System.Net.HttpStatusCode.TooManyRequests, (await scriptOnA.PostAsync($"/m/{demo.PublicCode}/gui", Form())).StatusCode);
        var fourth = await scriptOnB.PostAsync($"/m/{demo.PublicCode}/gui", Form());
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("Gửi quá nhanh", await fourth.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Node_A_killed_with_kill_dash_nine_mid_burst_loses_no_acknowledged_request_and_B_stays_current()
    {
        await using var database = await TestPostgres.CreateAsync();
        var settings = database.ClusterSettings();
        var dataA = TestApp.NewDataDirectory();
        var port = ServerProcess.FreeLoopbackPort();
        // Node A: the real app as its own process, so that it can be killed; it makes the tables and the demo.
        var nodeA = await ServerProcess.StartAsync(Targets.AppDll(new LoadOptions()),
        [
            "--urls", $"http://127.0.0.1:{port}", $"--DoiThoai:DataDirectory={dataA}", "--DoiThoai:Demo=true",
            "--DoiThoai:PhoneLimits:PerDevicePerMinute=1000", "--DoiThoai:PhoneLimits:PerMeetingPerMinute=100000", "--DoiThoai:PhoneLimits:PerAddressPerMinute=100000",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ], port, "/health/ready", Path.Combine(dataA, "server.log"), TimeSpan.FromSeconds(90));
        await using var nodeB = new TestApp(settings: settings);
        var demo = await nodeB.DemoMeetingAsync();
        // The chair's seat on B, following the meeting live.
        await using var chairOnB = nodeB.HubClient(await nodeB.SignInCookieAsync("chutri"));
        var changes = HubChanges.Listen(chairOnB);
        await chairOnB.StartAsync();
        await chairOnB.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), demo.Id, demo.LastSequence);

        var acknowledged = new ConcurrentDictionary<string, string>();
        var killAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var phones = Enumerable.Range(1, 120).Select(async i =>
        {
            await Task.Delay(i * 15);
            try
            {
                using var phone = new KillMidBurstTests.RealPhone(nodeA.BaseAddress);
                if (await phone.SubmitAsync(demo.PublicCode, $"Người dân {i:000}") is not { } token) return;
                acknowledged[token] = $"Người dân {i:000}";
                if (acknowledged.Count >= 30) killAfter.TrySetResult();
            }
            catch (Exception ex) when (KillMidBurstTests.RealPhone.NotAnswered(ex))
            {
                // Not acknowledged: node A died before answering. The phone would send again (to B, through the proxy).
            }
        }).ToList();
        await killAfter.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await nodeA.DisposeAsync(); // SIGKILL, mid-burst
        await Task.WhenAll(phones);
        Assert.True(acknowledged.Count < 120, "The kill came after the burst: nothing was tested.");

        // The phones that were cut off send again, now to B; B's chair hears B's own changes and is current.
        using (var again = new PhoneClient(nodeB))
            await again.SubmitAsync(demo.PublicCode, PhoneClient.Typed("Người dân gửi lại", "Gửi lại sau khi máy chủ A dừng."));
        var stored = await nodeB.LoadAsync(demo.Id);
        await changes.WaitForAsync(stored.LastSequence);
        foreach (var (token, name) in acknowledged)
            Assert.Single(stored.Requests, r => r.StatusToken == token && r.Name == name);
        Assert.Equal(stored.Requests.Count, stored.Requests.Select(r => r.Number).Distinct().Count());
        var sequences = (await nodeB.JournalAfterAsync(demo.Id, 0)).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, (int)stored.LastSequence).Select(i => (long)i), sequences);
        // B's seats' shared copy holds every acknowledged request too.
        var seat = await nodeB.AppServices.GetRequiredService<MeetingSnapshots>().GetAsync(demo.Id);
        Assert.All(acknowledged.Keys, token => Assert.Contains(seat!.Requests, r => r.StatusToken == token));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < HubChanges.Patience, "The other node's changes did not arrive.");
            await Task.Delay(20);
        }
    }
}
