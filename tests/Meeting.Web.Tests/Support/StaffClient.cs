using DoiThoai.Web.Data;
using DoiThoai.Web.Tests.Integration;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DoiThoai.Web.Tests.Support;

public static class StaffClient
{
    /// <summary>Signs in and returns the cookie header, for clients that do not keep cookies themselves (a hub client).</summary>
    public static async Task<string> SignInCookieAsync(this TestApp app, string userName)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/login");
        var formCookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = userName,
                ["password"] = StartupSeeder.DemoPassword,
                ["returnUrl"] = "/",
                [PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(await form.Content.ReadAsStringAsync(), PhoneClient.AntiforgeryField)!,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", formCookies));
        var signIn = await client.SendAsync(post);
        var identity = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.Contains("Identity", StringComparison.OrdinalIgnoreCase)).ToList();
        if (identity.Count == 0) throw new InvalidOperationException($"Signing in as {userName} set no identity cookie.");
        return string.Join("; ", identity);
    }

    /// <summary>An HTTP client signed in through the real login form (antiforgery token and cookie included).</summary>
    public static async Task<HttpClient> SignedInClientAsync(this TestApp app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetAsync("/account/login");
        var antiforgery = PhoneClient.HiddenValue(await form.Content.ReadAsStringAsync(), PhoneClient.AntiforgeryField)
            ?? throw new InvalidOperationException("The login form has no antiforgery token.");
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = StartupSeeder.DemoPassword,
            ["returnUrl"] = "/",
            [PhoneClient.AntiforgeryField] = antiforgery,
        }));
        if (signIn.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) != false)
            throw new InvalidOperationException($"Signing in as {userName} failed ({signIn.StatusCode}).");
        return client;
    }
}
