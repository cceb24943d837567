using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// One delegate's phone: its own cookies (device, antiforgery), the form it opened (/m/{code}) and the form it posts
/// (/m/{code}/gui). Redirects are not followed, so a test sees the 302 to /s/{token}.
/// </summary>
public sealed class PhoneClient : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public PhoneClient(TestApp app) =>
        Http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient Http { get; }

    /// <summary>The antiforgery token of the last form page opened.</summary>
    public string? Antiforgery { get; private set; }

    /// <summary>The hidden idempotency key of the last form page opened.</summary>
    public string? Key { get; private set; }

    public string FormHtml { get; private set; } = "";

    public async Task<HttpResponseMessage> OpenFormAsync(string code)
    {
        var response = await Http.GetAsync($"/m/{code}");
        FormHtml = await response.Content.ReadAsStringAsync();
        Antiforgery = HiddenValue(FormHtml, AntiforgeryField);
        Key = HiddenValue(FormHtml, "key");
        return response;
    }

    /// <summary>What a delegate types, as the form names its fields; change any by name.</summary>
    public static Dictionary<string, string> Typed(string name = "Nguyễn Thị Hạnh", string content = "Đề nghị xã sửa đèn chiếu sáng đường trục xóm 4.",
        string place = "Xóm 4", string field = "Economy") => new()
        {
            ["name"] = name,
            ["place"] = place,
            ["field"] = field,
            ["content"] = content,
            ["mode"] = "speak",
            ["phone"] = "",
        };

    /// <summary>Posts the form as the opened page would: with its antiforgery token and key unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(string code, IDictionary<string, string> typed, bool withAntiforgery = true, string? key = null)
    {
        var fields = new Dictionary<string, string>(typed);
        if (withAntiforgery) fields[AntiforgeryField] = Antiforgery ?? throw new InvalidOperationException("Open the form first.");
        fields["key"] = key ?? Key ?? throw new InvalidOperationException("Open the form first.");
        return Http.PostAsync($"/m/{code}/gui", new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens the form, submits it and returns the status token it was redirected to.</summary>
    public async Task<string> SubmitAsync(string code, IDictionary<string, string>? typed = null)
    {
        var opened = await OpenFormAsync(code);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var response = await PostAsync(code, typed ?? Typed());
        return StatusTokenOf(response);
    }

    public static string StatusTokenOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location?.OriginalString ?? "";
        var match = Regex.Match(location, @"^(?:https?://[^/]+)?/s/([A-Za-z0-9_\-]+)$");
        Assert.True(match.Success, $"Expected a redirect to /s/{{token}}, got '{location}'.");
        return match.Groups[1].Value;
    }

    public async Task<JsonElement> StatusJsonAsync(string token)
    {
        var response = await Http.GetAsync($"/s/{token}/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>The value of a hidden input, whatever the attribute order (the load tool reads pages the same way).</summary>
    public static string? HiddenValue(string html, string name) => DoiThoai.LoadTool.Html.Hidden(html, name);

    public void Dispose() => Http.Dispose();
}
