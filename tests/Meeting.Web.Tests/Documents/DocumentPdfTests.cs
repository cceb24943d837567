using System.Text.RegularExpressions;
using DoiThoai.Web.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>The print views in chromium, saved as PDF (browser-artifacts/bien-ban.pdf, thong-bao-ket-luan.pdf) for a person to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentPdfTests(BrowserHall hall, ITestOutputHelper output)
{
    [Fact]
    public async Task Print_views_save_as_A4_pdf_in_a_Times_like_font()
    {
        var played = await PlayedMeeting.PlayAsync(hall.App, (await hall.NewMeetingAsync()).Id);
        await using var seats = new Seats(hall, nameof(Print_views_save_as_A4_pdf_in_a_Times_like_font));
        await seats.RunAsync(async () =>
        {
            foreach (var (view, name, kind) in new[] { ("in-bien-ban", "bien-ban", "BIÊN BẢN"), ("in-thong-bao", "thong-bao-ket-luan", "THÔNG BÁO") })
            {
                var page = await seats.OpenAsync(name, $"/minutes/{played.Meeting.Id}/{view}", 1000, 1300, "thuky");
                await Expect(page.Locator("[data-testid=document-paper] h1")).ToHaveTextAsync(kind);
                await page.EvaluateAsync("document.fonts.ready");
                var font = await page.Locator("[data-testid=document-paper]").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
                Assert.StartsWith("\"Times New Roman\"", font);

                // The Party title stays on one line of the header's right column.
                var lines = await page.Locator(".paper .head > div:nth-child(2) b").First.EvaluateAsync<double>(
                    "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '20')");
                Assert.True(lines < 1.6, $"The header title wraps ({lines:0.0} lines).");

                await page.Locator("[data-testid=document-paper]").ScreenshotAsync(new()
                {
                    Path = Path.Combine(BrowserHall.ArtifactsDirectory, $"{name}.png"),
                    Style = ".doc-toolbar { display: none; }", // sticky: it would cover the sheet's top
                });
                var path = Path.Combine(BrowserHall.ArtifactsDirectory, $"{name}.pdf");
                var pdf = await page.PdfAsync(new() { Path = path, PreferCSSPageSize = true, PrintBackground = true });
                var pages = Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");
                output.WriteLine($"{path}: {pages} page(s), {pdf.Length / 1024} KB");
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
                Assert.InRange(pages, 1, 4);
            }
        });
    }
}
