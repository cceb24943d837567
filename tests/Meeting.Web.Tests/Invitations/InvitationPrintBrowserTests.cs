using System.Text.RegularExpressions;
using DoiThoai.Web.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Invitations;

/// <summary>The print view in chromium: every card fits its quarter of A4, and printing gives one sheet per four delegates.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationPrintBrowserTests(BrowserHall hall, ITestOutputHelper output)
{
    [Fact]
    public async Task Print_view_fits_four_whole_invitations_on_each_A4_page()
    {
        var meeting = await hall.NewMeetingAsync();
        var sheets = (meeting.Delegates.Count + 3) / 4;
        await using var seats = new Seats(hall, nameof(Print_view_fits_four_whole_invitations_on_each_A4_page));
        await seats.RunAsync(async () =>
        {
            var page = await seats.OpenAsync("print", $"/delegates/{meeting.Id}/giay-moi", 1000, 1300, "vanphong");
            await Expect(page.Locator("[data-testid=invitation-card]")).ToHaveCountAsync(meeting.Delegates.Count);
            await Expect(page.Locator("[data-testid=invitations-count]")).ToContainTextAsync($"{meeting.Delegates.Count} giấy mời · {sheets} tờ A4");
            await page.EvaluateAsync("document.fonts.ready");

            // Nothing cut: all text shows, and the QR block sits inside its card.
            var clipped = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.inv-card')].filter(card => {
                    const lines = card.querySelector('.inv-lines');
                    const footer = card.querySelector('footer').getBoundingClientRect();
                    const spare = lines.getBoundingClientRect().bottom - lines.lastElementChild.getBoundingClientRect().bottom;
                    return spare < -0.5 || footer.bottom > card.getBoundingClientRect().bottom + 0.5;
                }).map(card => card.dataset.code)
                """);
            if (clipped.Length > 0)
                await page.Locator($"[data-code='{clipped[0]}']").ScreenshotAsync(new() { Path = Path.Combine(BrowserHall.ArtifactsDirectory, "giay-moi-bi-cat.png") });
            Assert.Empty(clipped);
            var spareMm = await page.EvaluateAsync<double>("""
                () => Math.min(...[...document.querySelectorAll('.inv-lines')].map(l =>
                    l.getBoundingClientRect().bottom - l.lastElementChild.getBoundingClientRect().bottom)) * 25.4 / 96
                """);
            output.WriteLine($"Least room left under the text of a card: {spareMm:0.0} mm");
            Assert.True(await page.EvaluateAsync<bool>("document.fonts.check('16px \"Be Vietnam Pro\"', 'Đỗ Nguyễn ườ')"));

            await page.Locator(".inv-sheet").First.ScreenshotAsync(new() { Path = Path.Combine(BrowserHall.ArtifactsDirectory, "giay-moi-trang-1.png") });
            var pdfPath = Path.Combine(BrowserHall.ArtifactsDirectory, "giay-moi.pdf");
            var pdf = await page.PdfAsync(new() { Path = pdfPath, PreferCSSPageSize = true, PrintBackground = true });
            var pages = Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");
            output.WriteLine($"{meeting.Delegates.Count} invitations, {pages} PDF pages ({pdf.Length / 1024} KB): {pdfPath}");
            Assert.Equal(sheets, pages);
        });
    }
}
