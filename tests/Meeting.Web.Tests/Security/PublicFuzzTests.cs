using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Preparation;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Security;

/// <summary>
/// Hostile input on every public endpoint (no sign-in): non-characters, broken UTF-8, wrong or broken content types,
/// missing fields, odd codes. Every answer is below 500, and nothing is logged as an error: an expected refusal is not
/// a fault, and a log anyone can fill is a log nobody reads.
/// </summary>
public sealed class PublicFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private string _code = "";
    private string _token = "";
    private string _collectCode = "";

    public async Task InitializeAsync()
    {
        var meeting = await _app.DemoMeetingAsync();
        _code = meeting.PublicCode;
        using var phone = new PhoneClient(_app);
        _token = await phone.SubmitAsync(_code);
        _collectCode = (await _app.LoadAsync(await CollectedApp.PreparingMeetingAsync(_app))).PublicCode;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Field values a person never types.</summary>
    private static readonly string[] HostileValues =
    [
        "Nguyễn\uFFFE Văn\uFFFF",
        "Tr" + '\uD800' + "ần",
        "\u0000\u0001\u001B[31m",
        "\uFDD0\uFDEF",
        new string('x', 20_000),
        "<script>alert(1)</script>",
        "' OR 1=1 --",
    ];

    private static readonly string[] HostileCodes = ["%20CODE", "CODE%20", "code%09", "%FF", "%ED%A0%80", "%EF%BF%BE", "..%2F..%2Fetc", new string('A', 3000)];

    [Fact]
    public async Task Every_public_endpoint_answers_hostile_input_below_500_and_logs_no_error()
    {
        var since = _app.Log.Count;
        var answers = new List<(string What, HttpStatusCode Status)>();
        using var http = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // A real form's cookies and token, so the hostile values get past antiforgery to the code that reads them.
        using var phone = new PhoneClient(_app);
        await phone.OpenFormAsync(_code);

        async Task Send(string what, HttpClient client, HttpRequestMessage request)
        {
            using var response = await client.SendAsync(request);
            answers.Add((what, response.StatusCode));
        }

        foreach (var value in HostileValues)
        foreach (var field in new[] { "name", "place", "content", "phone", "field", "mode", "key", "invitation" })
        {
            var typed = PhoneClient.Typed();
            typed[field] = value;
            using var response = await phone.PostAsync(_code, typed);
            answers.Add(($"phone form {field}={Shown(value)}", response.StatusCode));
            await phone.OpenFormAsync(_code);
        }

        var targets = new[]
        {
            $"/m/{_code}/gui", $"/s/{_token}/rut", $"/s/{_token}/xoa", "/account/login", "/account/logout", $"/y-kien/{_collectCode}/gui",
        };
        foreach (var path in targets)
        foreach (var (what, content) in BrokenBodies())
            await Send($"POST {path} {what}", http, new HttpRequestMessage(HttpMethod.Post, path) { Content = content() });

        foreach (var value in HostileValues)
            await Send($"login {Shown(value)}", http, new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = value, ["password"] = value, ["returnUrl"] = "/\t/evil" }),
            });

        foreach (var code in HostileCodes)
        foreach (var path in new[] { $"/m/{code}", $"/i/{code}", $"/s/{code}", $"/s/{code}/json", $"/s/{code}/xoa", $"/y-kien/{code}", $"/y-kien/{code}/da-gui" })
            await Send($"GET {Shown(path)}", http, new HttpRequestMessage(HttpMethod.Get, path));
        foreach (var path in new[] { "/chung-chi", "/chung-chi/doithoai-ca.crt", "/chung-chi/..%2Fdoithoai.db", "/chung-chi/%FF" })
            await Send($"GET {path}", http, new HttpRequestMessage(HttpMethod.Get, path));
        foreach (var returnUrl in new[] { "%09/evil", "/%09/evil", "//evil", "/\\evil", "%FF", "/%ED%A0%80", "javascript:alert(1)" })
            await Send($"GET login returnUrl={returnUrl}", http, new HttpRequestMessage(HttpMethod.Get, $"/account/login?returnUrl={returnUrl}"));

        foreach (var (what, status) in answers) output.WriteLine($"{(int)status} {what}");
        Assert.Empty(answers.Where(a => (int)a.Status >= 500).Select(a => $"{(int)a.Status} {a.What}"));
        var errors = _app.Log.Since(since).Where(line => line.Contains(" Error ") || line.Contains(" Critical ")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static IEnumerable<(string, Func<HttpContent?>)> BrokenBodies()
    {
        yield return ("no body", () => null);
        yield return ("empty form", () => new FormUrlEncodedContent([]));
        yield return ("multipart without boundary", () => Typed("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--"));
        yield return ("multipart cut short", () => Typed("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"));
        yield return ("json", () => Typed("application/json", "{\"name\":\"a\"}"));
        yield return ("text", () => Typed("text/plain", "name=a"));
        yield return ("broken utf-8", () => Typed("application/x-www-form-urlencoded", "name=%FF%FE&content=%ED%A0%80&key=%C3%28"));
        yield return ("raw invalid bytes", () => new ByteArrayContent([0x6E, 0x3D, 0xFF, 0xFE, 0xC3, 0x28])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") },
        });
        yield return ("charset nonsense", () => Typed("application/x-www-form-urlencoded; charset=utf-99", "name=a"));
    }

    private static StringContent Typed(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static string Shown(string value) => value.Length > 40 ? value[..40] + $"…({value.Length})" : value;
}
