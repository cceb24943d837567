using System.Security.Claims;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>The interactive parts over the real service and database: the secretary's "Ban hành" panel and the answer form.</summary>
public sealed class FollowUpPagesTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly TestApp _app = new();
    private FollowedMeeting _meeting = default!;
    private bool _providers;

    public async Task InitializeAsync() => _meeting = await FollowedMeeting.PlayAsync(_app);

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    private void SignIn(string name, string role, params Claim[] claims)
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<FollowUpService>());
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<CalendarService>());
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<DoiThoai.Web.Live.MeetingCommands>());
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDb>>());
        _bunit.AddAuthorization().SetAuthorized(name).SetRoles(role)
            .SetClaims([new Claim(UnitAccess.UnitClaim, DemoUnits.GiaoMinhId.ToString()), .. claims]);
        // Last: registering services after one has been resolved throws (STACK.md trap 4).
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent
    {
        // The date picker's popover and the snackbars need their providers rendered once.
        if (!_providers)
        {
            _bunit.Render<MudPopoverProvider>();
            _bunit.Render<MudSnackbarProvider>();
            _providers = true;
        }
        return _bunit.Render(parameters);
    }

    [Fact]
    public async Task The_secretary_issues_the_notice_from_the_panel_after_a_refusal()
    {
        SignIn("thuky", StaffRoles.Secretary);
        var meeting = await _app.LoadAsync(_meeting.Id);
        var panel = Render<IssueNoticePanel>(p => p.Add(x => x.Meeting, meeting));

        panel.WaitForElement("button[data-testid=issue-notice-open]").Click();
        Assert.Contains("1 ý kiến chưa giải quyết", panel.Find("[data-testid=issue-notice-summary]").TextContent);
        panel.Find("button[data-testid=issue-notice-confirm]").Click();
        panel.WaitForAssertion(() => Assert.Contains("Hãy nhập số", panel.Find("[data-testid=issue-notice-error]").TextContent));
        Assert.Null(await FollowedMeeting.Service(_app).NoticeOfAsync(Hall.Secretary, _meeting.Id));

        panel.Find("input[data-testid=issue-notice-number]").Change(FollowedMeeting.NoticeNumber);
        panel.Find("button[data-testid=issue-notice-confirm]").Click();
        panel.WaitForAssertion(() => Assert.Contains($"số {FollowedMeeting.NoticeNumber}", panel.Find("[data-testid=issue-notice-done]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("1 ý kiến đang được theo dõi", panel.Find("[data-testid=issue-notice-done]").TextContent);
        Assert.Equal(2, (await _meeting.ItemAsync(_app)).OpinionNumber);
    }

    [Fact]
    public async Task Phong_Kinh_te_records_an_answer_with_a_file_through_the_form()
    {
        var item = await _meeting.IssueAsync(_app);
        SignIn("phongban", StaffRoles.Department, new Claim(UnitAccess.DepartmentClaim, _meeting.KinhTe.Id.ToString()));
        var page = Render<FollowUpItemPage>(p => p.Add(x => x.ItemId, item.Id));

        page.WaitForElement("[data-testid=follow-up-answer-form]");
        Assert.Contains(item.Content, page.Find("[data-testid=follow-up-item-content]").TextContent);
        Assert.Equal(nameof(FollowUpState.NotAnswered), page.Find("[data-testid=follow-up-item-state]").GetAttribute("data-state"));

        // Without text: refused, nothing stored.
        page.Find("button[data-testid=follow-up-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Hãy nhập nội dung trả lời.", page.Find("[data-testid=follow-up-error]").TextContent));

        page.Find("textarea[data-testid=follow-up-text]").Change("UBND xã đã bố trí kinh phí nạo vét kênh tưới tiêu xóm 7.");
        page.Find("input[data-testid=follow-up-reference]").Change("125/UBND-KT");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(FollowedMeeting.Pdf(), "Công văn 125.pdf", contentType: "application/pdf"));
        page.WaitForAssertion(() => Assert.Contains("Công văn 125.pdf", page.Find("[data-testid=follow-up-file-name]").TextContent));
        page.Find("button[data-testid=follow-up-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(nameof(FollowUpState.Answered), page.Find("[data-testid=follow-up-item-state]").GetAttribute("data-state")),
            TimeSpan.FromSeconds(10));
        Assert.Contains("Số 125/UBND-KT", page.Find("[data-testid=follow-up-answer-reference]").TextContent);
        Assert.Contains("Công văn 125.pdf", page.Find("[data-testid=follow-up-attachment]").TextContent);
        var stored = await _meeting.ItemAsync(_app);
        Assert.Equal(FollowUpStatus.Answered, stored.Status);
        Assert.Equal("phongban", stored.RecordedBy);
        Assert.Equal(FollowedMeeting.Pdf(), await File.ReadAllBytesAsync(Path.Combine(_app.DataDirectory, stored.AttachmentPath!)));
    }

    [Fact]
    public async Task The_supervisor_sees_the_list_read_only_with_overdue_first_and_no_answer_form()
    {
        var item = await _meeting.IssueAsync(_app);
        SignIn("giamsat", StaffRoles.Supervisor);

        var list = Render<FollowUpPage>(_ => { });
        list.WaitForElement("[data-testid=follow-up-readonly]");
        var row = list.Find("[data-testid=follow-up-row]");
        Assert.Equal(item.Id.ToString(), row.GetAttribute("data-item-id"));
        // Search without diacritics finds it; another word hides it.
        list.Find("input[data-testid=follow-up-search]").Input("kenh tuoi tieu");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=follow-up-row]")));
        list.Find("input[data-testid=follow-up-search]").Input("khong co tu nay");
        list.WaitForElement("[data-testid=follow-up-empty]", TimeSpan.FromSeconds(5));

        var detail = Render<FollowUpItemPage>(p => p.Add(x => x.ItemId, item.Id));
        detail.WaitForElement("[data-testid=follow-up-readonly]");
        Assert.Empty(detail.FindAll("[data-testid=follow-up-answer-form]"));
    }
}
