using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// Runs alone, after the parallel collections: the other tests' apps share this process's thread pool and the two
/// cores, and a live re-render starved of both is what made waits time out on CI.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHall>
{
    public const string Name = "Browser";
}

/// <summary>
/// One real app on a loopback port and one headless Debian chromium, shared by every browser test. Each seat (chair,
/// reception, projector, phone) gets its own browser context, i.e. its own cookies, like a separate device.
/// </summary>
public sealed partial class BrowserHall : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    /// <summary>For auto-waiting assertions and actions: live updates cross a hub and a re-render, never a poll.</summary>
    public const float TimeoutMs = 30_000;
    public const string HallAddress = "http://192.168.1.10:5080";

    // STACK.md trap 7: the machine's network is closed; without these chromium keeps trying to reach outside.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private TestApp? _app;

    public TestApp App => _app ?? throw new InvalidOperationException("The browser hall is not started.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser hall is not started.");

    /// <summary>Screenshots, logs and measurements of the browser tests: under the test output, never /tmp at large.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Browser tests need Debian's chromium at {ChromiumPath}, which is missing. Run ./test.sh (it installs it) " +
                "or `sudo apt-get install -y chromium`. Do not run `playwright install`: it downloads, which fails here.");
        Directory.CreateDirectory(ArtifactsDirectory);
        Assertions.SetDefaultExpectTimeout(TimeoutMs);

        // The address the hall's phones would use, as the README suggests: the projector's QR shows it, not 127.0.0.1.
        _app = new TestApp(realServer: true, settings: new Dictionary<string, string?> { ["DoiThoai:PublicBaseUrl"] = HallAddress });
        _ = _app.BaseAddress; // starts Kestrel (and seeds the demo meeting) before any browser asks for a page
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>
    /// A chromium of its own with extra switches (e.g. a fake camera, which is per browser, not per context), on the
    /// same Playwright. The caller closes it.
    /// </summary>
    public Task<IBrowser> LaunchBrowserAsync(params string[] extraArgs) =>
        (_playwright ?? throw new InvalidOperationException("The browser hall is not started.")).Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
        });

    /// <summary>A new device: its own cookies, a viewport, Vietnamese locale and hall time zone.</summary>
    public async Task<IBrowserContext> NewDeviceAsync(int width, int height, bool javaScript = true, IBrowser? browser = null)
    {
        var context = await (browser ?? Browser).NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        return context;
    }

    /// <summary>
    /// Signs an account in through the real login form over the context's own HTTP client (it shares the context's
    /// cookies): the same GET for the antiforgery token and POST as the page makes, without rendering two pages per seat.
    /// </summary>
    public static async Task SignInAsync(IBrowserContext context, string userName, string password = StartupSeeder.DemoPassword)
    {
        var form = await context.APIRequest.GetAsync("/account/login?returnUrl=%2F");
        var token = AntiforgeryField().Match(await form.TextAsync());
        Assert.True(token.Success, "The login page has no antiforgery token.");
        var fields = context.APIRequest.CreateFormData();
        fields.Set("__RequestVerificationToken", token.Groups[1].Value);
        fields.Set("userName", userName);
        fields.Set("password", password);
        fields.Set("returnUrl", "/");
        var answer = await context.APIRequest.PostAsync("/account/login", new() { Form = fields, MaxRedirects = 0 });
        var landing = answer.Headers.GetValueOrDefault("location") ?? "";
        Assert.True(answer.Status == 302 && !landing.Contains("/account/login", StringComparison.Ordinal),
            $"Signing in as {userName} was refused (HTTP {answer.Status}, to {landing}).");
        var cookies = await context.CookiesAsync();
        Assert.True(cookies.Any(c => c.Name.Contains("Identity", StringComparison.OrdinalIgnoreCase)),
            $"Signing in as {userName} set no identity cookie.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryField();

    /// <summary>
    /// Waits until the page's Blazor circuit is connected: a click made before that is silently lost (STACK.md trap 6).
    /// Interactive pages render <c>data-interactive</c> (no value) only once they run interactively.
    /// </summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = TimeoutMs });

    /// <summary>
    /// Chooses a file in a Blazor file input once its script listens: the input is in the page one round trip before
    /// the server's after-render call hooks its change event, and a file chosen in between is silently dropped. A
    /// person cannot pick a file that fast; a test can.
    /// </summary>
    public static async Task ChooseFileAsync(ILocator input, FilePayload file)
    {
        var element = await input.ElementHandleAsync();
        await input.Page.WaitForFunctionAsync("el => el._blazorInputFileNextFileId !== undefined", element,
            new() { Timeout = TimeoutMs });
        await input.SetInputFilesAsync(file);
    }

    /// <summary>The demo meeting the seeder created (announced, some requests approved, some to screen).</summary>
    public Task<Meeting> DemoMeetingAsync() => App.DemoMeetingAsync();

    /// <summary>Another demo meeting of its own, so a test does not depend on what another test did to the first.</summary>
    public async Task<Meeting> NewMeetingAsync()
    {
        var commands = App.Commands;
        await using (var db = await App.OpenDbAsync())
        {
            var departments = await db.Departments.Where(d => d.UnitId == DemoUnits.GiaoMinhId).OrderBy(d => d.SortOrder).ToListAsync();
            var meeting = DemoMeeting.Build(commands.Now, departments);
            await commands.AddMeetingAsync(meeting, "Kiểm thử");
            await using var check = await App.OpenDbAsync();
            return (await check.LoadMeetingAsync(meeting.Id, tracking: false))!;
        }
    }

    /// <summary>The projector link of the meeting as it stands (its current link version).</summary>
    public string ProjectorPath(Guid meetingId) =>
        App.AppServices.GetRequiredService<ProjectorLinks>().PathFor(meetingId, DoiThoai.Web.Tests.Integration.Hall.LoadAsync(App, meetingId).GetAwaiter().GetResult().ProjectorLinkVersion);

    public MeetingCommands Commands => App.Commands;
}
