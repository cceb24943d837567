using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The devices one test opens. Each seat is its own browser context (own cookies). If the test fails, every open page
/// is photographed and the pages' console errors are written next to the photos, under browser-artifacts/.
/// </summary>
public sealed class Seats(BrowserHall hall, string testName) : IAsyncDisposable
{
    public const int TabletWidth = 1280, TabletHeight = 800;
    public const int ProjectorWidth = 1920, ProjectorHeight = 1080;
    public const int PhoneWidth = 390, PhoneHeight = 844;
    /// <summary>The reception desk's and the secretary's laptops.</summary>
    public const int LaptopWidth = 1366, LaptopHeight = 768;
    /// <summary>An elderly delegate's old phone.</summary>
    public const int OldPhoneWidth = 360, OldPhoneHeight = 640;

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<(string Name, IPage Page)> _pages = [];
    private readonly ConcurrentQueue<string> _log = new();
    private readonly long _serverLogStart = hall.App.Log.Count;

    /// <summary>Opens a seat on its own device, signed in when a user is given, and waits for the circuit when asked.</summary>
    public async Task<IPage> OpenAsync(string name, string path, int width, int height, string? userName = null,
        bool javaScript = true, bool interactive = false)
    {
        var context = await hall.NewDeviceAsync(width, height, javaScript);
        _contexts.Add(context);
        if (userName is not null) await BrowserHall.SignInAsync(context, userName);
        var page = await context.NewPageAsync();
        _pages.Add((name, page));
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") _log.Enqueue($"[{name}] console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => _log.Enqueue($"[{name}] page error: {error}");
        await page.GotoAsync(path);
        if (interactive) await BrowserHall.WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until nothing on the page is still moving (a dialog grows in with a scale transform, so a button measured
    /// mid-animation is a few pixels short). Endless animations, such as a spinner, do not count.
    /// </summary>
    public static Task WaitForStillAsync(IPage page) => page.WaitForFunctionAsync(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");

    /// <summary>Runs the test body; on failure photographs every seat before the failure is reported.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception failure)
        {
            await CaptureAsync();
            // CI keeps only the log: put what the pages and the server said next to the failure.
            var server = hall.App.Log.Since(_serverLogStart);
            if (_log.IsEmpty && server.Count == 0) throw;
            throw new Xunit.Sdk.XunitException(
                $"{failure.Message}{Environment.NewLine}--- browser console ---{Environment.NewLine}{string.Join(Environment.NewLine, _log)}" +
                $"{Environment.NewLine}--- server warnings ---{Environment.NewLine}{string.Join(Environment.NewLine, server)}", failure);
        }
    }

    /// <summary>
    /// Photographs every seat (full page). Call it last in a test: a full-page shot resizes the page for a moment, and
    /// the one click CI ever lost came right after such a shot in the middle of a test.
    /// </summary>
    public async Task CaptureAsync()
    {
        var folder = Path.Combine(BrowserHall.ArtifactsDirectory, testName);
        Directory.CreateDirectory(folder);
        foreach (var (name, page) in _pages)
        {
            try
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true, Timeout = 5_000 });
                await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.html"), await page.ContentAsync());
            }
            catch (PlaywrightException)
            {
                // A closed or crashed page has nothing to show; the other seats still do.
            }
        }
        await File.WriteAllLinesAsync(Path.Combine(folder, "console.txt"), _log);
    }

    public async ValueTask DisposeAsync()
    {
        // Kept even when the test passes: a console error on a green run is still worth reading.
        if (!_log.IsEmpty)
        {
            var folder = Path.Combine(BrowserHall.ArtifactsDirectory, testName);
            Directory.CreateDirectory(folder);
            await File.WriteAllLinesAsync(Path.Combine(folder, "console.txt"), _log);
        }
        foreach (var context in _contexts) await context.CloseAsync();
    }
}
