using System.Net;
using System.Net.Http.Json;
using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// Follow-up items are reached by their own id, not a {meetingId}, so the route guard does not cover them: a commune's
/// staff must still never list, read, download or answer another commune's items — tried through every route.
/// </summary>
public sealed class FollowUpUnitSeparationTests : IAsyncLifetime
{
    private const string Answer = "Phòng Kinh tế đã khảo sát và lập kế hoạch nạo vét kênh tưới tiêu phía đông xóm 7.";

    private readonly TestApp _app = new();
    private FollowedMeeting _meeting = default!;
    private FollowUpItem _item = default!;

    public async Task InitializeAsync()
    {
        _meeting = await FollowedMeeting.PlayAsync(_app);
        var item = await _meeting.IssueAsync(_app);
        var service = FollowedMeeting.Service(_app);
        Assert.Null(await service.RecordAnswerAsync(FollowedMeeting.DepartmentStaff(_meeting.KinhTe.Id), item.Id,
            new AnswerInput(Answer, "125/UBND-KT", service.Today),
            new AnswerFile("tra-loi.pdf", null, () => new MemoryStream(FollowedMeeting.Pdf()))));
        _item = await _meeting.ItemAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every route the follow-up feature maps (API, download, pages), with this item's and meeting's ids filled in.</summary>
    private IEnumerable<(string Method, string Path)> FollowUpRoutes()
    {
        var endpoints = _app.AppServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            var raw = pattern.RawText ?? "";
            if (!raw.Contains("theo-doi", StringComparison.Ordinal) && !raw.Contains("ban-hanh-thong-bao", StringComparison.Ordinal)) continue;
            var path = new StringBuilder();
            foreach (var segment in pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternParameterPart p when p.Name.Equals("itemId", StringComparison.OrdinalIgnoreCase) => _item.Id.ToString(),
                        RoutePatternParameterPart p when p.Name.Equals("meetingId", StringComparison.OrdinalIgnoreCase) => _item.MeetingId.ToString(),
                        RoutePatternParameterPart p => throw new InvalidOperationException($"{raw}: no sample value for {{{p.Name}}}"),
                        RoutePatternSeparatorPart s => s.Content,
                        _ => "",
                    });
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST" or "PUT" or "DELETE"))
                yield return (method, path.Length == 0 ? "/" : path.ToString());
        }
    }

    [Fact]
    public async Task Staff_of_another_commune_cannot_list_read_download_or_answer_through_any_follow_up_route()
    {
        using var other = await _app.SignedInClientAsync("giaohoa");
        var routes = FollowUpRoutes().Distinct().ToList();
        // The list and detail pages, the list, item, answer, token and file endpoints, and issuing the notice.
        Assert.True(routes.Count >= 7, $"only {routes.Count} follow-up routes found: {string.Join(", ", routes)}");
        var token = await other.GetFromJsonAsync<FollowedMeeting.AntiforgeryDto>("/api/theo-doi/antiforgery");

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST" && path.EndsWith("/tra-loi", StringComparison.Ordinal))
            {
                // A well-formed answer with a valid token: only the unit check can stop it.
                request.Content = new MultipartFormDataContent
                {
                    { new StringContent("Xã Giao Hòa ghi đè câu trả lời"), "text" },
                    { new StringContent(FollowedMeeting.Service(_app).Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)), "date" },
                    { new ByteArrayContent(FollowedMeeting.Pdf("forged")), "file", "gia-mao.pdf" },
                };
                request.Headers.Add(token!.HeaderName, token.Token);
            }
            else if (method != "GET")
                request.Content = JsonContent.Create(new { number = "99-TB/ĐU", noticeDate = Clock.ToHallTime(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd"), complex = false });
            using var response = await other.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var refused = path.EndsWith("/tra-loi", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.NotFound
                : response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                    // The pages answer 200 with "not found" / an empty list; the token endpoint hands out only a token.
                    || (response.StatusCode == HttpStatusCode.OK && method == "GET")
                    // A page posted to without a form.
                    || (response.StatusCode == HttpStatusCode.BadRequest && method == "POST" && !path.StartsWith("/api/", StringComparison.Ordinal));
            Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(_item.Content, body);
            Assert.DoesNotContain(_item.SubmitterName, body);
            Assert.DoesNotContain(Answer, body);
            Assert.DoesNotContain("%PDF", body);
            Assert.DoesNotContain(_item.MeetingTitle, body);
        }

        // Explicitly, the ones that matter most.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/theo-doi/{_item.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/theo-doi/{_item.Id}/tep")).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<FollowUpEndpoints.ListDto>("/api/theo-doi"))!.Items);
        Assert.Contains(FollowUpService.ItemNotFound, await other.GetStringAsync($"/theo-doi/{_item.Id}"));

        var after = await _meeting.ItemAsync(_app);
        Assert.Equal(Answer, after.AnswerText);
        Assert.Equal("phongban", after.RecordedBy);
        Assert.Equal(_item.AttachmentPath, after.AttachmentPath);
        Assert.Single(Directory.GetFiles(Path.Combine(_app.DataDirectory, FollowUpFiles.Folder)));
        Assert.Equal(FollowedMeeting.NoticeNumber, (await FollowedMeeting.Service(_app).NoticeOfAsync(FollowedMeeting.Organizer, _meeting.Id))!.Number);
    }

    [Fact]
    public async Task The_service_checks_the_unit_on_every_call_and_the_province_account_sees_its_communes_items()
    {
        var service = FollowedMeeting.Service(_app);
        var other = FollowedMeeting.OtherCommune;
        Assert.Empty((await service.ListAsync(other)).Items);
        Assert.Null(await service.GetAsync(other, _item.Id));
        Assert.Null(await service.AttachmentAsync(other, _item.Id));
        Assert.Null(await service.NoticeOfAsync(other, _meeting.Id));
        Assert.Equal(FollowUpService.ItemNotFound, await service.RecordAnswerAsync(other, _item.Id, new AnswerInput("Ghi đè", null, service.Today), null));
        Assert.Equal(FollowUpService.ItemNotFound, await service.StartProcessingAsync(other, _item.Id));
        Assert.Equal(MeetingCommands.MeetingNotFound, (await service.IssueNoticeAsync(_meeting.Id, other, "1-TB", service.Today, false)).Error);
        // Department staff of Giao Hòa's own "Phòng Kinh tế" are another department altogether.
        Guid theirKinhTe;
        await using (var db = await _app.OpenDbAsync())
            theirKinhTe = db.Departments.Single(d => d.UnitId == DemoUnits.GiaoHoaId && d.Name == FollowedMeeting.KinhTeName).Id;
        var theirStaff = FollowedMeeting.DepartmentStaff(theirKinhTe, "kinhte-giaohoa", DemoUnits.GiaoHoaId);
        Assert.Empty((await service.ListAsync(theirStaff)).Items);
        Assert.Null(await service.GetAsync(theirStaff, _item.Id));
        // Even a forged claim of Giao Minh's department, signed into Giao Hòa, gets nothing.
        var forged = FollowedMeeting.DepartmentStaff(_item.DepartmentId, "forged", DemoUnits.GiaoHoaId);
        Assert.Empty((await service.ListAsync(forged)).Items);
        Assert.Equal(FollowUpService.ItemNotFound, await service.RecordAnswerAsync(forged, _item.Id, new AnswerInput("Ghi đè", null, service.Today), null));

        var province = TestApp.Staff(StaffRoles.Organizer, "tinh", DemoUnits.ProvinceId);
        Assert.Equal(_item.Id, Assert.Single((await service.ListAsync(province)).Items).Id);
        using var tinh = await _app.SignedInClientAsync("tinh");
        Assert.Equal(HttpStatusCode.OK, (await tinh.GetAsync($"/api/theo-doi/{_item.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tinh.GetAsync($"/theo-doi/{_item.Id}/tep")).StatusCode);
    }
}
