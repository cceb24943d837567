using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>The office creates a meeting from its plan in Chromium, sees the deadlines counted back and marks one done.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PreparationPlanTests(BrowserHall hall)
{
    [Fact]
    public async Task The_office_creates_a_meeting_through_the_form_and_marks_a_milestone_done()
    {
        await using var seats = new Seats(hall, nameof(The_office_creates_a_meeting_through_the_form_and_marks_a_milestone_done));
        await seats.RunAsync(async () =>
        {
            // A month ahead: every deadline still to come, whatever day the test runs.
            var meetingDay = DateOnly.FromDateTime(hall.Commands.Now.DateTime).AddDays(30);
            var title = $"Hội nghị đối thoại chuyên đề (thử trên trình duyệt {Guid.NewGuid().ToString("N")[..8]})";

            var page = await seats.OpenAsync("office", "/preparation/new", Seats.TabletWidth, Seats.TabletHeight, "vanphong", interactive: true);
            // The head is static (App.razor): the prerendered title, then the one lib/staff-start.js copies from TabTitle.
            await Expect(page).ToHaveTitleAsync("Tạo hội nghị mới — DoiThoai");
            await page.Locator("textarea[data-testid=plan-title]").FillAsync(title);
            await page.Locator("input[data-testid=plan-kind-Thematic]").ClickAsync();
            await Fill(page, "input[data-testid=plan-chair-name]", "Trần Văn Hùng");
            await Fill(page, "input[data-testid=plan-chair-title]", "Bí thư Đảng ủy, Chủ tịch HĐND xã");
            await Fill(page, "input[data-testid=plan-host]", "Văn phòng Đảng ủy xã Giao Minh");
            await Fill(page, "input[data-testid=plan-venue]", "Hội trường Trụ sở Đảng ủy xã Giao Minh");
            await Fill(page, "input[data-testid=plan-date]", meetingDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await Fill(page, "input[data-testid=plan-time]", "14:00");
            await Fill(page, "input[data-testid=plan-attendance]", "200");
            await Fill(page, "input[data-testid=plan-number]", "Số 31-KH/ĐU");
            await page.Locator("textarea[data-testid=plan-content]").FillAsync("Quản lý đất đai\nXây dựng nông thôn mới");
            await page.Locator("textarea[data-testid=plan-places]").FillAsync("Xóm 1\nXóm 2\nXóm 3");
            await page.Locator("input[data-testid=plan-notice-7]").ClickAsync();
            await page.Locator("[data-testid=plan-create]").ClickAsync();

            // Polled, not awaited as a navigation: Blazor moves the circuit to the new page with pushState ~0.3 s after the
            // click, and a navigation waiter installed around that moment missed it about one run in two.
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/preparation/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            await BrowserHall.WaitInteractiveAsync(page);
            var meetingId = Guid.Parse(new Uri(page.Url).AbsolutePath["/preparation/".Length..]);
            var meeting = await hall.App.LoadAsync(meetingId);
            Assert.Equal(DemoUnits.GiaoMinhId, meeting.UnitId);
            Assert.Equal(title, meeting.Title);
            Assert.Equal(7, meeting.InvitationNoticeDays);

            // Each deadline as the office's working calendar counts it back from the meeting day.
            await Expect(page.Locator("[data-testid=preparation-title]")).ToHaveTextAsync(title);
            await Expect(page).ToHaveTitleAsync($"Chuẩn bị — {title}");
            var calendar = await hall.App.AppServices.GetRequiredService<CalendarService>().CalendarAsync();
            foreach (var step in meeting.Timeline(calendar))
            {
                var row = page.Locator($"[data-testid=milestone][data-key={step.Key}]");
                await Expect(row.Locator("[data-testid=milestone-due]")).ToContainTextAsync(step.Due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
                await Expect(row).ToHaveAttributeAsync("data-state", nameof(MilestoneState.Upcoming));
            }
            await Expect(page.Locator("[data-testid=milestone]")).ToHaveCountAsync(3);

            var collect = page.Locator($"[data-testid=milestone][data-key={PreparationTimeline.Collect}]");
            await collect.Locator("[data-testid=milestone-done]").ClickAsync();
            await Expect(collect).ToHaveAttributeAsync("data-state", nameof(MilestoneState.Done));
            await Expect(collect.Locator("[data-testid=milestone-state]")).ToContainTextAsync("Đã xong");
            await Expect(collect.Locator("[data-testid=milestone-undo]")).ToBeVisibleAsync();
            Assert.Equal(PreparationTimeline.Collect, Assert.Single((await hall.App.LoadAsync(meetingId)).PreparationMarks).Key);
            await seats.CaptureAsync();

            // The bar: the signed-in name, and a logout form whose token (read by the layout itself) the server accepts.
            await Expect(page.Locator("header a[href='/account/mat-khau']")).ToHaveTextAsync("vanphong");
            await page.Locator("header form[action='/account/logout'] button").ClickAsync();
            // Polled, not waited for as a navigation: the logout's answer may arrive as Blazor's enhanced navigation, whose
            // load event a waiter can miss (a CI run timed out here waiting for it).
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^https?://[^/]+/$"));
            await page.GotoAsync($"/preparation/{meetingId}");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        });
    }

    /// <summary>MudBlazor fields take the value on change, which a browser fires when the field is left.</summary>
    private static async Task Fill(IPage page, string selector, string value)
    {
        await page.Locator(selector).FillAsync(value);
        await page.Locator(selector).PressAsync("Tab");
    }
}
