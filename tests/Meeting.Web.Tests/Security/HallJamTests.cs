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

    [Fact]
    public async Task Reception_stops_a_flooding_phone_with_one_command_and_the_hall_s_phones_go_on()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var spammer = new PhoneClient(app);
        var spam = new List<string>();
        for (var i = 0; i < 30; i++) spam.Add(await spammer.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: $"Rác {i}", content: $"Nội dung rác số {i}")));
        var real = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var phone = new PhoneClient(app);
            real.Add(await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: $"Người dân thật {i}")));
        }

        var reception = TestApp.Staff(DoiThoai.Web.Live.StaffRoles.Reception);
        var anySpam = await RequestAsync(app, meeting.Id, spam[7]);
        var blocked = await app.Commands.RunAsync(meeting.Id, reception, DoiThoai.Web.Live.StaffRoles.ReceptionSeat, (m, now) => m.BlockDevice(anySpam.Id, now));
        Assert.True(blocked.Ok, blocked.Error);
        Assert.Equal(30, blocked.Value!.Count);

        foreach (var token in spam) Assert.Equal(DoiThoai.Domain.SpeakRequestStatus.Rejected, (await RequestAsync(app, meeting.Id, token)).Status);
        foreach (var token in real) Assert.Equal(DoiThoai.Domain.SpeakRequestStatus.Submitted, (await RequestAsync(app, meeting.Id, token)).Status);

        // The phone is told, in Vietnamese, and nothing is added; a citizen's phone still registers.
        await spammer.OpenFormAsync(meeting.PublicCode);
        var refused = await spammer.PostAsync(meeting.PublicCode, PhoneClient.Typed(name: "Rác nữa"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("dừng gửi phiếu", await refused.Content.ReadAsStringAsync());
        using var late = new PhoneClient(app);
        await late.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: "Người đến muộn"));
        var after = await app.DemoMeetingAsync();
        Assert.Equal(meeting.Requests.Count + 34, after.Requests.Count);
        Assert.DoesNotContain(after.Requests, r => r.Name == "Rác nữa");
    }

    private static async Task<DoiThoai.Domain.SpeakRequest> RequestAsync(TestApp app, Guid meetingId, string token)
    {
        await using var db = await app.OpenDbAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.SpeakRequests, r => r.MeetingId == meetingId && r.StatusToken == token);
    }
}
