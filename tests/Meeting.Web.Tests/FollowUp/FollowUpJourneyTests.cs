using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoiThoai.Domain;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// Issue 5's integration path: the secretary issues the notice, Phòng Kinh tế answers with the signed reply attached,
/// the MTTQ supervisor sees it answered and cannot change it, and the person who raised it reads it on /s/{token}.
/// </summary>
public sealed class FollowUpJourneyTests : IAsyncLifetime
{
    private const string Answer = "Ngày 10/12/2026, UBND xã đã giao Phòng Kinh tế khảo sát, lập dự toán nạo vét kênh tưới tiêu phía đông xóm 7; "
        + "dự kiến thi công trước vụ mùa năm 2027.";
    private const string Reference = "125/UBND-KT";

    private readonly TestApp _app = new();
    private FollowedMeeting _meeting = default!;

    public async Task InitializeAsync() => _meeting = await FollowedMeeting.PlayAsync(_app);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Today(FollowUpService s) => s.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_department_answers_with_a_file_and_the_supervisor_and_the_citizens_status_page_see_it()
    {
        var service = FollowedMeeting.Service(_app);
        using var secretary = await _app.SignedInClientAsync("thuky");
        using var department = await _app.SignedInClientAsync("phongban");
        using var supervisor = await _app.SignedInClientAsync("giamsat");
        using var citizen = _app.CreateClient();

        // Before the notice the citizen sees no follow-up, and the department has nothing to answer.
        Assert.DoesNotContain("id=\"follow-up\"", await citizen.GetStringAsync($"/s/{_meeting.StatusToken}"));
        Assert.Empty((await department.GetFromJsonAsync<FollowUpEndpoints.ListDto>("/api/theo-doi"))!.Items);

        // The secretary issues the notice over HTTP.
        var issued = await secretary.PostAsJsonAsync($"/api/hoi-nghi/{_meeting.Id}/ban-hanh-thong-bao",
            new { number = FollowedMeeting.NoticeNumber, noticeDate = service.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), complex = false });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(1, (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetInt32());

        // Phòng Kinh tế sees it under the opinion's own number, due 15 working days after the notice.
        var list = (await department.GetFromJsonAsync<FollowUpEndpoints.ListDto>("/api/theo-doi"))!;
        var item = Assert.Single(list.Items);
        Assert.Equal(FollowedMeeting.KinhTeName, list.Department);
        Assert.Equal(_meeting.Played.InWriting.Number, item.OpinionNumber);
        Assert.Equal(_meeting.Played.InWriting.Content, item.Content);
        Assert.Equal(FollowedMeeting.KinhTeName, item.Department);
        Assert.Equal(nameof(FollowUpState.NotAnswered), item.State);
        var calendar = await _app.AppServices.GetRequiredService<DoiThoai.Web.Features.Calendar.CalendarService>().CalendarAsync();
        Assert.Equal(calendar.AddWorkingDays(service.Today, ConclusionNotice.AnswerWorkingDays), item.Deadline);
        Assert.True(item.CanAnswer);
        var page = await department.GetStringAsync("/theo-doi");
        Assert.Contains($"Ý kiến số {_meeting.Played.InWriting.Number}", page);
        Assert.Contains($"Các ý kiến giao {FollowedMeeting.KinhTeName} chủ trì trả lời", page);

        // The citizen now sees who answers and by when.
        var waiting = await citizen.GetStringAsync($"/s/{_meeting.StatusToken}");
        Assert.Contains("id=\"follow-up\"", waiting);
        Assert.Contains(FollowedMeeting.KinhTeName, waiting);
        Assert.Contains(FollowUpService.Show(item.Deadline), waiting);
        Assert.Contains("Chưa trả lời", waiting);

        // The department answers with the signed reply attached.
        var pdf = FollowedMeeting.Pdf();
        var answered = await FollowedMeeting.PostAnswerAsync(department, item.Id, Answer, Reference, Today(service), ("Tra loi y kien 2.pdf", pdf));
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        var after = (await answered.Content.ReadFromJsonAsync<FollowUpEndpoints.ItemDto>())!;
        Assert.Equal(nameof(FollowUpState.Answered), after.State);
        Assert.Equal("Tra loi y kien 2.pdf", after.AttachmentName);
        Assert.Equal(pdf, await department.GetByteArrayAsync(after.AttachmentUrl));
        var stored = await _meeting.ItemAsync(_app);
        Assert.Equal("phongban", stored.RecordedBy);
        Assert.StartsWith("files/", stored.AttachmentPath);
        Assert.DoesNotContain("Tra loi", stored.AttachmentPath);

        // The supervisor sees it answered, can open the file, and cannot change it — over HTTP or through the service.
        var watched = Assert.Single((await supervisor.GetFromJsonAsync<FollowUpEndpoints.ListDto>("/api/theo-doi"))!.Items);
        Assert.Equal(nameof(FollowUpState.Answered), watched.State);
        Assert.Equal(Answer, watched.AnswerText);
        Assert.False(watched.CanAnswer);
        Assert.Equal(pdf, await supervisor.GetByteArrayAsync(after.AttachmentUrl));
        Assert.Contains("chỉ xem", await supervisor.GetStringAsync("/theo-doi"));
        var refusedHttp = await FollowedMeeting.PostAnswerAsync(supervisor, item.Id, "Giám sát sửa câu trả lời", "1/MTTQ", Today(service));
        Assert.Equal(HttpStatusCode.Forbidden, refusedHttp.StatusCode);
        Assert.Equal(FollowUpService.ReadOnly, await service.RecordAnswerAsync(FollowedMeeting.Supervisor, item.Id,
            new AnswerInput("Giám sát sửa", null, service.Today), null));
        Assert.Equal(FollowUpService.ReadOnly, await service.StartProcessingAsync(FollowedMeeting.Supervisor, item.Id));
        var unchanged = await _meeting.ItemAsync(_app);
        Assert.Equal(Answer, unchanged.AnswerText);
        Assert.Equal("phongban", unchanged.RecordedBy);
        Assert.Contains("chế độ chỉ đọc", await supervisor.GetStringAsync($"/theo-doi/{item.Id}"));

        // The citizen reads the answer with its number and date — and nothing about who recorded it.
        var done = await citizen.GetStringAsync($"/s/{_meeting.StatusToken}");
        Assert.Contains(Answer, done);
        Assert.Contains(Reference, done);
        Assert.Contains("Đã trả lời", done);
        Assert.DoesNotContain("phongban", done);
        Assert.DoesNotContain("Tra loi y kien 2.pdf", done);
        Assert.DoesNotContain(_meeting.Played.Answered.SubmitterName, done);
        // The person answered at the meeting has no follow-up to see.
        Assert.DoesNotContain("id=\"follow-up\"", await citizen.GetStringAsync($"/s/{_meeting.AnsweredToken}"));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(done) < 30 * 1024, "the status page stays under 30 KB");
        // Anonymous callers get nothing from the staff API or the file.
        var anonymous = await citizen.GetAsync("/api/theo-doi");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var noRedirect = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await noRedirect.GetAsync(after.AttachmentUrl)).StatusCode);
    }

    [Fact]
    public async Task The_organizer_sees_every_item_and_marks_one_in_progress_and_the_secretary_page_shows_the_notice()
    {
        var item = await _meeting.IssueAsync(_app);
        var service = FollowedMeeting.Service(_app);

        var all = await service.ListAsync(FollowedMeeting.Organizer);
        Assert.True(all.CanAnswer);
        Assert.Null(all.Department);
        Assert.Equal(item.Id, Assert.Single(all.Items).Id);

        Assert.Null(await service.StartProcessingAsync(FollowedMeeting.Organizer, item.Id));
        Assert.Equal(FollowUpState.InProgress, (await _meeting.ItemAsync(_app)).StateOn(service.Today));

        // Staff of another department of the same commune neither see nor answer it.
        await using (var db = await _app.OpenDbAsync())
        {
            var other = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == item.UnitId && d.Id != item.DepartmentId);
            var staff = FollowedMeeting.DepartmentStaff(other.Id, "vanhoa");
            Assert.Empty((await service.ListAsync(staff)).Items);
            Assert.Null(await service.GetAsync(staff, item.Id));
            Assert.Equal(FollowUpService.ItemNotFound, await service.RecordAnswerAsync(staff, item.Id, new AnswerInput("x", null, service.Today), null));
        }

        using var secretary = await _app.SignedInClientAsync("thuky");
        var page = await secretary.GetStringAsync($"/secretary/{_meeting.Id}");
        Assert.Contains($"Đã ban hành Thông báo kết luận số {FollowedMeeting.NoticeNumber}", page);
        using var phongban = await _app.SignedInClientAsync("phongban");
        Assert.Contains("Theo dõi trả lời kiến nghị", await phongban.GetStringAsync("/"));
        var detail = await phongban.GetStringAsync($"/theo-doi/{item.Id}");
        Assert.Contains(_meeting.Played.InWriting.Content, detail);
        Assert.Contains("Ghi văn bản trả lời", detail);
    }
}
