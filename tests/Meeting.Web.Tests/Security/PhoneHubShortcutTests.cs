using System.Net;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Security;

/// <summary>
/// A phone's hub connection skips the page middleware (what each of them held for the page's lifetime made a phone
/// cost more than a bare SignalR connection); a staff program's keeps its user; an endpoint that asks for
/// authorization is never skipped past.
/// </summary>
public sealed class PhoneHubShortcutTests : IAsyncLifetime
{
    private const string SignInCookie = ".AspNetCore.Identity.Application";
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_phones_negotiation_skips_the_page_middleware_and_a_staff_ones_passes_it()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var phone = await client.PostAsync(MeetingHub.Path + "/negotiate?negotiateVersion=1", null);
        using var staffRequest = new HttpRequestMessage(HttpMethod.Post, MeetingHub.Path + "/negotiate?negotiateVersion=1");
        staffRequest.Headers.Add("Cookie", await _app.SignInCookieAsync("chutri"));
        using var staff = await client.SendAsync(staffRequest);

        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        Assert.False(phone.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, staff.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Staff_follow_the_journal_through_the_hub_and_an_anonymous_connection_cannot()
    {
        var meeting = await _app.DemoMeetingAsync();
        await using var staff = _app.HubClient(await _app.SignInCookieAsync("thuky"));
        await using var phone = _app.HubClient();
        await staff.StartAsync();
        await phone.StartAsync();

        var followed = await staff.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), meeting.Id, 0L);

        Assert.Equal(meeting.Id, followed.MeetingId);
        await Assert.ThrowsAsync<HubException>(() => phone.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), meeting.Id, 0L));
        Assert.False((await phone.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), meeting.PublicCode, 0L)).NotFound);
    }

    [Theory]
    [InlineData(typeof(MeetingHub), false, null, true)]
    [InlineData(typeof(MeetingHub), true, null, false)]
    [InlineData(typeof(MeetingHub), false, "policy", false)]
    [InlineData(typeof(MeetingHub), false, "dt_dev=1; " + SignInCookie + "=abc", false)]
    [InlineData(typeof(MeetingHub), false, SignInCookie + "=chunks-2; " + SignInCookie + "C1=a", false)]
    [InlineData(typeof(MeetingHub), false, "dt_dev=1", true)]
    [InlineData(typeof(Hub), false, null, false)]
    [InlineData(null, false, null, false)]
    public void Only_an_anonymous_request_to_the_meeting_hub_without_authorization_metadata_is_shortcut(
        Type? hub, bool authorize, string? cookie, bool shortcut)
    {
        var metadata = new List<object>();
        if (hub is not null) metadata.Add(new HubMetadata(hub));
        if (authorize) metadata.Add(new AuthorizeAttribute());
        // RequireAuthorization(policy) adds the policy itself, not an IAuthorizeData.
        if (cookie == "policy")
        {
            metadata.Add(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            cookie = null;
        }
        var ctx = new DefaultHttpContext();
        ctx.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(metadata), "hub"));
        if (cookie is not null) ctx.Request.Headers.Cookie = cookie;

        Assert.Equal(shortcut, PhoneHubShortcut.IsAnonymousHubRequest(ctx, SignInCookie));
    }
}
