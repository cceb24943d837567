using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.PersonalData;

/// <summary>The /du-lieu-ca-nhan page over the real service and database: search, choose, export link, erase in two steps.</summary>
public sealed class PersonalDataPageTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly TestApp _app = new();

    public PersonalDataPageTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<PersonalDataService>());
        _bunit.AddAuthorization().SetAuthorized("vanphong").SetRoles(StaffRoles.Organizer)
            .SetClaims(new System.Security.Claims.Claim(DoiThoai.Web.Features.Units.UnitAccess.UnitClaim, DemoUnits.GiaoMinhId.ToString()));
        // Last: registering services after one has been resolved throws (STACK.md trap 4).
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_person_is_found_without_diacritics_exported_and_erased_after_a_second_click()
    {
        var demo = await _app.DemoMeetingAsync();
        var request = (await _app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(
            new SpeakRequestDraft("Đặng Thị Ngọc Ánh", "Xóm 7", OpinionField.Economy, "Đề nghị xây nhà văn hóa xóm 7.", SpeakMode.Speak,
                OpinionSource.Paper, Phone: "0987654321", PhoneConsent: true), now))).Value!;
        var count = await _app.RequestCountAsync(demo.Id);
        var page = Render();

        Search(page, "12");
        page.WaitForAssertion(() => Assert.Equal(PersonalDataService.BadQuery, page.Find("[data-testid=pd-error]").TextContent.Trim()));

        Search(page, "dang thi ngoc anh");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pd-record]")));
        var row = page.Find("[data-testid=pd-record]");
        Assert.Contains("Đặng Thị Ngọc Ánh", row.TextContent);
        Assert.Contains("0987654321", row.TextContent);
        Assert.Contains("Đề nghị xây nhà văn hóa xóm 7.", row.TextContent);
        Assert.Empty(page.FindAll("[data-testid=pd-error]"));
        Assert.Equal(PersonalDataEndpoints.ExportPath("dang thi ngoc anh", [request.Id]), page.Find("[data-testid=pd-export]").GetAttribute("href"));

        // Step one only asks; nothing changes until the confirmation.
        page.Find("[data-testid=pd-erase]").Click();
        page.WaitForAssertion(() => Assert.Contains("không hoàn tác được", page.Find("[data-testid=pd-confirm]").TextContent));
        Assert.Equal("Đặng Thị Ngọc Ánh", (await _app.LoadAsync(demo.Id)).FindRequest(request.Id).Name);
        page.Find("[data-testid=pd-erase-cancel]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=pd-confirm]")));

        page.Find("[data-testid=pd-erase]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=pd-erase-confirm]"));
        page.Find("[data-testid=pd-erase-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("1 phiếu đăng ký, 1 ý kiến, 0 mục đại biểu trong 1 hội nghị", page.Find("[data-testid=pd-done]").TextContent), TimeSpan.FromSeconds(15));
        page.Find("[data-testid=pd-none]");
        var erased = (await _app.LoadAsync(demo.Id)).FindRequest(request.Id);
        Assert.Equal(DoiThoai.Domain.PersonalData.Marker, erased.Name);
        Assert.Null(erased.Phone);
        Assert.Equal(SpeakRequestStatus.Submitted, erased.Status);
        Assert.Equal(count, await _app.RequestCountAsync(demo.Id));
    }

    [Fact]
    public async Task Unticking_a_namesake_leaves_them_as_they_were()
    {
        var demo = await _app.DemoMeetingAsync();
        foreach (var place in new[] { "Xóm 7", "Xóm 9" })
            await _app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(
                new SpeakRequestDraft("Đặng Thị Ngọc Ánh", place, OpinionField.Economy, $"Ý kiến của người ở {place}.", SpeakMode.Speak, OpinionSource.Paper), now));
        var page = Render();
        Search(page, "Đặng Thị Ngọc Ánh");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=pd-record]").Count));

        var namesake = page.FindAll("[data-testid=pd-record]").Single(r => r.TextContent.Contains("Xóm 9"));
        namesake.QuerySelector("[data-testid=pd-choose]")!.Change(false);
        page.WaitForAssertion(() => Assert.Contains("đã chọn 1", page.Find("[data-testid=pd-count]").TextContent));
        page.Find("[data-testid=pd-erase]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=pd-erase-confirm]"));
        page.Find("[data-testid=pd-erase-confirm]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=pd-done]"), TimeSpan.FromSeconds(15));

        var requests = (await _app.LoadAsync(demo.Id)).Requests;
        Assert.Equal("Xóm 9", Assert.Single(requests, r => r.Name == "Đặng Thị Ngọc Ánh").Place);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pd-record]")));
    }

    private static void Search(IRenderedComponent<IComponent> page, string query)
    {
        page.Find("[data-testid=pd-query]").Input(query);
        page.Find("[data-testid=pd-search-form]").Submit();
    }

    private IRenderedComponent<IComponent> Render() => _bunit.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<PersonalDataPage>(1);
        builder.CloseComponent();
    });
}
