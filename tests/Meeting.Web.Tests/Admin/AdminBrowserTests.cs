using DoiThoai.Web.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Admin;

/// <summary>/quan-tri in Chromium: the administrator opens an account, hands over the password, the person signs in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserHall hall)
{
    [Fact]
    public async Task The_administrator_opens_an_account_the_person_signs_in_with_it_and_it_can_be_locked()
    {
        await using var seats = new Seats(hall, nameof(The_administrator_opens_an_account_the_person_signs_in_with_it_and_it_can_be_locked));
        await seats.RunAsync(async () =>
        {
            var admin = await seats.OpenAsync("admin", "/quan-tri", Seats.TabletWidth, Seats.TabletHeight, "admin", interactive: true);
            await Expect(admin.Locator("[data-testid=admin-unit][data-unit='Xã Giao Minh']")).ToBeVisibleAsync();

            await admin.Locator("input[data-testid=admin-staff-username], [data-testid=admin-staff-username] input").First.FillAsync("tn.trinhduyet");
            await admin.Locator("input[data-testid=admin-staff-fullname], [data-testid=admin-staff-fullname] input").First.FillAsync("Trịnh Thị Duyên");
            await admin.Locator("[data-testid=admin-staff-generate]").ClickAsync();
            var password = admin.Locator("input[data-testid=admin-staff-password], [data-testid=admin-staff-password] input").First;
            await Expect(password).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^.{12}$"));
            var given = await password.InputValueAsync();
            await admin.Locator("[data-testid=admin-staff-create]").ClickAsync();

            await Expect(admin.Locator("[data-testid=admin-message]")).ToContainTextAsync($"Đã mở tài khoản tn.trinhduyet. Mật khẩu ban đầu: {given}");
            var row = admin.Locator("[data-testid=admin-staff-row][data-user='tn.trinhduyet']");
            await Expect(row).ToContainTextAsync("Trịnh Thị Duyên");
            await Expect(row).ToContainTextAsync("Văn phòng (tổ chức)");

            // The person, on their own device, with the password handed over.
            var theirs = await seats.OpenAsync("new-organizer", "/", Seats.TabletWidth, Seats.TabletHeight);
            await BrowserHall.SignInAsync(theirs.Context, "tn.trinhduyet", given);
            await theirs.GotoAsync("/preparation/new");
            await Expect(theirs.Locator("h1")).ToContainTextAsync("hội nghị");

            await row.Locator("[data-testid=admin-staff-lock]").ClickAsync();
            await Expect(row.Locator("[data-testid=admin-staff-state]")).ToHaveTextAsync("Đã khóa");
            await using var db = await hall.App.OpenDbAsync();
            var locked = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "tn.trinhduyet");
            Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        });
    }
}
