using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Import;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>Issue 3's whole path for a new user: import a 200-row sheet, print the invitations, check people in at the door.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DelegateJourneyTests(BrowserHall hall)
{
    private const int Rows = 200;

    [Fact]
    public async Task Office_imports_200_rows_prints_invitations_and_the_desk_checks_in_while_the_projector_follows()
    {
        var meetingId = await ImportApp.EmptyMeetingAsync(hall.App);
        var sheet = ImportApp.LargeList(Rows);

        await using var seats = new Seats(hall, nameof(Office_imports_200_rows_prints_invitations_and_the_desk_checks_in_while_the_projector_follows));
        await seats.RunAsync(async () =>
        {
            var office = await seats.OpenAsync("office", $"/delegates/{meetingId}", Seats.TabletWidth, Seats.TabletHeight, "vanphong", interactive: true);
            await Expect(office.Locator("[data-testid=delegates-empty]")).ToBeVisibleAsync();

            // Choose the file: every row is previewed, nothing is written yet.
            await office.Locator("[data-testid=delegate-import-toggle]").ClickAsync();
            await BrowserHall.ChooseFileAsync(office.Locator("input[type=file]"), new FilePayload
            {
                Name = "danh-sach-dai-bieu.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = sheet,
            });
            await Expect(office.Locator("[data-testid=import-summary]")).ToContainTextAsync($"{Rows}");
            await Expect(office.Locator("[data-testid=delegate-row]")).ToHaveCountAsync(0);
            Assert.Empty((await hall.App.LoadAsync(meetingId)).Delegates);

            await office.Locator("[data-testid=import-confirm]").ClickAsync();
            await Expect(office.Locator("[data-testid=import-result]")).ToContainTextAsync($"thêm mới {Rows}");
            await Expect(office.Locator("[data-testid=delegate-row]")).ToHaveCountAsync(Rows);

            // Print: one invitation per person, each with its QR code.
            var print = await office.Context.NewPageAsync();
            await print.GotoAsync($"/delegates/{meetingId}/giay-moi");
            await Expect(print.Locator("[data-testid=invitation-card]")).ToHaveCountAsync(Rows);
            Assert.Equal(Rows, await print.Locator("[data-testid=invitation-card] svg").CountAsync());
        });

        // The meeting opens; the projector shows attendance; the desk checks someone in by name.
        await hall.App.MustAsync(meetingId, Hall.Chair, StaffRoles.ChairSeat, (m, now) => { m.Announce(); m.Start(now); });
        var person = (await hall.App.LoadAsync(meetingId)).Delegates.First(d => d.Group == DelegateGroup.VillageDelegate);
        await using var door = new Seats(hall, nameof(Office_imports_200_rows_prints_invitations_and_the_desk_checks_in_while_the_projector_follows) + "-door");
        await door.RunAsync(async () =>
        {
            var projector = await door.OpenAsync("projector", hall.ProjectorPath(meetingId), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);
            await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"0/{Rows}");
            var desk = await door.OpenAsync("desk", $"/checkin/{meetingId}", Seats.TabletWidth, Seats.TabletHeight, "tiepnhan", interactive: true);
            await desk.Locator("[data-testid=checkin-search] input, input[data-testid=checkin-search]").First
                .FillAsync(SearchText.Fold(person.Name));
            await desk.Locator("[data-testid=checkin-person]", new() { HasTextString = person.Name })
                .Locator("[data-testid=checkin-person-button]").First.ClickAsync();
            await Expect(desk.Locator("[data-testid=checkin-result]")).ToContainTextAsync(person.Name);
            await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"1/{Rows}");
        });
    }
}
