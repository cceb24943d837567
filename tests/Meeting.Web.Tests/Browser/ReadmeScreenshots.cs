using Microsoft.Playwright;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The README's pictures (docs/chair.png, docs/projector.png), taken from the end-to-end turn with a speaker on the floor.
/// Only when DOITHOAI_SCREENSHOTS=1, so a CI run never rewrites the committed pictures.
/// </summary>
public static class ReadmeScreenshots
{
    public const string Switch = "DOITHOAI_SCREENSHOTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Switch) == "1";

    public static async Task SaveAsync(IPage chair, IPage projector, params IPage[] others)
    {
        if (!Enabled) return;
        var docs = Path.Combine(RepositoryRoot(), "docs");
        Directory.CreateDirectory(docs);
        // Fonts are served by the app: wait for them so the picture is not taken in a fallback face.
        await chair.EvaluateAsync("document.fonts.ready");
        await projector.EvaluateAsync("document.fonts.ready");
        // Clicks scrolled the tablet's page; the picture shows it as the chair first sees it.
        await chair.EvaluateAsync("window.scrollTo(0, 0)");
        await chair.ScreenshotAsync(new() { Path = Path.Combine(docs, "chair.png") });
        await projector.ScreenshotAsync(new() { Path = Path.Combine(docs, "projector.png") });
        // The other seats at the same moment, for review only (not in the README).
        for (var i = 0; i < others.Length; i++)
            await others[i].ScreenshotAsync(new() { Path = Path.Combine(BrowserHall.ArtifactsDirectory, $"seat-{i + 1}.png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DoiThoai.sln"))) return dir.FullName;
        throw new InvalidOperationException("DoiThoai.sln not found above the test output: cannot place the README screenshots.");
    }
}
