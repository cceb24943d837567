using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Calendar;

/// <summary>/calendar in Chromium over a live circuit: the picker's popup is Vietnamese, a typed day is entered and removed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarBrowserTests(BrowserHall hall)
{
    [Fact]
    public async Task The_office_enters_a_day_off_by_typing_it_and_removes_it()
    {
        // 2099: far from every other test's deadlines on the shared app.
        await using var seats = new Seats(hall, nameof(The_office_enters_a_day_off_by_typing_it_and_removes_it));
        await seats.RunAsync(async () =>
        {
            var page = await seats.OpenAsync("office", "/calendar?nam=2099", Seats.TabletWidth, Seats.TabletHeight, "vanphong", interactive: true);
            await Expect(page.Locator("[data-testid=calendar-year]")).ToHaveTextAsync("Năm 2099");

            await page.Locator("[data-testid=calendar-form] .mud-input-adornment button").ClickAsync();
            // Opens on the year being looked at, in Vietnamese, weeks from Monday.
            await Expect(page.Locator(".mud-picker-calendar-header")).ToContainTextAsync("Tháng 1 năm 2099");
            await Expect(page.Locator(".mud-picker-calendar-header")).ToContainTextAsync("Th 2Th 3Th 4Th 5Th 6Th 7CN");
            await page.Keyboard.PressAsync("Escape");

            await page.Locator("input[data-testid=calendar-date]").FillAsync("31/12/2099");
            await page.Locator("input[data-testid=calendar-date]").PressAsync("Tab");
            await page.Locator("input[data-testid=calendar-kind-off]").ClickAsync();
            await page.Locator("input[data-testid=calendar-reason]").FillAsync("Nghỉ cuối năm (thử trên trình duyệt)");
            await page.Locator("[data-testid=calendar-add]").ClickAsync();
            var row = page.Locator("[data-testid=calendar-entry][data-date='31/12/2099']");
            await Expect(row).ToContainTextAsync("Nghỉ cuối năm (thử trên trình duyệt)");
            await Expect(row).ToContainTextAsync("Xã Giao Minh");
            var calendars = hall.App.AppServices.GetRequiredService<CalendarService>();
            Assert.False((await calendars.CalendarAsync(DemoUnits.GiaoMinhId)).IsWorkingDay(new DateOnly(2099, 12, 31)));
            // The office's own commune only: the neighbour and the national calendar are untouched.
            Assert.True((await calendars.CalendarAsync(DemoUnits.GiaoHoaId)).IsWorkingDay(new DateOnly(2099, 12, 31)));
            Assert.True((await calendars.CalendarAsync()).IsWorkingDay(new DateOnly(2099, 12, 31)));

            await row.Locator("[data-testid=calendar-remove]").ClickAsync();
            await page.Locator("[data-testid=calendar-remove-confirm]").ClickAsync();
            await Expect(page.Locator("[data-testid=calendar-entered-none]")).ToBeVisibleAsync();
            Assert.True((await calendars.CalendarAsync(DemoUnits.GiaoMinhId)).IsWorkingDay(new DateOnly(2099, 12, 31)));
        });
    }
}
