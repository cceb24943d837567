using System.Net;
using DoiThoai.Web.Features.Phone;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DoiThoai.Web.Tests.Security;

/// <summary>Someone in the hall floods the registration form; the hall's real phones must still get through.</summary>
public sealed class HallJamTests
{
    /// <summary>The shipped limits, not the raised ones other tests use.</summary>
    private static readonly Dictionary<string, string?> ShippedLimits = new()
    {
        ["DoiThoai:PhoneLimits:PerDevicePerMinute"] = "6",
        ["DoiThoai:PhoneLimits:PerAddressPerMinute"] = "1200",
        ["DoiThoai:PhoneLimits:UnknownPerAddressPerMinute"] = "20",
        ["DoiThoai:PhoneLimits:PerMeetingPerMinute"] = "300",
    };

    [Fact]
    public async Task A_flood_with_made_up_device_cookies_and_disguised_codes_does_not_stop_real_phones()
    {
        await using var app = new TestApp(settings: ShippedLimits);
        var code = (await app.DemoMeetingAsync()).PublicCode;
        using var flood = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var disguises = new[] { code, code.ToLowerInvariant(), $"{code}%20", $"%20{code}", $"{code}%09" };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 320; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/m/{disguises[i % disguises.Length]}/gui");
            post.Headers.Add("Cookie", $"{PhoneDevices.Cookie}={Guid.NewGuid():N}{Guid.NewGuid():N}");
            post.Headers.UserAgent.ParseAdd($"Flood/{i}");
            using var answer = await flood.SendAsync(post);
            answers.Add(answer.StatusCode);
        }

        // The made-up devices share one small bucket: most of the flood is refused, and never with a 500.
        Assert.True(answers.Count(s => s == HttpStatusCode.TooManyRequests) >= 300, string.Join(",", answers.Distinct()));
        Assert.DoesNotContain(answers, s => (int)s >= 500);
        for (var i = 0; i < 12; i++)
        {
            using var phone = new PhoneClient(app);
            Assert.False(string.IsNullOrEmpty(await phone.SubmitAsync(code, PhoneClient.Typed(name: $"Người dân thật {i}"))));
        }
    }

    [Fact]
    public async Task A_forged_device_cookie_is_replaced_by_a_signed_one_and_a_device_keeps_its_own_limit()
    {
        await using var app = new TestApp(settings: ShippedLimits);
        var code = (await app.DemoMeetingAsync()).PublicCode;
        using var phone = new PhoneClient(app);
        phone.Http.DefaultRequestHeaders.Add("Cookie", $"{PhoneDevices.Cookie}=forged-value-0123456789");

        var form = await phone.Http.GetAsync($"/m/{code}");
        var issued = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PhoneDevices.Cookie + "=")).Split(';')[0];

        Assert.NotEqual($"{PhoneDevices.Cookie}=forged-value-0123456789", issued);
        Assert.True(issued.Length > 60, issued);
    }
}
