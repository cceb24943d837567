using System.Security.Claims;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Answers;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>/chuan-bi-tra-loi rendered over the real service and database, as a department's staff member uses it.</summary>
public sealed class PreparedAnswersPageTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly TestApp _app = new();
    private Guid _meetingId;

    public async Task InitializeAsync()
    {
        _meetingId = await CollectedApp.PreparingMeetingAsync(_app);
        var kinhTe = (await CollectedApp.DepartmentsAsync(_app)).Single(d => d.Name == "Phòng Kinh tế");
        var today = CollectedApp.Today(_app);
        await _app.MustAsync(_meetingId, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) =>
        {
            var road = m.CollectOpinion(new("Nguyễn Văn Bình", "Xóm 3", OpinionField.Economy, "Đề nghị sửa đường trục xóm 3.", CollectedChannel.Front, today), now);
            m.AssignCollectedOpinion(road.Id, [kinhTe.ToRef()], kinhTe.Id, today.AddDays(4), now);
        });

        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<PreparedAnswersService>());
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<TimeProvider>());
        _bunit.AddAuthorization().SetAuthorized("phongban").SetRoles(StaffRoles.Department).SetClaims(
            new Claim(UnitAccess.UnitClaim, DemoUnits.GiaoMinhId.ToString()), new Claim(UnitAccess.DepartmentClaim, kinhTe.Id.ToString()));
        // Last: registering services after one has been resolved throws (STACK.md trap 4).
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_department_types_its_answer_saves_it_and_an_empty_one_is_refused_in_place()
    {
        _bunit.Render<MudSnackbarProvider>();
        var page = _bunit.Render<PreparedAnswersPage>();
        var opinion = page.WaitForElement("[data-testid=prepared-opinion]");
        Assert.Equal("false", opinion.GetAttribute("data-answered"));
        Assert.Contains("Đề nghị sửa đường trục xóm 3.", opinion.TextContent);
        Assert.Contains($"Hạn chuẩn bị: {CollectedApp.Day(CollectedApp.Today(_app).AddDays(4))}", opinion.TextContent);

        page.Find("button[data-testid=prepared-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Hãy nhập nội dung trả lời", page.Find("[data-testid=prepared-error]").TextContent));
        Assert.Null((await _app.LoadAsync(_meetingId)).CollectedOpinions().Single().PreparedAnswer);

        page.Find("textarea[data-testid=prepared-answer]").Change("Đã đưa vào kế hoạch duy tu năm 2027, khởi công quý II.");
        page.Find("button[data-testid=prepared-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=prepared-opinion]").GetAttribute("data-answered")));
        Assert.Empty(page.FindAll("[data-testid=prepared-error]"));
        Assert.Equal("Đã đưa vào kế hoạch duy tu năm 2027, khởi công quý II.",
            (await _app.LoadAsync(_meetingId)).CollectedOpinions().Single().PreparedAnswer);
    }
}
