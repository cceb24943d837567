using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>
/// The Front (MTTQ) and the unions enter what they collect (seed 004 §IV.1) under their own account: the entry page and
/// the sheet template open for them, their opinions are stored, and nothing else about the meeting is theirs to change.
/// </summary>
public sealed class CollectorTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Front = TestApp.Staff(StaffRoles.Collector, "mttq");
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_front_enters_collected_opinions_on_its_page_and_cannot_classify_assign_or_read_the_office_pages()
    {
        var id = (await _app.DemoMeetingAsync()).Id;
        using var mttq = await _app.SignedInClientAsync("mttq");

        var page = await mttq.GetAsync(CollectedOpinionAccess.EntryPath(id));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Nhập ý kiến, kiến nghị thu thập trước hội nghị", await page.Content.ReadAsStringAsync());
        var template = await mttq.GetAsync(CollectedOpinionAccess.TemplatePath(id));
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(CollectedSheets.ContentType, template.Content.Headers.ContentType?.MediaType);
        // Mẫu 4 on paper for the villages: the same boxes as the online form, with its QR.
        var paper = await mttq.GetStringAsync(CollectedOpinionAccess.PaperFormPath(id));
        Assert.Contains("PHIẾU XIN Ý KIẾN NHÂN DÂN", paper);
        Assert.Contains("Phục vụ cuộc đối thoại giữa", paper);
        Assert.Equal(OpinionFormInput.Boxes.Count, System.Text.RegularExpressions.Regex.Matches(paper, "data-testid=\"paper-form-box\"").Count);
        Assert.Contains("1.4. Lĩnh vực xây dựng Đảng và hệ thống chính trị", paper);
        Assert.Contains("<svg", paper);
        Assert.Contains(CollectedOpinionAccess.PublicFormPath((await _app.LoadAsync(id)).PublicCode), paper);
        var home = await mttq.GetStringAsync("/");
        Assert.Contains(CollectedOpinionAccess.EntryPath(id), home);

        // The office's page and reports are not theirs.
        foreach (var path in new[] { CollectedOpinionAccess.PagePath(id), CollectedOpinionAccess.ClassificationReportPath(id), $"/chair/{id}" })
        {
            var refused = await mttq.GetAsync(path);
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/account/denied") == true
                || (await refused.Content.ReadAsStringAsync()).Contains("không có quyền", StringComparison.OrdinalIgnoreCase), $"{path}: {(int)refused.StatusCode}");
        }

        // Entering goes through; classifying, assigning or removing with the office's rights does not.
        var added = await _app.Commands.RunAsync(id, Front, CollectedOpinionAccess.Entrants, (m, now) =>
            m.CollectOpinion(new CollectedOpinionDraft("Bùi Thị Nga", "Xóm 4", OpinionField.CultureSociety, "Đề nghị mở lớp dạy bơi cho trẻ em.",
                CollectedChannel.Front, null), now));
        Assert.True(added.Ok, added.Error);
        var opinion = added.Value!;
        Assert.Equal(MeetingCommands.NoPermission, (await _app.Commands.RunAsync(id, Front, CollectedOpinionAccess.Roles, (m, now) =>
            m.ClassifyCollectedOpinion(opinion.Id, OpinionField.Other, Authority.LevelAbove, false, false, now))).Error);
        Assert.Equal(MeetingCommands.NoPermission, (await _app.Commands.RunAsync(id, Front, CollectedOpinionAccess.Roles, (m, now) =>
            m.RemoveCollectedOpinion(opinion.Id, now))).Error);
        var stored = (await _app.LoadAsync(id)).FindOpinion(opinion.Id);
        Assert.Equal((CollectedChannel.Front, Authority.Within), (stored.Channel, stored.Authority));
    }
}
