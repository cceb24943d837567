using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// A staff seat survives a server restart by itself: the banner leaves the page readable, the seat keeps retrying at
/// a short, capped, jittered interval, and once the server answers again (without the seat's circuit) the page
/// reloads itself and is live again — no hand on the tablet. The schedule itself is in lib/staff-start.js.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SeatReconnectTests(BrowserHall hall, ITestOutputHelper output)
{
    [Fact]
    public async Task The_chair_seat_is_live_and_current_again_by_itself_after_the_server_restarts_on_the_same_address()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        var port = FreeLoopbackPort();
        var log = new ServerLog();
        var console = new ConcurrentQueue<string>();

        var first = new SamePortApp(dataDirectory, port, log);
        SamePortApp? second = null;
        IBrowserContext? context = null;
        IPage? chair = null;
        try
        {
            var address = first.Start();
            Assert.Equal(port, address.Port);
            var meetingId = await first.DemoMeetingIdAsync();

            context = await NewDeviceAsync(address, Seats.TabletWidth, Seats.TabletHeight);
            await BrowserHall.SignInAsync(context, "chutri");
            chair = await context.NewPageAsync();
            chair.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning") console.Enqueue($"console {message.Type}: {message.Text}");
            };
            chair.PageError += (_, error) => console.Enqueue($"page error: {error}");
            await chair.GotoAsync($"/chair/{meetingId}");
            await BrowserHall.WaitInteractiveAsync(chair);
            var status = chair.Locator("[data-testid=meeting-status]");
            await Expect(status).ToHaveTextAsync(MeetingStatus.Announced.ToVietnamese());
            await chair.EvaluateAsync("() => { window.__beforeRestart = true; }");

            // The server goes away.
            await first.DisposeAsync();

            // A banner, not a curtain: the page stays readable, the middle of the tablet is still the page.
            var banner = chair.Locator("#components-reconnect-modal");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync("Mất kết nối, đang kết nối lại…");
            Assert.False(await chair.EvaluateAsync<bool>("() => document.getElementById('components-reconnect-modal').matches(':modal')"),
                "The reconnect UI is a modal dialog: it blocks the chair's page.");
            Assert.False(await chair.EvaluateAsync<bool>(
                    "() => document.getElementById('components-reconnect-modal').contains(document.elementFromPoint(innerWidth / 2, innerHeight / 2))"),
                "The reconnect UI covers the middle of the chair's page.");
            Assert.False(await chair.EvaluateAsync<bool>(
                    "() => document.getElementById('components-reconnect-modal').contains(document.activeElement)"),
                "The reconnect UI took the focus away from the page.");
            await Expect(status).ToBeVisibleAsync();
            // At least one attempt has failed against the dead address before the server comes back.
            await Expect(banner).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("components-reconnect-retrying"));

            // The server comes back on the same address over the same data, and the meeting moves on.
            second = new SamePortApp(dataDirectory, port, log);
            Assert.Equal(port, second.Start().Port);
            await second.MustAsync(meetingId, (m, now) => m.Start(now));

            // No reload from here: the seat finds the server, learns its circuit is gone and reloads itself.
            await Expect(status).ToHaveTextAsync(MeetingStatus.Live.ToVietnamese());
            await Expect(banner).ToBeHiddenAsync();
            await BrowserHall.WaitInteractiveAsync(chair);

            // And it is live, not a one-off picture: a later change arrives over the new circuit.
            await second.MustAsync(meetingId, (m, now) => m.GoToStep(2, now, confirmGoingBack: false));
            await Expect(chair.Locator(".chair-sub")).ToContainTextAsync("Bước 2/");
            await Expect(banner).ToBeHiddenAsync();

            var sameDocument = await chair.EvaluateAsync<bool>("() => window.__beforeRestart === true");
            output.WriteLine(sameDocument
                ? "The seat came back on its old page (the circuit was resumed)."
                : "The seat reloaded its page by itself once the restarted server answered.");
        }
        catch (Exception failure)
        {
            throw await FailureWithContextAsync(failure, chair is null ? [] : [("chair", chair)], console, log);
        }
        finally
        {
            if (context is not null) await context.CloseAsync();
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    /// <summary>How soon after the server answers again every seat must show the meeting as it is (issue 12).</summary>
    private const float CurrentAgainWithinMs = 15_000;

    [Fact]
    public async Task Through_an_outage_the_projector_marks_it_and_freezes_its_clock_and_the_secretary_after_a_download_comes_back_by_itself()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        var port = FreeLoopbackPort();
        var log = new ServerLog();
        var console = new ConcurrentQueue<string>();

        var first = new SamePortApp(dataDirectory, port, log);
        SamePortApp? second = null;
        var contexts = new List<IBrowserContext>();
        var pages = new Dictionary<string, IPage>();
        try
        {
            var address = first.Start();
            var meetingId = await first.DemoMeetingIdAsync();
            // A speaker on the floor with the clock running: what the hall watches when the server goes away.
            await first.MustAsync(meetingId, (m, now) => m.Start(now));
            await first.MustAsync(meetingId, (m, now) => m.GoToStep(5, now, confirmGoingBack: false));
            await first.MustAsync(meetingId, (m, now) => m.CallNext(now));
            await first.MustAsync(meetingId, (m, now) => m.StartTimer(now));

            async Task<IPage> OpenAsync(string seat, string path, int width, int height, string? userName)
            {
                var context = await NewDeviceAsync(address, width, height);
                contexts.Add(context);
                if (userName is not null) await BrowserHall.SignInAsync(context, userName);
                var page = await context.NewPageAsync();
                page.Console += (_, message) =>
                {
                    if (message.Type is "error" or "warning") console.Enqueue($"{seat} console {message.Type}: {message.Text}");
                };
                page.PageError += (_, error) => console.Enqueue($"{seat} page error: {error}");
                pages[seat] = page;
                await page.GotoAsync(path);
                await BrowserHall.WaitInteractiveAsync(page);
                return page;
            }

            var projectorPath = first.Services.GetRequiredService<ProjectorLinks>().PathFor(meetingId, 1);
            var projector = await OpenAsync("projector", projectorPath, Seats.ProjectorWidth, Seats.ProjectorHeight, userName: null);
            var secretaryPath = $"/secretary/{meetingId}";
            var secretary = await OpenAsync("secretary", secretaryPath, Seats.LaptopWidth, Seats.LaptopHeight, "thuky");
            var countdown = projector.Locator("[data-testid=projector-countdown] .count");
            var mark = projector.Locator("[data-testid=kiosk-reconnecting]");
            await Expect(countdown).ToBeVisibleAsync();
            await Expect(mark).ToBeHiddenAsync();

            // The secretary takes the minutes as .docx: a file arrives and the live page stays where it was.
            var download = await secretary.RunAndWaitForDownloadAsync(() => secretary.Locator("[data-testid=minutes-docx]").ClickAsync());
            Assert.EndsWith(".docx", download.SuggestedFilename);
            Assert.Null(await download.FailureAsync());
            Assert.EndsWith(secretaryPath, new Uri(secretary.Url).AbsolutePath);
            await Expect(secretary.Locator("[data-testid=current-step]")).ToContainTextAsync("Bước 5");

            // The server goes away.
            await first.DisposeAsync();

            // The projector says so after a few seconds, discreetly: a mark in the corner, never the staff banner's words.
            await Expect(mark).ToBeVisibleAsync();
            await Expect(mark).ToHaveTextAsync("Đang kết nối lại…");
            // Visible to Playwright is not seen by the hall: the mark has faded in all the way.
            await Expect(projector.Locator("#components-reconnect-modal")).ToHaveCSSAsync("opacity", "1");
            await Expect(projector.GetByText("Mất kết nối, đang kết nối lại…")).ToBeHiddenAsync();
            Assert.True(await mark.EvaluateAsync<bool>(
                    "m => { const d = m.closest('dialog'), r = d.getBoundingClientRect(), style = getComputedStyle(d);"
                    + " return r.width < innerWidth / 3 && r.top > innerHeight / 2 && style.color !== style.backgroundColor; }"),
                "The reconnect mark is not a small, legible one in the projector's lower corner.");
            // Its clock stands still and dims instead of pretending: no second passes on it while nothing is known.
            await Expect(projector.Locator("[data-testid=projector-countdown]")).ToHaveCSSAsync("opacity", "0.35");
            // So does every other seat's clock: the secretary's (a banner at the top says why).
            await Expect(secretary.Locator("[data-testid=floor-timer]")).ToHaveCSSAsync("opacity", "0.35");
            await Expect(secretary.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
            var frozenAt = await countdown.InnerTextAsync();
            await projector.WaitForTimeoutAsync(2_500);
            Assert.Equal(frozenAt, await countdown.InnerTextAsync());
            // The hall keeps the last picture: the speaker is still on the screen.
            await Expect(projector.Locator("[data-testid=projector-speaker]")).ToBeVisibleAsync();

            // The server comes back over the same data and the meeting moves on: the turn ends, the next step starts.
            second = new SamePortApp(dataDirectory, port, log);
            Assert.Equal(port, second.Start().Port);
            await second.MustAsync(meetingId, (m, now) => m.FinishTurn(now));
            await second.MustAsync(meetingId, (m, now) => m.GoToStep(6, now, confirmGoingBack: false));

            // Every seat shows it within 15 s, with no hand on it.
            var soon = new LocatorAssertionsToContainTextOptions { Timeout = CurrentAgainWithinMs };
            await Expect(projector.Locator("[data-testid=projector-step]")).ToContainTextAsync("Bước 6", soon);
            await Expect(secretary.Locator("[data-testid=current-step]")).ToContainTextAsync("Bước 6", soon);
            await Expect(mark).ToBeHiddenAsync();
            await Expect(secretary.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
            // The secretary is back on the live page, not on the file.
            Assert.EndsWith(secretaryPath, new Uri(secretary.Url).AbsolutePath);

            // And both are live again: a later change arrives without a reload.
            await second.MustAsync(meetingId, (m, now) => m.GoToStep(7, now, confirmGoingBack: false));
            await Expect(projector.Locator("[data-testid=projector-step]")).ToContainTextAsync("Bước 7");
            await Expect(secretary.Locator("[data-testid=current-step]")).ToContainTextAsync("Bước 7");
        }
        catch (Exception failure)
        {
            throw await FailureWithContextAsync(failure, pages.Select(p => (p.Key, p.Value)), console, log);
        }
        finally
        {
            foreach (var context in contexts) await context.CloseAsync();
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_seat_retry_schedule_starts_within_a_second_stays_under_five_seconds_varies_and_does_not_give_up()
    {
        var meeting = await hall.DemoMeetingAsync();
        await using var seats = new Seats(hall, nameof(The_seat_retry_schedule_starts_within_a_second_stays_under_five_seconds_varies_and_does_not_give_up));
        await seats.RunAsync(async () =>
        {
            var chair = await seats.OpenAsync("chair", $"/chair/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "chutri", interactive: true);

            // Blazor is started by the app's script with the schedule, not by itself with the framework's 0/5/30 s.
            Assert.Equal("false", await chair.EvaluateAsync<string?>(
                "() => document.querySelector('script[src*=\"blazor.web\"]')?.getAttribute('autostart') ?? null"));

            var schedule = await chair.EvaluateAsync<JsonElement>(
                """
                () => {
                    const seat = window.doiThoaiSeat;
                    const samples = [];
                    for (let n = 0; n < 60; n++) {
                        const delays = [];
                        for (let i = 0; i < 200; i++) delays.push(seat.retryDelay(n));
                        samples.push(delays);
                    }
                    return { maxRetries: seat.maxRetries, samples, far: [seat.retryDelay(5000), seat.retryDelay(99999)] };
                }
                """);

            // Enough attempts for hours at the longest interval: an outage of minutes ends by itself.
            var maxRetries = schedule.GetProperty("maxRetries").GetInt32();
            Assert.True(maxRetries * 2.5 >= 24 * 3600, $"maxRetries {maxRetries} gives up within a day.");

            var samples = schedule.GetProperty("samples").EnumerateArray()
                .Select(a => a.EnumerateArray().Select(d => d.GetDouble()).ToList()).ToList();
            // The first retry comes soon.
            Assert.All(samples[0], d => Assert.InRange(d, 500, 1000));
            foreach (var (delays, attempt) in samples.Select((d, i) => (d, i)))
            {
                // Capped: every seat tries again within 5 s of the server answering.
                Assert.All(delays, d => Assert.InRange(d, 1, 5000));
                // Jittered: the seats of a hall do not knock in step.
                Assert.True(delays.Distinct().Count() > 10, $"Attempt {attempt}: the delays do not vary ({string.Join(", ", delays.Distinct())}).");
            }
            // Growing, then flat at the cap.
            Assert.True(samples[1].Average() < samples[3].Average(), "The interval does not grow.");
            Assert.All(samples[59], d => Assert.InRange(d, 2500, 5000));
            Assert.All(schedule.GetProperty("far").EnumerateArray(), d => Assert.InRange(d.GetDouble(), 2500, 5000));
        });
    }

    /// <summary>A device on the restartable app's fixed address (BrowserHall's devices point at its own app).</summary>
    private async Task<IBrowserContext> NewDeviceAsync(Uri address, int width, int height)
    {
        var context = await hall.Browser.NewContextAsync(new()
        {
            BaseURL = address.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(BrowserHall.TimeoutMs);
        context.SetDefaultNavigationTimeout(BrowserHall.TimeoutMs);
        return context;
    }

    /// <summary>A failure with each seat photographed and the browsers' console and the server's warnings attached.</summary>
    private static async Task<Exception> FailureWithContextAsync(Exception failure, IEnumerable<(string Seat, IPage Page)> pages,
        IEnumerable<string> console, ServerLog log)
    {
        var folder = Path.Combine(BrowserHall.ArtifactsDirectory, nameof(SeatReconnectTests));
        Directory.CreateDirectory(folder);
        foreach (var (seat, page) in pages)
        {
            try
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{seat}.png"), Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                // A page that is gone has nothing to show.
            }
        }
        return new Xunit.Sdk.XunitException(
            $"{failure.Message}{Environment.NewLine}--- browser console ---{Environment.NewLine}{string.Join(Environment.NewLine, console)}" +
            $"{Environment.NewLine}--- server warnings ---{Environment.NewLine}{string.Join(Environment.NewLine, log.Since(0))}", failure);
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>
    /// The real app on a fixed loopback port, so that a second one over the same data folder answers at the address the
    /// browser already has — what a restart of the hall's server looks like to a seat. (TestApp always takes a new port.)
    /// </summary>
    private sealed class SamePortApp : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory;
        private readonly int _port;
        private readonly ServerLog _log;
        private bool _disposed;

        public SamePortApp(string dataDirectory, int port, ServerLog log)
        {
            _dataDirectory = dataDirectory;
            _port = port;
            _log = log;
            UseKestrel();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("DoiThoai:DataDirectory", _dataDirectory);
            builder.UseSetting("DoiThoai:Demo", "true");
            builder.UseSetting("Urls", $"http://127.0.0.1:{_port}");
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.AddProvider(_log));
        }

        public Uri Start()
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }

        public async Task<Guid> DemoMeetingIdAsync()
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<AppDb>>().CreateDbContextAsync();
            return await db.Meetings.Select(m => m.Id).FirstAsync();
        }

        public async Task MustAsync(Guid meetingId, Action<Meeting, DateTimeOffset> command)
        {
            var result = await Services.GetRequiredService<MeetingCommands>().RunAsync(meetingId, Hall.Chair, StaffRoles.ChairSeat, command);
            Assert.True(result.Ok, $"Command refused: {result.Error}");
        }

        public override async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
