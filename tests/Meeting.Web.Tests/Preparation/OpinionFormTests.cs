using System.Net;
using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>The public online form (Mẫu 4) at /y-kien/{code}: plain HTML, one opinion per filled box, safe to send twice.</summary>
public sealed class OpinionFormTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Meeting _meeting = default!;

    public async Task InitializeAsync() => _meeting = await _app.LoadAsync(await CollectedApp.PreparingMeetingAsync(_app));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A person's phone: its own cookies (device, antiforgery), and the last form it opened.</summary>
    private sealed class Citizen(TestApp app) : IDisposable
    {
        public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        public string Html { get; private set; } = "";

        public async Task<HttpResponseMessage> OpenAsync(string code)
        {
            var response = await Http.GetAsync($"/y-kien/{code}");
            Html = await response.Content.ReadAsStringAsync();
            return response;
        }

        public Task<HttpResponseMessage> SendAsync(string code, Dictionary<string, string> typed, bool withAntiforgery = true)
        {
            var fields = new Dictionary<string, string>(typed) { ["key"] = typed.GetValueOrDefault("key") ?? PhoneClient.HiddenValue(Html, "key")! };
            if (withAntiforgery) fields[PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(Html, PhoneClient.AntiforgeryField)!;
            return Http.PostAsync($"/y-kien/{code}/gui", new FormUrlEncodedContent(fields));
        }

        public void Dispose() => Http.Dispose();
    }

    private static Dictionary<string, string> Typed(string kinhte = "Đề nghị hỗ trợ giống lúa chất lượng cao cho vụ xuân.",
        string bankhoan = "Người dân băn khoăn về tiến độ bồi thường khi mở rộng đường liên xã.", string name = "Bùi Thị Hằng",
        string phone = "", bool consent = false) => new()
    {
        ["name"] = name,
        ["place"] = "Xóm 5",
        ["phone"] = phone,
        ["consent"] = consent ? "yes" : "",
        ["kinhte"] = kinhte,
        ["vanhoa"] = "",
        ["quocphong"] = "",
        ["xaydungdang"] = "",
        ["khac"] = "",
        ["bankhoan"] = bankhoan,
    };

    [Fact]
    public async Task The_form_is_small_plain_html_with_a_box_per_field_of_Mau_4()
    {
        using var citizen = new Citizen(_app);
        var response = await citizen.OpenAsync(_meeting.PublicCode.ToLowerInvariant());
        var bytes = Encoding.UTF8.GetByteCount(citizen.Html);
        var css = await (await citizen.Http.GetAsync("/lib/phone.css")).Content.ReadAsByteArrayAsync();
        output.WriteLine($"form: {bytes} bytes HTML + {css.Length} bytes CSS");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(bytes + css.Length < 30 * 1024, $"{bytes + css.Length} bytes");
        Assert.DoesNotContain("blazor", citizen.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mudblazor", citizen.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", citizen.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Phiếu xin ý kiến Nhân dân", citizen.Html);
        Assert.Contains("Phục vụ cuộc đối thoại giữa Bí thư Đảng ủy, Chủ tịch HĐND xã và Phó Bí thư Đảng ủy, Chủ tịch UBND xã với Nhân dân xã Giao Minh", citizen.Html);
        foreach (var box in OpinionFormInput.Boxes) Assert.Contains($"name=\"{box.Key}\"", citizen.Html);
        Assert.Contains("1.4. Lĩnh vực xây dựng Đảng và hệ thống chính trị", citizen.Html);
        Assert.Contains("băn khoăn, bức xúc", citizen.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.OpenAsync("KHONGCO")).StatusCode);
    }

    [Fact]
    public async Task Each_filled_box_becomes_one_opinion_through_the_online_channel_and_a_resent_form_adds_none()
    {
        using var citizen = new Citizen(_app);
        await citizen.OpenAsync(_meeting.PublicCode);

        var sent = await citizen.SendAsync(_meeting.PublicCode, Typed(phone: "0912 345 678", consent: true));
        var again = await citizen.SendAsync(_meeting.PublicCode, Typed(phone: "0912 345 678", consent: true));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/y-kien/{_meeting.PublicCode}/da-gui?so=2", sent.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var thanks = await (await citizen.Http.GetAsync(sent.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("Cảm ơn Ông (bà). 2 ý kiến", thanks);

        var stored = (await _app.LoadAsync(_meeting.Id)).CollectedOpinions();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, o => Assert.Equal((CollectedChannel.OnlineForm, "Bùi Thị Hằng", "Xóm 5", "0912345678", (DateOnly?)CollectedApp.Today(_app)),
            (o.Channel, o.SubmitterName, o.SubmitterPlace, o.SubmitterPhone, o.ReceivedOn)));
        Assert.Equal([OpinionField.Economy, OpinionField.Other], stored.Select(o => o.Field));
        Assert.StartsWith("Người dân băn khoăn", stored[1].Content);
    }

    [Fact]
    public async Task Refused_forms_come_back_filled_in_with_the_reason_and_store_nothing()
    {
        using var citizen = new Citizen(_app);
        await citizen.OpenAsync(_meeting.PublicCode);

        var empty = await citizen.SendAsync(_meeting.PublicCode, Typed(kinhte: "", bankhoan: ""));
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        var noName = await citizen.SendAsync(_meeting.PublicCode, Typed(name: " "));
        var noNameHtml = await noName.Content.ReadAsStringAsync();
        var phoneWithoutConsent = await citizen.SendAsync(_meeting.PublicCode, Typed(phone: "0912345678"));
        var forged = await citizen.SendAsync(_meeting.PublicCode, Typed(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("ít nhất một ý kiến", emptyHtml);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        Assert.Contains("Hãy ghi họ tên", noNameHtml);
        Assert.Contains("Đề nghị hỗ trợ giống lúa chất lượng cao cho vụ xuân.</textarea>", noNameHtml); // what was typed is kept
        Assert.Contains("chưa đánh dấu đồng ý", await phoneWithoutConsent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty((await _app.LoadAsync(_meeting.Id)).CollectedOpinions());
    }

    [Fact]
    public async Task Once_the_meeting_is_open_the_form_sends_people_to_the_halls_own_form()
    {
        using var citizen = new Citizen(_app);
        await citizen.OpenAsync(_meeting.PublicCode);
        await _app.MustAsync(_meeting.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => { m.Announce(); m.Start(now); });

        var refused = await citizen.SendAsync(_meeting.PublicCode, Typed());
        var page = await citizen.OpenAsync(_meeting.PublicCode);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("phiếu đăng ký phát biểu", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<form", citizen.Html);
        Assert.Contains($"/m/{_meeting.PublicCode}", citizen.Html);
        Assert.Empty((await _app.LoadAsync(_meeting.Id)).CollectedOpinions());
    }

    [Fact]
    public async Task One_device_sending_over_and_over_is_slowed_down_while_another_still_gets_through()
    {
        using var busy = new Citizen(_app);
        await busy.OpenAsync(_meeting.PublicCode);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= CollectedOpinionEndpoints.PerDevicePerMinute; i++)
            statuses.Add((await busy.SendAsync(_meeting.PublicCode, new Dictionary<string, string>(Typed(kinhte: $"Ý kiến thử số {i}")) { ["key"] = $"k{i}" })).StatusCode);
        using var other = new Citizen(_app);
        await other.OpenAsync(_meeting.PublicCode);
        var otherStatus = (await other.SendAsync(_meeting.PublicCode, Typed(name: "Người khác"))).StatusCode;

        Assert.All(statuses.Take(CollectedOpinionEndpoints.PerDevicePerMinute), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.Redirect, otherStatus);
    }
}
