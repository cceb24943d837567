using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// Meetings never wait for each other: with one meeting's writer held in the middle of a command and a burst queued
/// behind it, another meeting's commands commit and reach its staff seat — shown by order, not by a stopwatch.
/// </summary>
public sealed class MeetingIsolationTests
{
    [Fact]
    public async Task A_burst_held_up_in_one_meeting_does_not_hold_up_another_meetings_commands_or_seats()
    {
        await using var app = new TestApp();
        var busy = await app.DemoMeetingAsync();
        var other = Meeting.Create(new MeetingPlan("Hội nghị đối thoại chuyên đề đất đai", MeetingKind.Thematic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy xã")], "Nhà văn hóa xóm 5", app.Commands.Now, 80, "Số 15-KH/ĐU",
            UnitId: busy.UnitId));
        other.Announce();
        await app.Commands.AddMeetingAsync(other, "Kiểm thử");

        await using var seat = app.HubClient(await app.SignInCookieAsync("tiepnhan"));
        var seen = HubChanges.Listen(seat);
        await seat.StartAsync();
        await seat.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), other.Id, 0L);

        // The busy meeting's writer is stuck inside a command; 200 phones queue behind it.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = app.Commands.RunAsync(busy.Id, null, null, async scope =>
        {
            entered.TrySetResult();
            await release.Task;
            return scope.Meeting.Submit(Draft("Người giữ máy", "held"), scope.Now);
        });
        await entered.Task.WaitAsync(HubChanges.Patience);
        var burst = Enumerable.Range(1, 200)
            .Select(i => app.Commands.RunAsync(busy.Id, null, null, (m, now) => m.Submit(Draft($"Người dân {i}", $"k{i}"), now)))
            .ToList();

        // Meanwhile the other meeting takes phones and its seat hears them.
        for (var i = 1; i <= 5; i++)
        {
            var done = await app.Commands.RunAsync(other.Id, null, null, (m, now) => m.Submit(Draft($"Xóm 5 người {i}", $"o{i}"), now));
            Assert.True(done.Ok, done.Error);
            await seen.WaitForAsync(done.Sequence);
        }
        Assert.False(stuck.IsCompleted);
        Assert.DoesNotContain(burst, t => t.IsCompleted);

        release.TrySetResult();
        var results = await Task.WhenAll(burst);
        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.True((await stuck).Ok);
        // The burst was committed behind the held command, in gapless sequence.
        var journal = await app.JournalAfterAsync(busy.Id, busy.LastSequence);
        Assert.Equal(201, journal.Count(e => e.Kind == EventKinds.RequestSubmitted));
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => busy.LastSequence + i), journal.Select(e => e.Sequence));
        Assert.Equal(results.Select(r => r.Value!.Number).Distinct().Count(), results.Length);
    }

    [Fact]
    public async Task An_idle_meetings_writer_retires_and_the_next_command_loads_the_meeting_again()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:WriterIdleSeconds"] = "1" });
        var demo = await app.DemoMeetingAsync();
        var first = await app.Commands.RunAsync(demo.Id, null, null, (m, now) => m.Submit(Draft("Người thứ nhất", "r1"), now));
        Assert.True(first.Ok, first.Error);
        Assert.Equal(1, app.Commands.Writers);

        for (var i = 0; i < 100 && app.Commands.Writers > 0; i++) await Task.Delay(100);
        Assert.Equal(0, app.Commands.Writers);

        var second = await app.Commands.RunAsync(demo.Id, null, null, (m, now) => m.Submit(Draft("Người thứ hai", "r2"), now));
        Assert.True(second.Ok, second.Error);
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(first.Value!.Number + 1, second.Value!.Number);
    }

    [Fact]
    public async Task A_batch_slower_to_store_than_the_bound_is_logged_for_the_operator()
    {
        // Bound 0: every stored batch is "slow". The line names the meeting and the commit's share (a slow disk).
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:SlowCommitMilliseconds"] = "0" });
        var demo = await app.DemoMeetingAsync();
        var from = app.Log.Count;

        var result = await app.Commands.RunAsync(demo.Id, null, null, (m, now) => m.Submit(Draft("Người thứ nhất", "s1"), now));

        Assert.True(result.Ok, result.Error);
        Assert.Contains(app.Log.Since(from), line => line.Contains(demo.Id.ToString()) && line.Contains("commit (the disk's write)"));
    }

    private static SpeakRequestDraft Draft(string name, string key) =>
        new(name, "Xóm 5", OpinionField.Economy, "Đề nghị làm đường bê tông liên xóm.", SpeakMode.Speak, OpinionSource.Phone, IdempotencyKey: key);
}
