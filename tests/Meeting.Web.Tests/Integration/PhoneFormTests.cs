using System.Net;
using System.Text;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Integration;

public sealed class PhoneFormTests
{
    // Not in the short-code alphabet (no 0 or O), so it can never be the demo meeting's code.
    private const string UnknownCode = "0O0O0O";

    [Fact]
    public async Task Resubmitting_the_same_form_returns_the_same_status_link_and_stores_one_request()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        using var phone = new PhoneClient(app);
        await phone.OpenFormAsync(demo.PublicCode);
        Assert.False(string.IsNullOrEmpty(phone.Key));

        var first = PhoneClient.StatusTokenOf(await phone.PostAsync(demo.PublicCode, PhoneClient.Typed()));
        var again = PhoneClient.StatusTokenOf(await phone.PostAsync(demo.PublicCode, PhoneClient.Typed()));

        Assert.Equal(first, again);
        Assert.Equal(before + 1, await app.RequestCountAsync(demo.Id));
        Assert.Single((await app.LoadAsync(demo.Id)).Requests, r => r.IdempotencyKey == phone.Key);
    }

    [Fact]
    public async Task A_form_sent_again_after_a_restart_finds_the_request_it_made_before()
    {
        string key, first;
        int before;
        var dataDirectory = TestApp.NewDataDirectory();
        await using (var app = new TestApp(dataDirectory))
        {
            var demo = await app.DemoMeetingAsync();
            before = await app.RequestCountAsync(demo.Id);
            using var phone = new PhoneClient(app);
            await phone.OpenFormAsync(demo.PublicCode);
            key = phone.Key!;
            first = PhoneClient.StatusTokenOf(await phone.PostAsync(demo.PublicCode, PhoneClient.Typed()));
        }

        // The restarted server holds the meeting as loaded from the database: its index of used keys is built from
        // what was stored, not from what this process submitted. (A new page of the same phone, the old key resent.)
        await using var restarted = new TestApp(dataDirectory);
        var meeting = await restarted.DemoMeetingAsync();
        using var again = new PhoneClient(restarted);
        await again.OpenFormAsync(meeting.PublicCode);
        var second = PhoneClient.StatusTokenOf(await again.PostAsync(meeting.PublicCode, PhoneClient.Typed(), key: key));

        Assert.Equal(first, second);
        Assert.Equal(before + 1, await restarted.RequestCountAsync(meeting.Id));
    }

    [Fact]
    public async Task Form_without_a_name_comes_back_422_with_the_reason_and_nothing_is_stored()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        using var phone = new PhoneClient(app);
        await phone.OpenFormAsync(demo.PublicCode);

        var response = await phone.PostAsync(demo.PublicCode, PhoneClient.Typed(name: "   ", content: "Nội dung vẫn còn sau khi báo lỗi."));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng nhập họ tên", html);
        Assert.Contains("Nội dung vẫn còn sau khi báo lỗi.", html);
        Assert.Equal(before, await app.RequestCountAsync(demo.Id));
    }

    [Fact]
    public async Task Phone_number_without_consent_is_refused_and_nothing_is_stored()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        using var phone = new PhoneClient(app);
        await phone.OpenFormAsync(demo.PublicCode);
        var typed = PhoneClient.Typed();
        typed["phone"] = "0912 345 678";

        var response = await phone.PostAsync(demo.PublicCode, typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("chưa đánh dấu đồng ý cho phép lưu số", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RequestCountAsync(demo.Id));
        Assert.DoesNotContain((await app.LoadAsync(demo.Id)).Requests, r => r.Phone is not null);
    }

    [Fact]
    public async Task Body_over_16_KB_is_refused_413_with_a_Vietnamese_message()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        using var phone = new PhoneClient(app);
        await phone.OpenFormAsync(demo.PublicCode);

        var response = await phone.PostAsync(demo.PublicCode, PhoneClient.Typed(content: new string('a', 17 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Phiếu gửi lên quá lớn", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RequestCountAsync(demo.Id));
    }

    [Fact]
    public async Task Chunked_body_over_16_KB_without_content_length_is_also_refused_413()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        using var phone = new PhoneClient(app);
        await phone.OpenFormAsync(demo.PublicCode);
        var fields = new Dictionary<string, string>(PhoneClient.Typed())
        {
            [PhoneClient.AntiforgeryField] = phone.Antiforgery!,
            ["key"] = phone.Key!,
            ["padding1"] = new string('b', 15_000),
            ["padding2"] = new string('c', 15_000),
        };
        var body = new ChunkedContent(await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync());
        body.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await phone.Http.PostAsync($"/m/{demo.PublicCode}/gui", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await app.RequestCountAsync(demo.Id));
    }

    /// <summary>A body sent without Content-Length (Transfer-Encoding: chunked), as a script or proxy may send it.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_refused_400_with_a_Vietnamese_message_and_nothing_is_stored()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        using var phone = new PhoneClient(app);
        await phone.OpenFormAsync(demo.PublicCode);

        var response = await phone.PostAsync(demo.PublicCode, PhoneClient.Typed(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Trang đăng ký đã mở quá lâu hoặc đã được tải lại", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RequestCountAsync(demo.Id));
    }

    [Fact]
    public async Task Unknown_meeting_code_answers_404_with_a_Vietnamese_page()
    {
        await using var app = new TestApp();
        using var phone = new PhoneClient(app);

        var page = await phone.Http.GetAsync($"/m/{UnknownCode}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy hội nghị", html);
        Assert.Contains("lang=\"vi\"", html);

        var post = await phone.Http.PostAsync($"/m/{UnknownCode}/gui", new FormUrlEncodedContent(PhoneClient.Typed()));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("Không tìm thấy hội nghị", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Form_page_and_its_stylesheet_stay_under_30_KB_without_Blazor_or_MudBlazor()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        using var phone = new PhoneClient(app);

        var page = await phone.OpenFormAsync(demo.PublicCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var css = await phone.Http.GetAsync("/lib/phone.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        var cssBytes = (await css.Content.ReadAsByteArrayAsync()).Length;
        var htmlBytes = Encoding.UTF8.GetByteCount(phone.FormHtml);

        Assert.True(htmlBytes + cssBytes < 30 * 1024, $"Form page {htmlBytes} B + phone.css {cssBytes} B is not under 30 KB.");
        Assert.Contains("/lib/phone.css", phone.FormHtml);
        Assert.Contains("Đăng ký phát biểu", phone.FormHtml);
        Assert.DoesNotContain("blazor", phone.FormHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MudBlazor", phone.FormHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("_framework", phone.FormHtml);
    }

    [Fact]
    public async Task Fourth_submit_in_a_minute_from_one_device_gets_429_while_another_device_on_the_same_address_gets_through()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:PhoneLimits:PerDevicePerMinute"] = "3" });
        var demo = await app.DemoMeetingAsync();
        using var busy = new PhoneClient(app);
        await busy.OpenFormAsync(demo.PublicCode);

        for (var i = 1; i <= 3; i++)
            PhoneClient.StatusTokenOf(await busy.PostAsync(demo.PublicCode, PhoneClient.Typed($"Người gửi {i}"), key: $"lan-gui-{i}"));
        var fourth = await busy.PostAsync(demo.PublicCode, PhoneClient.Typed("Người gửi 4"), key: "lan-gui-4");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("Vui lòng chờ khoảng một phút rồi gửi lại", await fourth.Content.ReadAsStringAsync());

        // Same test server, same remote address and browser: only the device cookie differs.
        using var neighbour = new PhoneClient(app);
        var token = await neighbour.SubmitAsync(demo.PublicCode, PhoneClient.Typed("Người ngồi bên cạnh"));
        Assert.False(string.IsNullOrEmpty(token));
    }
}
