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
    public async Task Two_public_clients_receive_the_same_changes_in_commit_order_without_text_or_staff_notes()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var (hubA, changesA, followedA) = await FollowAsync(app, demo.PublicCode);
        await using var _a = hubA;
        var (hubB, changesB, followedB) = await FollowAsync(app, demo.PublicCode);
        await using var _b = hubB;

        // The catch-up from 0 is public only too: the seed's notes for the chair stay out.
        Assert.False(followedA.Reload);
        Assert.Equal(demo.LastSequence, followedA.LastSequence);
        Assert.NotEmpty(followedA.Missed);
        Assert.All(followedA.Missed, c => Assert.Null(c.Text));
        Assert.DoesNotContain(followedA.Missed, c => c.Kind == EventKinds.StaffNoteAdded);
        Assert.Equal(followedA.Missed.Select(c => c.Sequence), followedB.Missed.Select(c => c.Sequence));

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
        var publicSequences = journal.Where(e => !e.StaffOnly).Select(e => e.Sequence).ToList();
        Assert.Equal(publicSequences, changesA.Received.Select(c => c.Sequence));
        Assert.Equal(publicSequences, changesB.Received.Select(c => c.Sequence));
        Assert.Equal(changesA.Received.Select(c => c.Kind), changesB.Received.Select(c => c.Kind));
        Assert.Equal(journal.Where(e => !e.StaffOnly).Select(e => e.Kind), changesA.Received.Select(c => c.Kind));

        // Names, reasons and notes never travel to public clients.
        Assert.All(changesA.Received.Concat(changesB.Received), c => Assert.Null(c.Text));
        var noteEntry = Assert.Single(journal, e => e.Kind == EventKinds.StaffNoteAdded);
        Assert.True(noteEntry.StaffOnly);
        Assert.Equal(note.Sequence, noteEntry.Sequence);
        Assert.DoesNotContain(changesA.Received, c => c.Sequence == note.Sequence || c.Kind == EventKinds.StaffNoteAdded);
        Assert.DoesNotContain(changesB.Received, c => c.Sequence == note.Sequence || c.Kind == EventKinds.StaffNoteAdded);
    }

    [Fact]
    public async Task Client_that_reconnects_with_its_last_sequence_gets_exactly_the_changes_it_missed()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var (hub, changes, followed) = await FollowAsync(app, demo.PublicCode);
        await using var _ = hub;

        Task<CommandResult<bool>> Projector(string text) =>
            app.MustAsync(id, Hall.Secretary, StaffRoles.ProjectorControl, (m, now) => m.SetProjector(ProjectorMode.Message, text));

        await Projector("Hội nghị sắp bắt đầu.");
        var seen = await Projector("Đề nghị đại biểu về chỗ ngồi.");
        await changes.WaitForAsync(seen.Sequence);
        var lastHad = Math.Max(followed.LastSequence, changes.LastSequence);
        Assert.Equal(seen.Sequence, lastHad);

        await hub.StopAsync();
        var receivedBeforeDrop = changes.Received.Count;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.NextStep(now));
        await Projector("Mời đại biểu đăng ký phát biểu qua mã QR.");
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        var missedUpTo = (await app.LoadAsync(id)).LastSequence;

        await hub.StartAsync();
        var caughtUp = await hub.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), demo.PublicCode, lastHad);
        Assert.False(caughtUp.Reload);
        Assert.Equal(missedUpTo, caughtUp.LastSequence);
        var missed = caughtUp.Missed.Select(c => c.Sequence).ToList();
        // Exactly what happened while away: starts right after the last one held, no gap, no duplicate.
        Assert.Equal(Enumerable.Range(1, (int)(missedUpTo - lastHad)).Select(i => lastHad + i), missed);
        var journal = await app.JournalAfterAsync(id, lastHad);
        Assert.Equal(journal.Select(e => e.Sequence), missed);
        Assert.Equal(journal.Select(e => e.Kind), caughtUp.Missed.Select(c => c.Kind));
        Assert.Equal(receivedBeforeDrop, changes.Received.Count);

        // Live again after the catch-up, continuing where the catch-up ended.
        var next = await Projector("Đại biểu tiếp theo chuẩn bị.");
        await changes.WaitForAsync(next.Sequence);
        var live = changes.Received.Skip(receivedBeforeDrop).Select(c => c.Sequence).ToList();
        Assert.Equal([missedUpTo + 1], live);
        var all = changes.Received.Take(receivedBeforeDrop).Select(c => c.Sequence).Concat(missed).Concat(live).ToList();
        Assert.Equal(all.Distinct(), all);
        Assert.Equal(Enumerable.Range(0, all.Count).Select(i => all[0] + i), all);
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
