using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Browser;
using DoiThoai.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// In a real browser, with the queue still full: the chair's Bế mạc names what is open and closes; the phone of someone
/// never called reads that their opinion will be answered in writing; the secretary gives the last opinion without a
/// lead department its department on the notice panel and issues the notice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClosingBrowserTests(BrowserHall hall)
{
    [Fact]
    public async Task The_chair_closes_with_people_waiting_and_the_secretary_issues_the_notice_for_all_of_them()
    {
        var meeting = await hall.NewMeetingAsync();
        var id = meeting.Id;
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        // At the programme's last step, where Bế mạc is offered.
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(m.Agenda.Count, now, confirmGoingBack: false));
        var open = (await hall.App.LoadAsync(id)).OpenItems();
        Assert.False(open.IsEmpty, "The demo meeting should have people waiting.");
        var waiting = open.Queued.Concat(open.Unscreened).First();
        var photos = Path.Combine(BrowserHall.ArtifactsDirectory, "closing");
        Directory.CreateDirectory(photos);

        await using var seats = new Seats(hall, nameof(The_chair_closes_with_people_waiting_and_the_secretary_issues_the_notice_for_all_of_them));
        await seats.RunAsync(async () =>
        {
            var chair = await seats.OpenAsync("chair", $"/chair/{id}", Seats.TabletWidth, Seats.TabletHeight, "chutri", interactive: true);
            await chair.Locator("[data-testid=end-meeting]").ClickAsync();
            var dialog = chair.Locator(".mud-dialog");
            await Expect(dialog).ToContainTextAsync("chuyển sang trả lời bằng văn bản");
            await Expect(dialog).ToContainTextAsync($"phiếu số {waiting.Number}");
            await chair.ScreenshotAsync(new() { Path = Path.Combine(photos, "chair-close-dialog.png") });
            // Finger-sized, and the action is a filled button, not text: "Bế mạc" filled, "Chưa" the way out.
            var close = dialog.GetByRole(AriaRole.Button, new() { Name = "Bế mạc", Exact = true });
            var notYet = dialog.GetByRole(AriaRole.Button, new() { Name = "Chưa", Exact = true });
            // Measured once the dialog has finished growing in (CI once measured it mid-animation: 94.8×47.4 px).
            await Seats.WaitForStillAsync(chair);
            foreach (var button in new[] { close, notYet })
            {
                var box = (await button.BoundingBoxAsync())!;
                Assert.True(box.Height >= 47.5 && box.Width >= 47.5, $"A Bế mạc dialog button is {box.Width}×{box.Height} px.");
            }
            var background = await close.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor");
            Assert.NotEqual("rgba(0, 0, 0, 0)", background);
            await close.ClickAsync();
            await Expect(chair.Locator("[data-testid=meeting-ended]")).ToBeVisibleAsync();

            // The phone of someone never called no longer says they are waiting.
            var phone = await seats.OpenAsync("phone", $"/s/{waiting.StatusToken}", Seats.PhoneWidth, Seats.PhoneHeight);
            await Expect(phone.Locator("body")).ToContainTextAsync("trả lời bằng văn bản");
            await Expect(phone.Locator("body")).Not.ToContainTextAsync("Rút đăng ký");

            // All but one get their department by command; the secretary gives the last one on the panel.
            var ended = await hall.App.LoadAsync(id);
            Department lead;
            await using (var db = await hall.App.OpenDbAsync())
                lead = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == FollowedMeeting.KinhTeName);
            var withoutLead = ConclusionNotice.WithoutLead(ended);
            Assert.NotEmpty(withoutLead);
            foreach (var opinion in withoutLead.Skip(1))
                await hall.App.MustAsync(id, Hall.Secretary, StaffRoles.AnswerStaff, (m, now) => m.AssignDepartments(opinion.Id, [lead.ToRef()], lead.Id, now));
            var last = withoutLead[0];

            var secretary = await seats.OpenAsync("secretary", $"/secretary/{id}", 1366, 768, "thuky", interactive: true);
            var item = secretary.Locator($"[data-testid=notice-without-lead-item][data-number='{last.Number}']");
            await Expect(item).ToContainTextAsync($"Ý kiến số {last.Number}");
            await item.Locator($"[data-testid=department-chip][data-department-id='{lead.Id}']").ClickAsync();
            await item.Locator("[data-testid=assign-department]").ClickAsync();
            await secretary.Locator("[data-testid=issue-notice-open]").ClickAsync();
            var toAnswer = ConclusionNotice.ToAnswerInWriting(await hall.App.LoadAsync(id));
            await Expect(secretary.Locator("[data-testid=issue-notice-summary]")).ToContainTextAsync($"{toAnswer.Count} ý kiến chưa giải quyết tại hội nghị");
            await secretary.Locator("input[data-testid=issue-notice-number]").FillAsync(FollowedMeeting.NoticeNumber);
            await secretary.Locator("[data-testid=issue-notice-confirm]").ClickAsync();
            await Expect(secretary.Locator("[data-testid=issue-notice-done]")).ToContainTextAsync($"{toAnswer.Count} ý kiến đang được theo dõi");
            await secretary.ScreenshotAsync(new() { Path = Path.Combine(photos, "secretary-issued.png"), FullPage = true });

            await using var check = await hall.App.OpenDbAsync();
            var items = await check.Set<FollowUpItem>().AsNoTracking().Where(i => i.MeetingId == id).ToListAsync();
            Assert.Equal(toAnswer.Select(o => o.Number).Order(), items.Select(i => i.OpinionNumber).Order());
            Assert.Contains(items, i => i.OpinionId == waiting.OpinionId);
        });
    }
}
