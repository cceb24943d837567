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
    public static async Task<HttpClient> SignedInClientAsync(this TestApp app, string userName, string password = StartupSeeder.DemoPassword)
    {
        var (client, landing) = await LogInAsync(app, userName, password);
        if (landing.StartsWith("/account/login", StringComparison.Ordinal))
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in as {userName} failed (sent to {landing}).");
        }
        return client;
    }

    /// <summary>Where the login form sends this person: "/" when signed in, the form again with ?error=… when not.</summary>
    public static async Task<string> LoginLandingAsync(this TestApp app, string userName, string password)
    {
        var (client, landing) = await LogInAsync(app, userName, password);
        client.Dispose();
        return landing;
    }

    private static async Task<(HttpClient Client, string Landing)> LogInAsync(TestApp app, string userName, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetAsync("/account/login");
        var antiforgery = PhoneClient.HiddenValue(await form.Content.ReadAsStringAsync(), PhoneClient.AntiforgeryField)
            ?? throw new InvalidOperationException("The login form has no antiforgery token.");
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            [PhoneClient.AntiforgeryField] = antiforgery,
        }));
        return (client, signIn.Headers.Location?.OriginalString ?? $"(no redirect: {(int)signIn.StatusCode})");
    }
}
