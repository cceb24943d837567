using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>Every refusal says why in Vietnamese and leaves nothing behind: no notice, no item, no answer, no file.</summary>
public sealed class FollowUpRefusalTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private FollowUpService Service => FollowedMeeting.Service(_app);

    private async Task<(int Notices, int Items)> StoredAsync()
    {
        await using var db = await _app.OpenDbAsync();
        return (await db.Set<IssuedNotice>().CountAsync(), await db.Set<FollowUpItem>().CountAsync());
    }

    private string[] StoredFiles()
    {
        var folder = Path.Combine(_app.DataDirectory, FollowUpFiles.Folder);
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    [Fact]
    public async Task Two_secretaries_issuing_in_the_same_batch_give_one_notice_and_a_clear_refusal()
    {
        var service = Service;
        var today = service.Today;
        var demo = await _app.DemoMeetingAsync();
        var id = demo.Id;
        var orphan = demo.Opinions.First(o => o.IsOpen && o.LeadAssignment is null);
        Department lead;
        await using (var db = await _app.OpenDbAsync())
            lead = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == FollowedMeeting.KinhTeName);
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(orphan.Id, OpinionOutcome.AnswerInWriting, now));
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(orphan.Id, [lead.ToRef()], lead.Id, now));
        await _app.WithdrawWaitingAsync(id);
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));

        // Hold the meeting's writer so that both presses queue behind it and are applied in one batch.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = _app.Commands.RunAsync(id, null, null, async _ => { entered.TrySetResult(); await release.Task; return true; });
        await entered.Task.WaitAsync(HubChanges.Patience);
        var first = service.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", today, false);
        var second = service.IssueNoticeAsync(id, Hall.Secretary, "36-TB/ĐU", today, false);
        // Both have passed their own checks and wait in the writer's queue: one batch.
        for (var i = 0; i < 300 && _app.Commands.Waiting(id) < 2; i++) await Task.Delay(50);
        Assert.Equal(2, _app.Commands.Waiting(id));
        release.TrySetResult();
        await held;
        var results = await Task.WhenAll(first, second);

        Assert.Single(results, r => r.Ok);
        Assert.Contains("đã được ban hành (số 35-TB/ĐU", Assert.Single(results, r => !r.Ok).Error);
        Assert.Equal((1, 1), await StoredAsync());
    }

    [Fact]
    public async Task Issuing_is_refused_before_the_end_without_a_lead_department_with_a_bad_date_or_twice_and_stores_nothing()
    {
        var service = Service;
        var today = service.Today;
        var demo = await _app.DemoMeetingAsync();
        var id = demo.Id;

        var early = await service.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", today, false);
        Assert.Contains("chưa kết thúc", early.Error);

        // An opinion handed over for a written answer with no department to lead it.
        var orphan = demo.Opinions.First(o => o.IsOpen && o.LeadAssignment is null);
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(orphan.Id, OpinionOutcome.AnswerInWriting, now));
        await _app.WithdrawWaitingAsync(id);
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));
        var unassigned = await service.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", today, false);
        Assert.Equal($"Ý kiến số {orphan.Number} chưa giao phòng, ban chủ trì. Hãy giao phòng, ban chủ trì trả lời trước khi ban hành thông báo.", unassigned.Error);

        Department lead;
        await using (var db = await _app.OpenDbAsync())
            lead = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == FollowedMeeting.KinhTeName);
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(orphan.Id, [lead.ToRef()], lead.Id, now));

        Assert.Contains("trước ngày hội nghị", (await service.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", today.AddDays(-1), false)).Error);
        Assert.Contains("sau hôm nay", (await service.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", today.AddDays(1), false)).Error);
        Assert.Contains("Hãy chọn ngày", (await service.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", null, false)).Error);
        Assert.Contains("Hãy nhập số", (await service.IssueNoticeAsync(id, Hall.Secretary, "   ", today, false)).Error);
        Assert.Equal(MeetingCommands.NoPermission, (await service.IssueNoticeAsync(id, Hall.Reception, "35-TB/ĐU", today, false)).Error);
        Assert.Equal(MeetingCommands.NoPermission, (await service.IssueNoticeAsync(id, FollowedMeeting.Supervisor, "35-TB/ĐU", today, false)).Error);
        Assert.Equal(MeetingCommands.MeetingNotFound, (await service.IssueNoticeAsync(id, FollowedMeeting.OtherCommune, "35-TB/ĐU", today, false)).Error);
        using (var secretary = await _app.SignedInClientAsync("thuky"))
        {
            var badDate = await secretary.PostAsJsonAsync($"/api/hoi-nghi/{id}/ban-hanh-thong-bao", new { number = "35-TB/ĐU", noticeDate = "31/02/2026" });
            Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
            Assert.Contains("không hợp lệ", (await badDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        }
        Assert.Equal((0, 0), await StoredAsync());

        var issued = await service.IssueNoticeAsync(id, Hall.Secretary, " 35-TB/ĐU ", today, complex: true);
        Assert.True(issued.Ok, issued.Error);
        Assert.Equal(1, issued.Items);
        var twice = await service.IssueNoticeAsync(id, Hall.Secretary, "36-TB/ĐU", today, false);
        Assert.Contains("đã được ban hành (số 35-TB/ĐU", twice.Error);
        Assert.Equal((1, 1), await StoredAsync());
        var notice = await service.NoticeOfAsync(Hall.Secretary, id);
        Assert.True(notice!.Complex);
        await using (var db = await _app.OpenDbAsync())
        {
            var item = await db.Set<FollowUpItem>().AsNoTracking().SingleAsync();
            Assert.Equal(orphan.Number, item.OpinionNumber); // its own number, the one on the phone and in the notice
            Assert.Equal(orphan.Id, item.OpinionId);
            Assert.Equal(lead.Id, item.DepartmentId);
            // The paper slip's request carries the status link the person was given.
            Assert.Equal(demo.Requests.Single(r => r.OpinionId == orphan.Id).StatusToken, item.StatusToken);
        }
    }

    [Fact]
    public async Task Bad_answers_and_bad_files_change_nothing_and_a_correction_replaces_the_file()
    {
        var meeting = await FollowedMeeting.PlayAsync(_app);
        var item = await meeting.IssueAsync(_app);
        var service = Service;
        var today = service.Today;
        var staff = FollowedMeeting.DepartmentStaff(meeting.KinhTe.Id);
        var answer = new AnswerInput("UBND xã đã chỉ đạo nạo vét kênh tưới tiêu.", "125/UBND-KT", today);
        AnswerFile Upload(string name, byte[] bytes, long? size = -1) => new(name, size == -1 ? bytes.Length : size, () => new MemoryStream(bytes));
        var tooBig = new byte[FollowUpFiles.MaxBytes + 1];
        FollowedMeeting.Pdf().CopyTo(tooBig, 0);

        var refusals = new (AnswerInput Answer, AnswerFile? File, string Expected)[]
        {
            (answer, Upload("tra-loi.exe", FollowedMeeting.Pdf()), FollowUpFiles.WrongType),
            (answer, Upload("tra-loi.pdf", "MZ\x90\0 not a pdf"u8.ToArray()), FollowUpFiles.WrongType),
            (answer, Upload("tra-loi.png", FollowedMeeting.Pdf()), FollowUpFiles.WrongType),
            (answer, Upload("tra-loi.pdf", FollowedMeeting.Pdf(), FollowUpFiles.MaxBytes + 1), FollowUpFiles.TooLarge),
            // A sender that understates the size is stopped while reading.
            (answer, Upload("tra-loi.pdf", tooBig, size: null), FollowUpFiles.TooLarge),
            (answer with { Text = "  " }, Upload("tra-loi.pdf", FollowedMeeting.Pdf()), "Hãy nhập nội dung trả lời."),
            (answer with { Date = today.AddDays(1) }, Upload("tra-loi.pdf", FollowedMeeting.Pdf()), "Ngày văn bản trả lời không thể sau hôm nay."),
            (answer with { Date = today.AddDays(-1) }, null, "Ngày văn bản trả lời không thể trước ngày thông báo kết luận"),
            (answer with { Date = null }, null, "Hãy nhập ngày văn bản trả lời."),
        };
        foreach (var (input, file, expected) in refusals)
        {
            var error = await service.RecordAnswerAsync(staff, item.Id, input, file);
            Assert.NotNull(error);
            Assert.StartsWith(expected, error);
        }
        var stored = await meeting.ItemAsync(_app);
        Assert.Equal(FollowUpStatus.NotAnswered, stored.Status);
        Assert.Null(stored.AnswerText);
        Assert.Null(stored.AttachmentPath);
        Assert.Empty(StoredFiles());

        // Over HTTP the same refusals come back as 400 / 413 with the message.
        using var client = await _app.SignedInClientAsync("phongban");
        var date = today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var exe = await FollowedMeeting.PostAnswerAsync(client, item.Id, "Trả lời", null, date, ("tra-loi.exe", FollowedMeeting.Pdf()));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Equal(FollowUpFiles.WrongType, (await exe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        var huge = await FollowedMeeting.PostAnswerAsync(client, item.Id, "Trả lời", null, date, ("tra-loi.pdf", new byte[FollowUpFiles.MaxBytes + 200 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var badDate = await FollowedMeeting.PostAnswerAsync(client, item.Id, "Trả lời", null, "hôm qua");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        // Without the antiforgery token (a cross-site form) nothing is recorded either.
        using (var forged = new MultipartFormDataContent { { new StringContent("Giả mạo"), "text" }, { new StringContent(date), "date" } })
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/api/theo-doi/{item.Id}/tra-loi", forged)).StatusCode);
        stored = await meeting.ItemAsync(_app);
        Assert.Equal(FollowUpStatus.NotAnswered, stored.Status);
        Assert.Empty(StoredFiles());

        // A good answer keeps its file; a correction with a new file replaces it.
        Assert.Null(await service.RecordAnswerAsync(staff, item.Id, answer, Upload("Tra loi.PDF", FollowedMeeting.Pdf("first"))));
        var first = Assert.Single(StoredFiles());
        Assert.Null(await service.RecordAnswerAsync(staff, item.Id, answer with { Text = "Sửa: đã nạo vét xong." }, null));
        Assert.Equal(first, Assert.Single(StoredFiles()));
        Assert.Null(await service.RecordAnswerAsync(staff, item.Id, answer, Upload("anh chup.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5])));
        var second = Assert.Single(StoredFiles());
        Assert.NotEqual(first, second);
        Assert.EndsWith(".jpg", second);
        stored = await meeting.ItemAsync(_app);
        Assert.Equal("anh chup.jpg", stored.AttachmentName);
        var download = await FollowedMeeting.Service(_app).AttachmentAsync(staff, item.Id);
        Assert.Equal("image/jpeg", download!.ContentType);
    }
}
