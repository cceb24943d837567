using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>The office keeps the invitation list by hand: search, add, a refused duplicate, edit, remove.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DelegateListTests(BrowserHall hall)
{
    [Fact]
    public async Task Office_searches_adds_edits_and_removes_a_delegate()
    {
        var meeting = await hall.NewMeetingAsync();
        var invited = meeting.Delegates.Count;

        await using var seats = new Seats(hall, nameof(Office_searches_adds_edits_and_removes_a_delegate));
        await seats.RunAsync(async () =>
        {
            var office = await seats.OpenAsync("office", $"/delegates/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "vanphong", interactive: true);
            await Expect(office.Locator("[data-testid=delegate-row]")).ToHaveCountAsync(invited);

            // Search without diacritics.
            var someone = meeting.Delegates.First(d => d.Group == DoiThoai.Domain.DelegateGroup.VillageDelegate);
            await Field(office, "delegates-search").FillAsync(DoiThoai.Domain.SearchText.Fold(someone.Name).ToUpperInvariant());
            await Expect(office.Locator("[data-testid=delegate-row-name]", new() { HasTextString = someone.Name }).First).ToBeVisibleAsync();
            await Expect(office.Locator("[data-testid=delegate-row]")).Not.ToHaveCountAsync(invited);
            await Field(office, "delegates-search").FillAsync("");

            // Add one by hand; the same person again is refused with a message and nothing is added.
            await office.Locator("[data-testid=delegate-add]").ClickAsync();
            await Field(office, "delegate-name").FillAsync("  Nguyễn   Văn Thử ");
            await Field(office, "delegate-organization").FillAsync("Xóm 3");
            await office.Locator("[data-testid=delegate-save]").ClickAsync();
            await Expect(office.Locator("[data-testid=delegate-row]")).ToHaveCountAsync(invited + 1);
            await Field(office, "delegate-name").FillAsync("nguyen van thu");
            await Field(office, "delegate-organization").FillAsync("xom 3");
            await office.Locator("[data-testid=delegate-save]").ClickAsync();
            await Expect(office.Locator("[data-testid=delegate-form-error]")).ToContainTextAsync("đã có trong danh sách");
            await Expect(office.Locator("[data-testid=delegate-row]")).ToHaveCountAsync(invited + 1);
            await office.Locator("[data-testid=delegate-cancel]").ClickAsync();

            // Edit: the title is added.
            var row = office.Locator("[data-testid=delegate-row]", new() { HasTextString = "Nguyễn Văn Thử" });
            await row.Locator("[data-testid=delegate-edit]").ClickAsync();
            await Field(office, "delegate-title").FillAsync("Trưởng ban công tác Mặt trận");
            await office.Locator("[data-testid=delegate-save]").ClickAsync();
            await Expect(row).ToContainTextAsync("Trưởng ban công tác Mặt trận");
            await Expect(office.Locator("[data-testid=delegate-form]")).ToHaveCountAsync(0);

            // Remove, after a confirmation.
            await row.Locator("[data-testid=delegate-remove]").ClickAsync();
            await row.Locator("[data-testid=delegate-remove-confirm]").ClickAsync();
            await Expect(office.Locator("[data-testid=delegate-row]")).ToHaveCountAsync(invited);
        });

        var stored = await DoiThoai.Web.Tests.Integration.Hall.LoadAsync(hall.App, meeting.Id);
        Assert.Equal(invited, stored.Delegates.Count);
        Assert.DoesNotContain(stored.Delegates, d => d.Name == "Nguyễn Văn Thử");
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;
}
