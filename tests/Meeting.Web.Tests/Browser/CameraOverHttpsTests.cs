using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The desk's camera from another machine: browsers give a page the camera only in a secure context, so over the LAN
/// address it works on the app's https port and is refused, with the way out, on plain http.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CameraOverHttpsTests(BrowserHall hall)
{
    [SkippableFact]
    public async Task The_check_in_camera_starts_over_https_on_the_LAN_address_and_says_why_not_over_plain_http()
    {
        var lan = HallCertificate.LanAddresses().FirstOrDefault();
        Skip.If(lan is null, "This machine has no LAN address to open the app by.");
        await using var app = new TestApp(realServer: true, settings: new Dictionary<string, string?> { ["Urls"] = "http://0.0.0.0:0;https://0.0.0.0:0" });
        var ports = app.AppServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("0.0.0.0", "localhost"))).ToDictionary(u => u.Scheme, u => u.Port);
        var meeting = await app.DemoMeetingAsync();
        await using var camera = await hall.LaunchBrowserAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");

        // Headless Chromium cannot be told to trust the hall's authority; HallHttpsTests checks the chain itself.
        var page = await DeskAsync(camera, $"https://{lan}:{ports["https"]}", meeting.Id);
        Assert.True(await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        await page.Locator("[data-testid=camera-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=camera-video]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=camera-video]').readyState >= 2");
        await Expect(page.Locator("[data-testid=camera-error]")).ToHaveCountAsync(0);

        var plain = await DeskAsync(camera, $"http://{lan}:{ports["http"]}", meeting.Id);
        Assert.False(await plain.EvaluateAsync<bool>("() => window.isSecureContext"));
        await plain.Locator("[data-testid=camera-toggle]").ClickAsync();
        await Expect(plain.Locator("[data-testid=camera-error]")).ToContainTextAsync("https");
    }

    private static async Task<IPage> DeskAsync(IBrowser browser, string baseUrl, Guid meetingId)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, IgnoreHTTPSErrors = true, Locale = "vi-VN" });
        context.SetDefaultTimeout(BrowserHall.TimeoutMs);
        await BrowserHall.SignInAsync(context, "tiepnhan");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/checkin/{meetingId}");
        await BrowserHall.WaitInteractiveAsync(page);
        return page;
    }
}
