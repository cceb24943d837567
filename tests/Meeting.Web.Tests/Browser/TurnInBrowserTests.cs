using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The issue's "done when": four seats open at once on four devices — the chair's tablet, the hall projector, the
/// reception desk and a delegate's phone — and one whole turn played through the real pages, every seat following
/// live without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TurnInBrowserTests(BrowserHall hall)
{
    private static readonly PhoneSeat.Typed Hong = new("Nguyễn Thị Hồng", "Xóm 4", "Kinh tế",
        "Đề nghị xã sớm lắp đèn chiếu sáng đường trục xóm 4, đoạn từ nhà văn hóa ra đê.");

    [Fact]
    public async Task Phone_request_is_screened_called_timed_answered_and_closed_while_every_seat_follows_live()
    {
        var demo = await hall.DemoMeetingAsync();
        await using var seats = new Seats(hall, nameof(Phone_request_is_screened_called_timed_answered_and_closed_while_every_seat_follows_live));
        await seats.RunAsync(async () =>
        {
            var chair = await seats.OpenAsync("chair", $"/chair/{demo.Id}", Seats.TabletWidth, Seats.TabletHeight, "chutri", interactive: true);
            var projector = await seats.OpenAsync("projector", hall.ProjectorPath(demo.Id), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);
            var reception = await seats.OpenAsync("reception", $"/reception/{demo.Id}", Seats.LaptopWidth, Seats.LaptopHeight, "tiepnhan", interactive: true);
            var secretary = await seats.OpenAsync("secretary", $"/secretary/{demo.Id}", Seats.LaptopWidth, Seats.LaptopHeight, "thuky", interactive: true);
            // An old phone: the delegate's whole journey at 360×640.
            var phone = await seats.OpenAsync("phone", $"/m/{demo.PublicCode}", Seats.OldPhoneWidth, Seats.OldPhoneHeight);

            // The delegate fills the form in Vietnamese and lands on their own status page.
            await PhoneSeat.FillAsync(phone, Hong);
            var number = await PhoneSeat.SubmitAsync(phone);
            await PhoneSeat.ExpectHeadlineAsync(phone, "Đã nhận, đang chờ duyệt");
            await Expect(phone.Locator("#live-indicator")).ToContainTextAsync("Đang cập nhật trực tiếp");

            // The desk sees it arrive without a reload and approves it; the phone learns its place in line.
            var slip = reception.Locator($"[data-testid=reception-item][data-request-number='{number}']");
            await Expect(slip.Locator("[data-testid=request-name]")).ToHaveTextAsync(Hong.Name);
            await Expect(slip.Locator("[data-testid=request-place]")).ToContainTextAsync(Hong.Place);
            await slip.Locator("[data-testid=approve]").ClickAsync();
            await Expect(slip).ToHaveCountAsync(0);
            await PhoneSeat.ExpectHeadlineAsync(phone, "Ông/bà đứng thứ");

            // The chair opens the meeting, goes to step 5, moves the new request to the top and calls it.
            await chair.Locator("[data-testid=start-meeting]").ClickAsync();
            await Expect(chair.Locator("[data-testid=meeting-status]")).ToHaveTextAsync("Đang diễn ra");
            var step5 = chair.Locator("[data-testid=agenda-step][data-step='5']");
            if (await step5.GetAttributeAsync("aria-current") != "step") await step5.Locator("button.step-button").ClickAsync();
            await Expect(step5).ToHaveAttributeAsync("aria-current", "step");
            var item = chair.Locator($"[data-testid=queue-item][data-request-number='{number}']");
            await Expect(item.Locator("[data-testid=queue-name]")).ToHaveTextAsync(Hong.Name);
            await item.Locator("[data-testid=move-top]").ClickAsync();
            await Expect(chair.Locator("[data-testid=queue-item]").First).ToHaveAttributeAsync("data-request-number", number.ToString());
            await Expect(projector.Locator("[data-testid=projector-next-item]").First).ToContainTextAsync(Hong.Name);
            await chair.Locator("[data-testid=call-next]").ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-holder]")).ToHaveTextAsync(Hong.Name);

            // The phone is told to come up; the projector shows who, from where, and the countdown.
            await PhoneSeat.ExpectHeadlineAsync(phone, "Mời ông/bà lên phát biểu!");
            await Expect(projector.Locator("[data-testid=projector-speaker]")).ToHaveTextAsync(Hong.Name);
            await Expect(projector.Locator("[data-testid=projector-place]")).ToHaveTextAsync(Hong.Place);
            var countdown = projector.Locator("[data-testid=projector-countdown] .count");
            await Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+:\d{2}$"));

            // The chair starts the clock: the projector's countdown runs down (read twice, a few seconds apart).
            await chair.Locator("[data-testid=start-timer]").ClickAsync();
            await Expect(chair.Locator("[data-testid=pause-timer]")).ToBeVisibleAsync();
            await Expect(projector.Locator("[data-testid=projector-countdown] .timer-state")).ToHaveCountAsync(0);
            var first = Seconds(await countdown.InnerTextAsync());
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var second = Seconds(await countdown.InnerTextAsync());
            Assert.True(second < first, $"The projector countdown should run down: {first} s, then {second} s after {clock.ElapsedMilliseconds} ms.");
            await PhoneSeat.ExpectHeadlineAsync(phone, "Ông/bà đang phát biểu");

            // The secretary's page follows the same turn.
            await Expect(secretary.Locator("[data-testid=floor-holder]")).ToContainTextAsync(Hong.Name);

            await ReadmeScreenshots.SaveAsync(("chair", chair), ("projector", projector), ("reception", reception),
                ("secretary", secretary), ("phone", phone));

            // The turn ends; Phòng Kinh tế is assigned and called: the projector shows who answers.
            await chair.Locator("[data-testid=finish-turn]").ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-free]")).ToBeVisibleAsync();
            await Expect(chair.Locator("[data-testid=answer-opinion] strong")).ToHaveTextAsync(Hong.Name);
            await chair.Locator("[data-testid=pick-departments]").ClickAsync();
            await chair.Locator("[data-testid=department-chip]", new() { HasTextString = "Phòng Kinh tế" }).ClickAsync();
            await Expect(chair.Locator("[data-testid=assign-department]")).ToContainTextAsync("Giao 1 phòng, ban");
            await chair.Locator("[data-testid=assign-department]").ClickAsync();
            var call = chair.Locator("[data-testid=call-department]", new() { HasTextString = "Phòng Kinh tế" });
            await call.ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-holder]")).ToHaveTextAsync("Phòng Kinh tế");
            await Expect(projector.Locator("[data-testid=projector-answerer]")).ToHaveTextAsync("Phòng Kinh tế");
            await Expect(projector.Locator("[data-testid=projector-asker]")).ToContainTextAsync(Hong.Name);

            // The chair's side writes the gist of the answer for the minutes, on the tablet, during the turn.
            await chair.Locator("[data-testid=answer-panel] [data-testid=answer-summary-edit]").ClickAsync();
            await chair.Locator("[data-testid=answer-panel] textarea[data-testid=answer-summary-text]").FillAsync("Phòng Kinh tế sẽ khảo sát trong tháng.");
            await chair.Locator("[data-testid=answer-panel] [data-testid=answer-summary-save]").ClickAsync();
            await Expect(chair.Locator("[data-testid=answer-panel] [data-testid=answer-summary-current]")).ToHaveTextAsync("Phòng Kinh tế sẽ khảo sát trong tháng.");

            // The department finishes, the chair records the outcome: the phone shows it, live.
            await chair.Locator("[data-testid=finish-turn]").ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-free]")).ToBeVisibleAsync();
            await chair.Locator("[data-testid=outcome-answered]").ClickAsync();
            await PhoneSeat.ExpectHeadlineAsync(phone, "Ông/bà đã phát biểu");
            await Expect(phone.Locator("#status-detail")).ToContainTextAsync("Đã trả lời tại hội nghị");
        });
    }

    /// <summary>"2:57" → 177; "+0:15" (overtime) → -15.</summary>
    internal static int Seconds(string text)
    {
        var t = text.Trim();
        var sign = t.StartsWith('+') ? -1 : 1;
        var parts = t.TrimStart('+').Split(':');
        return sign * (int.Parse(parts[0]) * 60 + int.Parse(parts[1]));
    }
}
