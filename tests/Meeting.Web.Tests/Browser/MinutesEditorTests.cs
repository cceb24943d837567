using DoiThoai.Web.Data;
using System.Text.RegularExpressions;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The secretary's minutes editor (/minutes/{id}): a static page whose script autosaves, keeps what is typed through a
/// reload and a dropped connection, shows both versions when two people edit one section, and follows the meeting.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MinutesEditorTests(BrowserHall hall)
{
    private static async Task<IPage> OpenEditorAsync(Seats seats, string name, Guid meetingId, string userName = "thuky")
    {
        var page = await seats.OpenAsync(name, $"/minutes/{meetingId}", Seats.TabletWidth, Seats.TabletHeight, userName);
        await WaitReadyAsync(page);
        return page;
    }

    // The script marks the root once its boxes are wired: typing before that would not be saved.
    private static Task WaitReadyAsync(IPage page) =>
        page.Locator("#minutes-root[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static ILocator Part(IPage page, string key) => page.Locator($"[data-testid=minutes-part][data-part='{key}']");
    private static ILocator Box(IPage page, string key) => page.Locator($"textarea[data-minutes-key='{key}']");
    private static ILocator Status(IPage page, string key) => Part(page, key).Locator("[data-testid=minutes-status]");

    private async Task<MinutesPart> StoredAsync(Guid meetingId, string key)
    {
        var snapshot = await hall.App.AppServices.GetRequiredService<MinutesStore>().LoadAsync(meetingId);
        return snapshot!.Parts.Single(p => p.Section.Key == key);
    }

    [Fact]
    public async Task Typed_text_is_autosaved_and_is_there_after_a_reload_even_when_reloaded_before_the_save()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Typed_text_is_autosaved_and_is_there_after_a_reload_even_when_reloaded_before_the_save));
        await seats.RunAsync(async () =>
        {
            var page = await OpenEditorAsync(seats, "secretary", meeting.Id);
            await Expect(page.Locator("h1")).ToContainTextAsync("BIÊN BẢN");
            await Expect(page.Locator("h1")).ToContainTextAsync(meeting.Audience);
            await Expect(Box(page, MinutesKeys.Attendance)).ToHaveValueAsync(new Regex("Chủ trì hội nghị"));

            const string first = "Chủ trì kết luận: giao Phòng Kinh tế rà soát tuyến đường trục xóm 4.";
            await Box(page, MinutesKeys.Conclusion).FillAsync(first);
            await Expect(Status(page, MinutesKeys.Conclusion)).ToContainTextAsync("Đã lưu");
            Assert.Equal(first, (await StoredAsync(meeting.Id, MinutesKeys.Conclusion)).Text);

            await page.ReloadAsync();
            await WaitReadyAsync(page);
            await Expect(Box(page, MinutesKeys.Conclusion)).ToHaveValueAsync(first);
            await Expect(Box(page, MinutesKeys.Conclusion)).ToHaveAttributeAsync("data-edited", "true");

            // Reloaded within the quiet second, before any save: the draft on the device comes back and is sent.
            var second = first + "\nThời hạn: trước ngày 30/6.";
            await Box(page, MinutesKeys.Conclusion).FillAsync(second);
            await page.ReloadAsync();
            await WaitReadyAsync(page);
            await Expect(Box(page, MinutesKeys.Conclusion)).ToHaveValueAsync(second);
            await Expect(Status(page, MinutesKeys.Conclusion)).ToContainTextAsync("Đã lưu");
            var stored = await StoredAsync(meeting.Id, MinutesKeys.Conclusion);
            Assert.Equal(second, stored.Text);
            Assert.Null(await page.EvaluateAsync<string?>($"localStorage.getItem('doithoai:minutes:{meeting.Id}:conclusion')"));
        });
    }

    [Fact]
    public async Task Text_typed_offline_is_kept_and_sent_when_the_connection_returns()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Text_typed_offline_is_kept_and_sent_when_the_connection_returns));
        await seats.RunAsync(async () =>
        {
            var page = await OpenEditorAsync(seats, "secretary", meeting.Id);
            const string text = "Gõ khi mất Wi-Fi: đại biểu xóm 7 đề nghị nạo vét kênh.";

            await page.Context.SetOfflineAsync(true);
            await Box(page, MinutesKeys.Conclusion).FillAsync(text);
            await Expect(Status(page, MinutesKeys.Conclusion)).ToContainTextAsync("Chưa gửi được");
            Assert.False((await StoredAsync(meeting.Id, MinutesKeys.Conclusion)).Edited);

            await page.Context.SetOfflineAsync(false);
            await Expect(Status(page, MinutesKeys.Conclusion)).ToContainTextAsync("Đã lưu");
            var stored = await StoredAsync(meeting.Id, MinutesKeys.Conclusion);
            Assert.Equal((text, true), (stored.Text, stored.Edited));
        });
    }

    [Fact]
    public async Task Two_people_on_one_section_are_shown_both_versions_and_choose_nothing_is_overwritten_silently()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Two_people_on_one_section_are_shown_both_versions_and_choose_nothing_is_overwritten_silently));
        await seats.RunAsync(async () =>
        {
            var secretary = await OpenEditorAsync(seats, "secretary", meeting.Id);
            var chair = await OpenEditorAsync(seats, "chair", meeting.Id, "chutri");
            const string theirs = "Bản của thư ký: giao Phòng Tài nguyên kiểm tra.";
            const string mine = "Bản của chủ trì: giao Phòng Kinh tế chủ trì, Công an xã phối hợp.";

            // The chair types while offline (so the order is certain); the secretary saves first.
            await chair.Context.SetOfflineAsync(true);
            await Box(chair, MinutesKeys.Conclusion).FillAsync(mine);
            await Expect(Status(chair, MinutesKeys.Conclusion)).ToContainTextAsync("Chưa gửi được");
            await Box(secretary, MinutesKeys.Conclusion).FillAsync(theirs);
            await Expect(Status(secretary, MinutesKeys.Conclusion)).ToContainTextAsync("Đã lưu");

            // Back online, the chair's save meets a newer version: both are shown, nothing is overwritten.
            await chair.Context.SetOfflineAsync(false);
            var conflict = Part(chair, MinutesKeys.Conclusion).Locator("[data-testid=minutes-conflict]");
            await Expect(conflict).ToBeVisibleAsync();
            await Expect(conflict).ToContainTextAsync("Bản của thuky (lưu lúc");
            await Expect(conflict.Locator("[data-testid=minutes-theirs]")).ToHaveTextAsync(theirs);
            await Expect(conflict.Locator("[data-testid=minutes-mine]")).ToHaveTextAsync(mine);
            Assert.Equal(theirs, (await StoredAsync(meeting.Id, MinutesKeys.Conclusion)).Text);

            await conflict.GetByRole(AriaRole.Button, new() { Name = "Giữ bản của tôi" }).ClickAsync();
            await Expect(conflict).ToBeHiddenAsync();
            await Expect(Status(chair, MinutesKeys.Conclusion)).ToContainTextAsync("Đã lưu");
            Assert.Equal(mine, (await StoredAsync(meeting.Id, MinutesKeys.Conclusion)).Text);

            // The secretary's box held nothing unsaved: it shows the chair's version at once, without a reload.
            await Expect(Box(secretary, MinutesKeys.Conclusion)).ToHaveValueAsync(mine);

            // The secretary adds a line offline while the chair changes it again: told, and takes the chair's version.
            await secretary.Context.SetOfflineAsync(true);
            await Box(secretary, MinutesKeys.Conclusion).PressAsync("Control+End");
            await Box(secretary, MinutesKeys.Conclusion).PressSequentiallyAsync(" Thêm.");
            await Expect(Status(secretary, MinutesKeys.Conclusion)).ToContainTextAsync("Chưa gửi được");
            const string final = mine + " Chốt.";
            await Box(chair, MinutesKeys.Conclusion).FillAsync(final);
            await Expect(Status(chair, MinutesKeys.Conclusion)).ToContainTextAsync("Đã lưu");
            await secretary.Context.SetOfflineAsync(false);
            var second = Part(secretary, MinutesKeys.Conclusion).Locator("[data-testid=minutes-conflict]");
            await Expect(second).ToContainTextAsync("Bản của chutri");
            await Expect(second.Locator("[data-testid=minutes-mine]")).ToHaveTextAsync(mine + " Thêm.");
            await second.GetByRole(AriaRole.Button, new() { Name = "Dùng bản của họ" }).ClickAsync();
            await Expect(second).ToBeHiddenAsync();
            await Expect(Box(secretary, MinutesKeys.Conclusion)).ToHaveValueAsync(final);
            Assert.Equal(final, (await StoredAsync(meeting.Id, MinutesKeys.Conclusion)).Text);
        });
    }

    [Fact]
    public async Task Called_speaker_gets_a_box_with_the_cursor_and_new_events_come_as_additions_to_an_edited_section()
    {
        var meeting = await hall.NewMeetingAsync();
        var id = meeting.Id;
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(5, now, confirmGoingBack: false));
        var head = meeting.QueuedRequests()[0];

        await using var seats = new Seats(hall, nameof(Called_speaker_gets_a_box_with_the_cursor_and_new_events_come_as_additions_to_an_edited_section));
        await seats.RunAsync(async () =>
        {
            var page = await OpenEditorAsync(seats, "secretary", id);
            await Expect(page.Locator("#minutes-live")).ToContainTextAsync("Đang cập nhật trực tiếp");

            // The chair calls the next speaker: the opinion's box appears and the cursor is in it.
            var called = await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
            Assert.Equal(head.Id, called.Value!.Id);
            var number = (await hall.App.LoadAsync(id)).Opinions.Single(o => o.Id == head.OpinionId).Number;
            var opinion = Box(page, MinutesKeys.Opinion(number));
            await Expect(opinion).ToBeFocusedAsync();
            await Expect(opinion).ToHaveValueAsync(new Regex(head.Name));
            await Expect(Part(page, MinutesKeys.Opinion(number))).ToHaveClassAsync(new Regex(@"\bfloor\b"));

            // Quick capture: summary typed straight in; Alt+↓ goes to the answer box, Alt+N back to the speaker's.
            await page.Keyboard.TypeAsync(" Ý chính: xin lắp đèn.");
            await Expect(Status(page, MinutesKeys.Opinion(number))).ToContainTextAsync("Đã lưu");
            await page.Keyboard.PressAsync("Alt+ArrowDown");
            var answer = Box(page, MinutesKeys.Answer(number));
            await Expect(answer).ToBeFocusedAsync();
            await answer.FillAsync("Phòng Kinh tế sẽ trả lời sau khi khảo sát.");
            await Expect(Status(page, MinutesKeys.Answer(number))).ToContainTextAsync("Đã lưu");
            await page.Keyboard.PressAsync("Alt+n");
            await Expect(opinion).ToBeFocusedAsync();

            // A note for the chair, beside the box.
            await Part(page, MinutesKeys.Opinion(number)).Locator("[data-testid=minutes-note]").FillAsync("Người này đã hỏi ở hội nghị trước.");
            await Part(page, MinutesKeys.Opinion(number)).Locator("[data-testid=minutes-note]").PressAsync("Enter");
            await Expect(Part(page, MinutesKeys.Opinion(number)).Locator("[data-testid=minutes-note-status]")).ToContainTextAsync("Đã gửi chủ trì");
            Assert.Contains((await hall.App.LoadAsync(id)).Opinions.Single(o => o.Number == number).Notes,
                n => n.Text == "Người này đã hỏi ở hội nghị trước.");

            // A second note whose reply is lost on the way back (the server has it, the page sees a network error):
            // the page retries, with the same note id, and the chair gets it once.
            var lostOnce = 0;
            await page.RouteAsync("**/note", async route =>
            {
                if (Interlocked.Increment(ref lostOnce) == 1)
                {
                    await route.FetchAsync();
                    await route.AbortAsync("connectionreset");
                }
                else await route.ContinueAsync();
            });
            await Part(page, MinutesKeys.Opinion(number)).Locator("[data-testid=minutes-note]").FillAsync("Đề nghị mời Phòng Kinh tế trả lời.");
            await Part(page, MinutesKeys.Opinion(number)).Locator("[data-testid=minutes-note]").PressAsync("Enter");
            await Expect(Part(page, MinutesKeys.Opinion(number)).Locator("[data-testid=minutes-note-status]")).ToContainTextAsync("Đã gửi chủ trì");
            await page.UnrouteAsync("**/note");
            Assert.True(lostOnce >= 2, "The note was not sent again after its lost reply.");
            Assert.Single((await hall.App.LoadAsync(id)).Opinions.Single(o => o.Number == number).Notes,
                n => n.Text == "Đề nghị mời Phòng Kinh tế trả lời.");

            // The turn ends and a department is assigned: the edited answer box is not overwritten, it offers the new line.
            await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));
            string department;
            await using (var db = await hall.App.OpenDbAsync())
            {
                // One the demo has not already given this opinion to.
                var taken = (await hall.App.LoadAsync(id)).Opinions.Single(o => o.Number == number).Assignments.Select(a => a.DepartmentName).ToList();
                var free = (await db.Departments.AsNoTracking().Where(d => d.UnitId == DemoUnits.GiaoMinhId).OrderBy(d => d.SortOrder).ToListAsync()).First(d => !taken.Contains(d.Name));
                department = free.Name;
                await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat,
                    (m, now) => m.AssignDepartments(head.OpinionId!.Value, [free.ToRef()], free.Id, now));
            }
            var additions = Part(page, MinutesKeys.Answer(number)).Locator("[data-testid=minutes-additions]");
            await Expect(additions).ToBeVisibleAsync();
            await Expect(additions).ToContainTextAsync($"giao {department} chủ trì");
            await Expect(answer).ToHaveValueAsync("Phòng Kinh tế sẽ trả lời sau khi khảo sát.");

            await additions.GetByRole(AriaRole.Button, new() { Name = "Thêm vào" }).ClickAsync();
            await Expect(additions).ToBeHiddenAsync();
            await Expect(Status(page, MinutesKeys.Answer(number))).ToContainTextAsync("Đã lưu");
            var stored = await StoredAsync(id, MinutesKeys.Answer(number));
            Assert.StartsWith("Phòng Kinh tế sẽ trả lời sau khi khảo sát.\n", stored.Text);
            Assert.Contains($"giao {department} chủ trì", stored.Text);
            Assert.Null(stored.Additions);
        });
    }

    [Fact]
    public async Task Unknown_meeting_other_roles_and_strangers_are_turned_away()
    {
        var meeting = await hall.DemoMeetingAsync();
        await using var seats = new Seats(hall, nameof(Unknown_meeting_other_roles_and_strangers_are_turned_away));
        await seats.RunAsync(async () =>
        {
            var unknown = await seats.OpenAsync("secretary", $"/minutes/{Guid.NewGuid()}", Seats.TabletWidth, Seats.TabletHeight, "thuky");
            await Expect(unknown.Locator("[data-testid=minutes-not-found]")).ToContainTextAsync("Không tìm thấy hội nghị này.");

            var reception = await seats.OpenAsync("reception", $"/minutes/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "tiepnhan");
            await Expect(reception.Locator("h1")).ToHaveTextAsync("Không có quyền truy cập");

            var stranger = await seats.OpenAsync("stranger", $"/minutes/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight);
            await stranger.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");
            await Expect(stranger.Locator("textarea")).ToHaveCountAsync(0);
        });
    }
}
