using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>The door: check-in by typed/scanned code and by name search, with the projector's attendance following.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckInDeskTests(BrowserHall hall)
{
    [Fact]
    public async Task Desk_checks_in_by_code_and_by_name_and_the_projector_attendance_follows()
    {
        var meeting = await hall.NewMeetingAsync();
        var invited = meeting.Delegates.Count;
        var byCode = meeting.Delegates[0];
        var byName = meeting.Delegates.First(d => d.Id != byCode.Id && d.Group == DoiThoai.Domain.DelegateGroup.VillageDelegate);

        await using var seats = new Seats(hall, nameof(Desk_checks_in_by_code_and_by_name_and_the_projector_attendance_follows));
        await seats.RunAsync(async () =>
        {
            var desk = await seats.OpenAsync("desk", $"/checkin/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "tiepnhan", interactive: true);
            var projector = await seats.OpenAsync("projector", hall.ProjectorPath(meeting.Id), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);
            await Expect(projector.Locator("[data-testid=projector-welcome]")).ToBeVisibleAsync();

            // A handheld scanner types the invitation URL and Enter.
            await desk.Locator("[data-testid=checkin-code] input, input[data-testid=checkin-code]").First.FillAsync($"http://hall/i/{byCode.InvitationCode}");
            await desk.Locator("[data-testid=checkin-code-submit]").ClickAsync();
            await Expect(desk.Locator("[data-testid=checkin-result]")).ToContainTextAsync(byCode.Name);
            await Expect(desk.Locator("[data-testid=checkin-attendance]")).ToContainTextAsync($"1/{invited}");

            // The same invitation again: refused with the time of the first scan.
            await desk.Locator("[data-testid=checkin-code] input, input[data-testid=checkin-code]").First.FillAsync(byCode.InvitationCode);
            await desk.Locator("[data-testid=checkin-code-submit]").ClickAsync();
            await Expect(desk.Locator("[data-testid=checkin-result]")).ToContainTextAsync("đã điểm danh lúc");

            // Someone who forgot the invitation: search without diacritics, one tap.
            var folded = DoiThoai.Domain.SearchText.Fold(byName.Name);
            await desk.Locator("[data-testid=checkin-search] input, input[data-testid=checkin-search]").First.FillAsync(folded);
            await desk.Locator("[data-testid=checkin-person]", new() { HasTextString = byName.Name })
                .Locator("[data-testid=checkin-person-button]").ClickAsync();
            await Expect(desk.Locator("[data-testid=checkin-attendance]")).ToContainTextAsync($"2/{invited}");
        });

        // The projector follows once the meeting is live (attendance shows on the live screen).
        await hall.App.MustAsync(meeting.Id, DoiThoai.Web.Tests.Integration.Hall.Chair, DoiThoai.Web.Live.StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await using var later = new Seats(hall, nameof(Desk_checks_in_by_code_and_by_name_and_the_projector_attendance_follows) + "-live");
        await later.RunAsync(async () =>
        {
            var projector = await later.OpenAsync("projector", hall.ProjectorPath(meeting.Id), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);
            await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"2/{invited}");
            await hall.App.MustAsync(meeting.Id, DoiThoai.Web.Tests.Integration.Hall.Reception, DoiThoai.Web.Live.StaffRoles.ReceptionSeat,
                (m, now) => m.AddWalkIn("Đỗ Văn Tâm", "Xóm 9", now));
            await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"3/{invited + 1}");
        });
    }
}
