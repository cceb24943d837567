using Microsoft.Playwright;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The README's pictures of every seat at its device's size (docs/chair.png, projector.png, reception.png, secretary.png,
/// phone.png), taken from the end-to-end turn with a speaker on the floor.
/// Only when DOITHOAI_SCREENSHOTS=1, so a CI run never rewrites the committed pictures.
/// </summary>
public static class ReadmeScreenshots
{
    public const string Switch = "DOITHOAI_SCREENSHOTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Switch) == "1";

    public static async Task SaveAsync(params (string Name, IPage Page)[] seats)
    {
        if (!Enabled) return;
        var docs = Path.Combine(RepositoryFolder.Root, "docs");
        Directory.CreateDirectory(docs);
        foreach (var (name, page) in seats)
        {
            // Fonts are served by the app: wait for them so the picture is not taken in a fallback face.
            await page.EvaluateAsync("document.fonts.ready");
            // Clicks scrolled the page and its lists; the picture shows the first screen, as the seat's holder first sees it.
            await page.EvaluateAsync("() => { window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; }); }");
            await page.ScreenshotAsync(new() { Path = Path.Combine(docs, $"{name}.png") });
        }
    }
}
