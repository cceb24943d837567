using System.Net;
using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>Staff of one commune never read or change another commune's meetings — tried through every route, not the menu.</summary>
public sealed class UnitSeparationTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Meeting _giaoHoa = default!;

    public async Task InitializeAsync()
    {
        await using var db = await _app.OpenDbAsync();
        var departments = await db.Departments.Where(d => d.UnitId == DemoUnits.GiaoHoaId).OrderBy(d => d.SortOrder).ToListAsync();
        var meeting = DemoMeeting.Build(_app.Commands.Now, departments, DemoUnits.GiaoHoaId);
        await _app.Commands.AddMeetingAsync(meeting, "Kiểm thử");
        _giaoHoa = (await _app.LoadAsync(meeting.Id));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every route of the app that names a meeting, with sample values for its other parameters.</summary>
    private IEnumerable<(string Method, string Path)> MeetingRoutes(Guid meetingId)
    {
        var endpoints = _app.AppServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            if (!pattern.Parameters.Any(p => p.Name.Equals("meetingId", StringComparison.OrdinalIgnoreCase))) continue;
            var path = new StringBuilder();
            foreach (var segment in pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                    path.Append(part switch
                    {
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name.Equals("meetingId", StringComparison.OrdinalIgnoreCase) => meetingId.ToString(),
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => MinutesKeys.Conclusion,
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
                        _ => "",
                    });
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST" or "PUT" or "DELETE"))
                yield return (method, path.ToString());
        }
    }

    [Fact]
    public async Task Staff_of_another_commune_get_not_found_on_every_meeting_route_and_change_nothing()
    {
        using var giaoMinh = await _app.SignedInClientAsync("vanphong");
        var routes = MeetingRoutes(_giaoHoa.Id).Distinct().ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} meeting routes found: {string.Join(", ", routes)}");

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET") request.Content = new StringContent("""{"text":"x","baseVersion":0}""", Encoding.UTF8, "application/json");
            using var response = await giaoMinh.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied")),
                $"{method} {path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(_giaoHoa.Title, body);
            Assert.DoesNotContain(_giaoHoa.PublicCode, body);
        }

        var after = await _app.LoadAsync(_giaoHoa.Id);
        Assert.Equal(_giaoHoa.LastSequence, after.LastSequence);
        await using var db = await _app.OpenDbAsync();
        Assert.False(await db.Set<DoiThoai.Web.Features.Minutes.MinutesEntry>().AnyAsync(e => e.MeetingId == _giaoHoa.Id));
    }

    [Fact]
    public async Task Their_own_staff_and_the_province_account_do_get_the_meeting()
    {
        using var own = await _app.SignedInClientAsync("giaohoa");
        using var province = await _app.SignedInClientAsync("tinh");
        using var other = await _app.SignedInClientAsync("vanphong");

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/delegates/{_giaoHoa.Id}/giay-moi.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/delegates/{_giaoHoa.Id}/giay-moi.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/delegates/{_giaoHoa.Id}/giay-moi.docx")).StatusCode);
        var home = await other.GetStringAsync("/");
        Assert.DoesNotContain(_giaoHoa.Id.ToString(), home);
        Assert.Contains(_giaoHoa.Id.ToString(), await own.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_live_feed_of_another_communes_meeting_is_refused_to_a_signed_in_hub_client()
    {
        await using var other = _app.HubClient(await _app.SignInCookieAsync("vanphong"));
        await using var own = _app.HubClient(await _app.SignInCookieAsync("giaohoa"));
        await other.StartAsync();
        await own.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), _giaoHoa.Id, 0L));
        var followed = await own.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), _giaoHoa.Id, 0L);

        Assert.Contains("Không tìm thấy", refused.Message);
        Assert.Equal(_giaoHoa.Id, followed.MeetingId);
        Assert.NotEmpty(followed.Missed);
    }

    [Fact]
    public async Task Commands_and_live_subscriptions_for_another_communes_meeting_are_refused()
    {
        var result = await _app.Commands.RunAsync(_giaoHoa.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        Assert.False(result.Ok);
        Assert.Equal(MeetingCommands.MeetingNotFound, result.Error);
        Assert.Equal(MeetingStatus.Announced, (await _app.LoadAsync(_giaoHoa.Id)).Status);

        var ownChair = TestApp.Staff(StaffRoles.Chair, "chutri-giaohoa", DemoUnits.GiaoHoaId);
        Assert.True((await _app.Commands.RunAsync(_giaoHoa.Id, ownChair, StaffRoles.ChairSeat, (m, now) => m.Start(now))).Ok);
    }
}
