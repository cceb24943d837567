using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Integration;

public sealed class LiveFeedTests
{
    private static async Task<(HubConnection Connection, HubChanges Changes, FollowResult Followed)> FollowAsync(TestApp app, string code, long after = 0)
    {
        var connection = app.HubClient();
        var changes = HubChanges.Listen(connection);
        await connection.StartAsync();
        var followed = await connection.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), code, after);
        return (connection, changes, followed);
    }

    [Fact]
    public async Task Public_clients_get_few_messages_without_text_or_staff_notes_naming_the_requests_whose_line_changed()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var (hubA, changesA, followedA) = await FollowAsync(app, demo.PublicCode);
        await using var _a = hubA;
        var (hubB, changesB, followedB) = await FollowAsync(app, demo.PublicCode);
        await using var _b = hubB;

        // A phone gets the state it follows from, not the journal (the seed's notes for the chair included).
        Assert.False(followedA.Reload);
        Assert.Equal(demo.LastSequence, followedA.LastSequence);
        Assert.Empty(followedA.Missed);
        Assert.Equal(followedA.LastSequence, followedB.LastSequence);

        var waiting = demo.Requests.First(r => r.Status == SpeakRequestStatus.Submitted);
        var opinionId = demo.Requests.First(r => r.IsQueued).OpinionId!.Value;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await app.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(waiting.Id, now));
        var note = await app.MustAsync(id, Hall.Secretary, StaffRoles.AnswerStaff,
            (m, now) => m.AddStaffNote(opinionId, "Bộ phận tham mưu trả lời", "Số liệu dự án: 2,1 tỷ đồng, khởi công tháng 3.", now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.NextStep(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        var last = await app.MustAsync(id, Hall.Secretary, StaffRoles.ProjectorControl,
            (m, now) => m.SetProjector(ProjectorMode.Message, "Đề nghị đại biểu giữ trật tự."));

        await changesA.WaitForAsync(last.Sequence);
        await changesB.WaitForAsync(last.Sequence);

        var journal = await app.JournalAfterAsync(id, demo.LastSequence);
        var publicEntries = journal.Where(e => !e.StaffOnly).ToList();
        foreach (var received in new[] { changesA.Received, changesB.Received })
        {
            // Coalesced: at most one message per public change, in commit order, each naming a public change.
            Assert.InRange(received.Count, 1, publicEntries.Count);
            Assert.Equal(received.Select(c => c.Sequence).Order(), received.Select(c => c.Sequence));
            Assert.All(received, c => Assert.Contains(publicEntries, e => e.Sequence == c.Sequence && e.Kind == c.Kind));
            // Names, reasons and notes never travel to public clients.
            Assert.All(received, c => Assert.Null(c.Text));
            Assert.DoesNotContain(received, c => c.Sequence == note.Sequence || c.Kind == EventKinds.StaffNoteAdded);
            // The approved request's line changed (its place in the queue): its phone is told to look again.
            Assert.Contains(received, c => c.Changed is { } numbers && numbers.Contains(waiting.Number));
        }
        var noteEntry = Assert.Single(journal, e => e.Kind == EventKinds.StaffNoteAdded);
        Assert.True(noteEntry.StaffOnly);
    }

    [Fact]
    public async Task Staff_hear_every_change_of_a_burst_once_in_commit_order()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        await using var staff = app.HubClient(await app.SignInCookieAsync("thuky"));
        var changes = HubChanges.Listen(staff);
        await staff.StartAsync();
        var followed = await staff.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), demo.Id, demo.LastSequence);

        // Phones and a chair at once: the staff's sends leave from whichever thread committed, each after the one before.
        var phones = Enumerable.Range(0, 24).Select(async i =>
        {
            using var phone = new PhoneClient(app);
            await phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed(name: $"Người gửi {i}"));
        });
        var chair = Enumerable.Range(0, 4).Select(i => app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat,
            (m, now) => m.SetProjector(ProjectorMode.Message, $"Thông báo {i}")));
        await Task.WhenAll(phones.Concat<Task>(chair));
        var journal = await app.JournalAfterAsync(demo.Id, followed.LastSequence);
        await changes.WaitForAsync(journal[^1].Sequence);

        var received = changes.Received.Select(c => c.Sequence).Where(s => s > followed.LastSequence).ToList();
        Assert.Equal(journal.Select(e => e.Sequence), received);
    }

    [Fact]
    public async Task A_status_page_following_its_own_line_hears_when_that_line_changes_and_nothing_of_other_peoples_requests()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var waiting = demo.Requests.First(r => r.Status == SpeakRequestStatus.Submitted);
        var first = demo.QueuedRequests()[0];

        async Task<(HubConnection, HubChanges)> FollowLineAsync(int number)
        {
            var connection = app.HubClient();
            var changes = HubChanges.Listen(connection);
            await connection.StartAsync();
            var followed = await connection.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowLine), demo.PublicCode, number, 0L);
            Assert.False(followed.NotFound);
            Assert.Equal(demo.LastSequence, followed.LastSequence);
            return (connection, changes);
        }
        var (waitingHub, waitingChanges) = await FollowLineAsync(waiting.Number);
        await using var _w = waitingHub;
        var (firstHub, firstChanges) = await FollowLineAsync(first.Number);
        await using var _f = firstHub;
        var (everything, allChanges, _) = await FollowAsync(app, demo.PublicCode);
        await using var _e = everything;

        // Other people register from their phones (real form posts): the whole-meeting follower hears of them,
        // the two status pages are sent nothing.
        using var phone = new PhoneClient(app);
        for (var i = 0; i < 5; i++) await phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed(name: $"Người gửi {i}"));
        var afterBurst = (await app.LoadAsync(id)).LastSequence;
        await allChanges.WaitForAsync(afterBurst);

        // Reception approves the waiting request: its own page is told, the first in the queue keeps its place.
        var approved = await app.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(waiting.Id, now));
        await waitingChanges.WaitForAsync(approved.Sequence);
        await allChanges.WaitForAsync(approved.Sequence);
        Assert.All(waitingChanges.Received, c => Assert.Contains(waiting.Number, c.Changed!));
        // Absence is observed after a pause longer than the coalescing interval (a message would have come by then).
        await Task.Delay(MeetingFeed.PublicInterval * 2);
        Assert.Empty(firstChanges.Received);
        Assert.Equal(first.Id, (await app.LoadAsync(id)).QueuedRequests()[0].Id);

        // A made-up code or number is answered, not thrown.
        await using var stranger = app.HubClient();
        await stranger.StartAsync();
        Assert.True((await stranger.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowLine), "KHONGCO", 1, 0L)).NotFound);
        Assert.True((await stranger.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowLine), demo.PublicCode, 0, 0L)).NotFound);
    }

    [Fact]
    public async Task A_phone_that_reconnects_gets_the_current_sequence_and_its_own_line_while_staff_catch_up_from_the_journal()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var (phone, phoneChanges, _) = await FollowAsync(app, demo.PublicCode);
        await using var _p = phone;
        await using var staff = app.HubClient(await app.SignInCookieAsync("thuky"));
        var staffChanges = HubChanges.Listen(staff);
        await staff.StartAsync();
        var staffFollowed = await staff.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), id, demo.LastSequence);
        Assert.Empty(staffFollowed.Missed);

        Task<CommandResult<bool>> Projector(string text) =>
            app.MustAsync(id, Hall.Secretary, StaffRoles.ProjectorControl, (m, now) => m.SetProjector(ProjectorMode.Message, text));

        var seen = await Projector("Đề nghị đại biểu về chỗ ngồi.");
        await phoneChanges.WaitForAsync(seen.Sequence);
        await staffChanges.WaitForAsync(seen.Sequence);
        var lastHad = staffChanges.LastSequence;

        await phone.StopAsync();
        await staff.StopAsync();
        var staffReceivedBeforeDrop = staffChanges.Received.Count;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.NextStep(now));
        await Projector("Mời đại biểu đăng ký phát biểu qua mã QR.");
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        var now = await app.LoadAsync(id);

        // The phone: the current sequence, no replay; its own line is read from the board, which is current.
        await phone.StartAsync();
        var phoneBack = await phone.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), demo.PublicCode, lastHad);
        Assert.Equal(now.LastSequence, phoneBack.LastSequence);
        Assert.Empty(phoneBack.Missed);
        var speaker = now.FloorSpeaker!;
        using var client = new PhoneClient(app);
        var line = await client.StatusJsonAsync(speaker.StatusToken);
        Assert.True(line.GetProperty("isOnFloor").GetBoolean());
        Assert.Equal("Mời ông/bà lên phát biểu!", line.GetProperty("headline").GetString());

        // Staff: exactly what happened while away, from the journal, no gap, no duplicate.
        await staff.StartAsync();
        var caughtUp = await staff.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), id, lastHad);
        Assert.False(caughtUp.Reload);
        Assert.Equal(now.LastSequence, caughtUp.LastSequence);
        var journal = await app.JournalAfterAsync(id, lastHad);
        Assert.Equal(journal.Select(e => e.Sequence), caughtUp.Missed.Select(c => c.Sequence));
        Assert.Equal(Enumerable.Range(1, (int)(now.LastSequence - lastHad)).Select(i => lastHad + i), caughtUp.Missed.Select(c => c.Sequence));
        Assert.Equal(staffReceivedBeforeDrop, staffChanges.Received.Count);

        var next = await Projector("Đại biểu tiếp theo chuẩn bị.");
        await staffChanges.WaitForAsync(next.Sequence);
        Assert.Equal([now.LastSequence + 1], staffChanges.Received.Skip(staffReceivedBeforeDrop).Select(c => c.Sequence));
    }

    [Fact]
    public async Task Reorder_reaches_hub_clients_and_the_projectors_next_three_while_a_stale_reorder_is_refused()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var (hub, changes, _) = await FollowAsync(app, demo.PublicCode);
        await using var _h = hub;

        var queue = demo.QueuedRequests();
        Assert.True(queue.Count >= 4);
        var moved = queue[^1];
        var staleVersion = demo.QueueVersion;
        var reorder = await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.MoveInQueue(moved.Id, 0, staleVersion, now));

        await changes.WaitForAsync(reorder.Sequence);
        var change = Assert.Single(changes.Received);
        Assert.Equal(EventKinds.QueueReordered, change.Kind);
        Assert.Equal(reorder.Sequence, change.Sequence);

        var reloaded = await app.LoadAsync(id);
        Assert.NotEqual(staleVersion, reloaded.QueueVersion);
        Assert.Equal([moved.Id, queue[0].Id, queue[1].Id], reloaded.QueuedRequests().Take(3).Select(r => r.Id));

        // A second tablet still showing the old list tries to move another request: refused, nothing changes.
        var stale = await app.Commands.RunAsync(id, Hall.Chair, StaffRoles.ChairSeat,
            (m, now) => m.MoveInQueue(queue[2].Id, 0, staleVersion, now));
        Assert.False(stale.Ok);
        Assert.Equal("Danh sách chờ vừa thay đổi trên thiết bị khác. Hãy xem lại danh sách mới rồi thao tác lại.", stale.Error);
        var after = await app.LoadAsync(id);
        Assert.Equal(reloaded.QueueVersion, after.QueueVersion);
        Assert.Equal(reloaded.LastSequence, after.LastSequence);
        Assert.Equal(reloaded.QueuedRequests().Select(r => r.Id), after.QueuedRequests().Select(r => r.Id));
        Assert.Empty(await app.JournalAfterAsync(id, reorder.Sequence));
    }
}
