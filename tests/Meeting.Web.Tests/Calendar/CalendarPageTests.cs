using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Calendar;

/// <summary>The /calendar page over the real service and database: the year's days off, then add, refuse and remove.</summary>
public sealed class CalendarPageTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly TestApp _app = new();

    public CalendarPageTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<CalendarService>());
        _bunit.Services.AddSingleton(_app.AppServices.GetRequiredService<DoiThoai.Web.Features.Units.UnitAccess>());
        _bunit.Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2027, 6, 1, 9, 0, 0, Clock.VietnamOffset)));
        _bunit.AddAuthorization().SetAuthorized("vanphong").SetRoles("Organizer")
            .SetClaims(new System.Security.Claims.Claim(DoiThoai.Web.Features.Units.UnitAccess.UnitClaim, DoiThoai.Web.Data.DemoUnits.GiaoMinhId.ToString()));
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
    public void The_year_lists_its_days_off_and_an_entered_day_can_be_added_refused_twice_and_removed()
    {
        var page = Render();
        Assert.Equal("Năm 2027", page.Find("[data-testid=calendar-year]").TextContent.Trim());
        // Tết Đinh Mùi: mùng 1 on Saturday 06/02/2027, so two days of nghỉ bù follow.
        Assert.Contains("Tết Nguyên đán", Row(page, "calendar-rule", "06/02/2027").TextContent);
        Assert.Contains("Trùng Thứ Bảy", Row(page, "calendar-rule", "06/02/2027").TextContent);
        Assert.Contains("Nghỉ bù Tết Nguyên đán", Row(page, "calendar-rule", "10/02/2027").TextContent);
        Assert.Contains("52 Thứ Bảy và 52 Chủ nhật", page.Find("[data-testid=calendar-summary]").TextContent);
        page.Find("[data-testid=calendar-builtin-none]");
        // A commune's office enters for its own commune; national days are the top unit's to enter.
        Assert.Contains("Xã Giao Minh và các đơn vị trực thuộc", page.Find("[data-testid=calendar-scope]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=calendar-national]"));
        page.Find("[data-testid=calendar-entered-none]");
        var workingDays = WorkingDays(page);

        Enter(page, "31/12/2027", working: false, "Nghỉ theo Thông báo số 01/TB-BNV (thử)");
        page.WaitForAssertion(() => Assert.Contains("Nghỉ theo Thông báo số 01/TB-BNV (thử)", Row(page, "calendar-entry", "31/12/2027").TextContent));
        Assert.Equal(workingDays - 1, WorkingDays(page));
        Assert.Empty(page.FindAll("[data-testid=calendar-error]"));

        // The same day again: refused, the first entry kept.
        Enter(page, "31/12/2027", working: false, "Lý do khác");
        page.WaitForAssertion(() => Assert.Contains("đã được nhập", page.Find("[data-testid=calendar-error]").TextContent));
        Assert.Single(page.FindAll("[data-testid=calendar-entry]"));
        Assert.DoesNotContain("Lý do khác", page.Find("[data-testid=calendar-entered]").TextContent);

        // Typed text that is not a date, and a missing reason.
        Enter(page, "31/02/2027", working: true, "Làm bù");
        page.WaitForAssertion(() => Assert.Contains("Ngày không hợp lệ", page.Find("[data-testid=calendar-error]").TextContent));
        Assert.DoesNotContain("Not a valid", page.Markup); // the field's own message is Vietnamese too
        Enter(page, "04/09/2027", working: true, "");
        page.WaitForAssertion(() => Assert.Contains("Hãy ghi lý do", page.Find("[data-testid=calendar-error]").TextContent));
        Assert.Single(page.FindAll("[data-testid=calendar-entry]"));

        Row(page, "calendar-entry", "31/12/2027").QuerySelector("button[data-testid=calendar-remove]")!.Click();
        page.Find("button[data-testid=calendar-remove-confirm]").Click();
        page.WaitForElement("[data-testid=calendar-entered-none]");
        Assert.Equal(workingDays, WorkingDays(page));
    }

    private IRenderedComponent<IComponent> Render() => _bunit.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<CalendarPage>(1);
        builder.CloseComponent();
    });

    private static void Enter(IRenderedComponent<IComponent> page, string date, bool working, string reason)
    {
        page.Find("input[data-testid=calendar-date]").Change(date);
        page.Find($"input[data-testid={(working ? "calendar-kind-work" : "calendar-kind-off")}]").Click();
        page.Find("input[data-testid=calendar-reason]").Change(reason);
        page.Find("button[data-testid=calendar-add]").Click();
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<IComponent> page, string testId, string date) =>
        page.Find($"[data-testid={testId}][data-date='{date}']");

    private static int WorkingDays(IRenderedComponent<IComponent> page) =>
        int.Parse(page.Find("[data-testid=calendar-summary] b").TextContent, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
