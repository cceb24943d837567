using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>An old phone, or one with JavaScript off: the form and the status page still work, by plain HTML.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWithoutScriptTests(BrowserHall hall)
{
    private static readonly PhoneSeat.Typed Tam = new("Trần Văn Tâm", "Xóm 12", "Đất đai, môi trường",
        "Đề nghị xã kiểm tra việc đổ đất lấn kênh thủy lợi ở cánh đồng xóm 12.");

    [Fact]
    public async Task Phone_without_javascript_submits_the_form_and_reads_its_status_by_reloading()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Phone_without_javascript_submits_the_form_and_reads_its_status_by_reloading));
        await seats.RunAsync(async () =>
        {
            var phone = await seats.OpenAsync("phone", $"/m/{meeting.PublicCode}", Seats.PhoneWidth, Seats.PhoneHeight, javaScript: false);
            await PhoneSeat.FillAsync(phone, Tam);
            var number = await PhoneSeat.SubmitAsync(phone);
            await PhoneSeat.ExpectHeadlineAsync(phone, "Đã nhận, đang chờ duyệt");
            await Expect(phone.Locator("main")).ToContainTextAsync(Tam.Content);
            await Expect(phone.Locator("#live-indicator")).ToHaveTextAsync("");

            // Without a script nothing updates by itself; the reload button shows the new state.
            var request = (await hall.App.LoadAsync(meeting.Id)).Requests.Single(r => r.Number == number);
            await hall.App.MustAsync(meeting.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(request.Id, now));
            await phone.GetByRole(AriaRole.Button, new() { Name = "Tải lại trạng thái" }).ClickAsync();
            await PhoneSeat.ExpectHeadlineAsync(phone, "Ông/bà đứng thứ");
        });
    }

    [Fact]
    public async Task Phone_without_javascript_gets_the_vietnamese_error_and_keeps_what_was_typed()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Phone_without_javascript_gets_the_vietnamese_error_and_keeps_what_was_typed));
        await seats.RunAsync(async () =>
        {
            var phone = await seats.OpenAsync("phone", $"/m/{meeting.PublicCode}", Seats.PhoneWidth, Seats.PhoneHeight, javaScript: false);
            var formUrl = phone.Url;

            // Empty content: the browser itself holds the form back (the field is required); nothing is sent.
            await PhoneSeat.FillAsync(phone, Tam with { Content = "" });
            await phone.Locator("form button[type=submit]").ClickAsync();
            await Expect(phone.Locator("#content:invalid")).ToHaveCountAsync(1);
            Assert.Equal(formUrl, phone.Url);

            // Only spaces pass the browser's check; the server refuses in Vietnamese and gives back what was typed.
            await phone.Locator("#content").PressSequentiallyAsync("     ");
            await phone.Locator("form button[type=submit]").ClickAsync();
            await Expect(phone.Locator("p.error")).ToHaveTextAsync("Vui lòng nhập nội dung ý kiến.");
            await Expect(phone.Locator("#name")).ToHaveValueAsync(Tam.Name);
            await Expect(phone.Locator("#place")).ToHaveValueAsync(Tam.Place);
            await Expect(phone.Locator("#field option:checked")).ToHaveTextAsync(Tam.FieldLabel);
            await Expect(phone.Locator("input[name=mode][value=speak]")).ToBeCheckedAsync();
            if (ReadmeScreenshots.Enabled)
                await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserHall.ArtifactsDirectory, "phone-error.png"), FullPage = true });

            // The delegate writes the content and sends again from the same page: it goes through, once.
            await phone.Locator("#content").FillAsync("");
            await phone.Locator("#content").PressSequentiallyAsync(Tam.Content);
            await PhoneSeat.SubmitAsync(phone);
            await PhoneSeat.ExpectHeadlineAsync(phone, "Đã nhận, đang chờ duyệt");
            var mine = (await hall.App.LoadAsync(meeting.Id)).Requests.Where(r => r.Name == Tam.Name).ToList();
            Assert.Single(mine);
        });
    }
}
