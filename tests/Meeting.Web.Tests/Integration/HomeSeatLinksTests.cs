using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>The home page offers each person the seats they may open, not links that end on "no permission".</summary>
public sealed class HomeSeatLinksTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Guid _meetingId;

    public async Task InitializeAsync() => _meetingId = (await _app.DemoMeetingAsync()).Id;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Each_role_sees_its_own_seats_and_the_demo_visitor_sees_them_all()
    {
        var visitor = await _app.CreateClient().GetStringAsync("/");
        using var chair = await _app.SignedInClientAsync("chutri");
        using var department = await _app.SignedInClientAsync("phongban");
        using var reception = await _app.SignedInClientAsync("tiepnhan");
        var chairs = await chair.GetStringAsync("/");
        var departments = await department.GetStringAsync("/");
        var receptions = await reception.GetStringAsync("/");

        Assert.Contains($"href=\"/chair/{_meetingId}\"", visitor);
        Assert.Contains($"href=\"/delegates/{_meetingId}\"", visitor);

        Assert.Contains($"href=\"/chair/{_meetingId}\"", chairs);
        Assert.Contains($"href=\"/minutes/{_meetingId}\"", chairs);
        Assert.DoesNotContain($"href=\"/delegates/{_meetingId}\"", chairs);

        Assert.Contains($"href=\"/checkin/{_meetingId}\"", receptions);
        Assert.Contains($"href=\"/delegates/{_meetingId}\"", receptions);
        Assert.DoesNotContain($"href=\"/chair/{_meetingId}\"", receptions);
        Assert.DoesNotContain($"href=\"/minutes/{_meetingId}\"", receptions);

        // Department staff: the meeting and the phone form, their own pages, no hall seat.
        Assert.Contains($"data-meeting-id=\"{_meetingId}\"", departments);
        Assert.DoesNotContain($"href=\"/chair/{_meetingId}\"", departments);
        Assert.DoesNotContain($"href=\"/reception/{_meetingId}\"", departments);
        Assert.DoesNotContain($"href=\"/preparation/{_meetingId}/opinions\"", departments);
        Assert.Contains("href=\"/chuan-bi-tra-loi\"", departments);
        Assert.Contains("href=\"/theo-doi\"", departments);
    }
}
