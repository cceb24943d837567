using System.Net;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>The report on the meeting exists only once the meeting is closed, and only for the secretary's seat.</summary>
public sealed class MeetingReportTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_meeting_not_yet_closed_has_no_report_and_says_why_in_Vietnamese()
    {
        var meeting = await _app.DemoMeetingAsync();
        using var secretary = await _app.SignedInClientAsync("thuky");

        var response = await secretary.GetAsync(DocumentEndpoints.ReportPath(meeting.Id));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Hội nghị chưa bế mạc: báo cáo kết quả chỉ lập được sau khi bế mạc.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync(DocumentEndpoints.ReportPath(Guid.NewGuid()))).StatusCode);
        using var mttq = await _app.SignedInClientAsync("mttq");
        // The Front's account is not the secretary's seat: refused before the meeting is even looked at.
        var denied = await mttq.GetAsync(DocumentEndpoints.ReportPath(meeting.Id));
        var where = denied.Headers.Location?.OriginalString ?? "";
        Assert.True(denied.StatusCode == HttpStatusCode.Forbidden || (denied.StatusCode == HttpStatusCode.Redirect && where.Contains("/account/", StringComparison.OrdinalIgnoreCase)),
            $"{(int)denied.StatusCode} {where}");
    }
}
