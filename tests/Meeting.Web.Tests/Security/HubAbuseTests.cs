using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Security;

/// <summary>The hub anyone may open: unknown codes are answered quietly, floods are cut off, the staff journal stays staff.</summary>
public sealed class HubAbuseTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_unknown_code_is_answered_as_not_found_and_logs_no_error()
    {
        var since = _app.Log.Count;
        await using var hub = _app.HubClient();
        await hub.StartAsync();

        foreach (var code in new[] { "KHONGCO", "", new string('A', 5000), "\uFFFE" })
        {
            var result = await hub.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), code, 0L);
            Assert.True(result.NotFound);
        }

        Assert.DoesNotContain(_app.Log.Since(since), line => line.Contains(" Error "));
    }

    [Fact]
    public async Task A_connection_calling_in_a_loop_is_disconnected_and_a_phone_still_follows()
    {
        var code = (await _app.DemoMeetingAsync()).PublicCode;
        await using var flood = _app.HubClient();
        var closed = new TaskCompletionSource();
        flood.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await flood.StartAsync();

        var answered = 0;
        for (var i = 0; i < 200 && flood.State == HubConnectionState.Connected; i++)
        {
            try
            {
                await flood.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), code, 0L);
                answered++;
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or TaskCanceledException or IOException)
            {
                break;
            }
        }
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(answered, 1, HubCallLimit.Burst + 1);
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        Assert.False((await phone.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), code, 0L)).NotFound);
    }

    [Fact]
    public async Task A_connection_that_used_its_burst_may_call_again_once_the_bucket_refilled()
    {
        var code = (await _app.DemoMeetingAsync()).PublicCode;
        await using var phone = _app.HubClient();
        await phone.StartAsync();
        for (var i = 0; i < HubCallLimit.Burst; i++)
            await phone.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), code, 0L);

        // One token comes back every RefillSeconds (refilled by the limiter's shared timer, not one per connection).
        await Task.Delay(TimeSpan.FromSeconds(HubCallLimit.RefillSeconds + 1));
        var again = await phone.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), code, 0L);

        Assert.False(again.NotFound);
        Assert.Equal(HubConnectionState.Connected, phone.State);
    }

    [Theory]
    [InlineData("phongban")]
    [InlineData("giamsat")]
    public async Task Departments_and_supervisors_cannot_pull_the_staff_journal(string userName)
    {
        var meeting = await _app.DemoMeetingAsync();
        await using var hub = _app.HubClient(await _app.SignInCookieAsync(userName));
        await hub.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), meeting.Id, 0L));
    }
}
