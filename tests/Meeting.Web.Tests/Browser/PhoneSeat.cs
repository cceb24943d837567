using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>What a delegate does on the phone form (/m/{code}), typed key by key as a person would.</summary>
public static partial class PhoneSeat
{
    public sealed record Typed(string Name, string Place, string FieldLabel, string Content);

    public static async Task FillAsync(IPage phone, Typed typed)
    {
        await phone.Locator("#name").PressSequentiallyAsync(typed.Name);
        await phone.Locator("#place").PressSequentiallyAsync(typed.Place);
        await phone.Locator("#field").SelectOptionAsync(new SelectOptionValue { Label = typed.FieldLabel });
        await phone.Locator("#content").PressSequentiallyAsync(typed.Content);
    }

    /// <summary>Submits the filled form and waits for the status page; returns the request number it shows ("Số N").</summary>
    public static async Task<int> SubmitAsync(IPage phone)
    {
        await phone.Locator("form button[type=submit]").ClickAsync();
        // The address is enough: waiting for "load" too (fonts, the hub script) timed out on a busy machine.
        await phone.WaitForURLAsync(StatusUrl(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        var number = await phone.Locator(".number").InnerTextAsync();
        var match = NumberText().Match(number);
        Assert.True(match.Success, $"The status page should show 'Số N', showed '{number}'.");
        return int.Parse(match.Groups[1].Value);
    }

    public static Task ExpectHeadlineAsync(IPage phone, string text) =>
        Expect(phone.Locator("#status-headline")).ToContainTextAsync(text);

    [GeneratedRegex(@"/s/[A-Za-z0-9_\-]+$")]
    public static partial Regex StatusUrl();

    [GeneratedRegex(@"^Số (\d+)$")]
    private static partial Regex NumberText();
}
