using DoiThoai.Web.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>In a real browser: the secretary issues the notice, Phòng Kinh tế answers with a file from its list, the supervisor and the citizen's phone see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpBrowserTests(BrowserHall hall)
{
    private const string Answer = "UBND xã đã bố trí kinh phí nạo vét kênh tưới tiêu phía đông xóm 7, thi công trước vụ mùa.";

    [Fact]
    public async Task The_department_answers_with_a_file_and_the_supervisor_and_the_phone_see_it()
    {
        var meeting = await FollowedMeeting.PlayAsync(hall.App, (await hall.NewMeetingAsync()).Id);
        var photos = Path.Combine(BrowserHall.ArtifactsDirectory, "follow-up");
        Directory.CreateDirectory(photos);

        await using var seats = new Seats(hall, nameof(The_department_answers_with_a_file_and_the_supervisor_and_the_phone_see_it));
        await seats.RunAsync(async () =>
        {
            // The secretary issues the conclusion notice from the meeting's page.
            var secretary = await seats.OpenAsync("secretary", $"/secretary/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "thuky", interactive: true);
            await secretary.Locator("[data-testid=issue-notice-open]").ClickAsync();
            await secretary.Locator("input[data-testid=issue-notice-number]").FillAsync(FollowedMeeting.NoticeNumber);
            await secretary.Locator("[data-testid=issue-notice-confirm]").ClickAsync();
            await Expect(secretary.Locator("[data-testid=issue-notice-done]")).ToContainTextAsync("1 ý kiến đang được theo dõi");
            await secretary.ScreenshotAsync(new() { Path = Path.Combine(photos, "secretary-issued.png") });
            var item = await meeting.ItemAsync(hall.App);

            var department = await seats.OpenAsync("department", "/theo-doi", Seats.TabletWidth, Seats.TabletHeight, "phongban", interactive: true);
            var row = department.Locator($"[data-testid=follow-up-row][data-item-id='{item.Id}']");
            await Expect(row).ToContainTextAsync($"Ý kiến số {meeting.Played.InWriting.Number}");
            await row.Locator("[data-testid=follow-up-open]").ClickAsync();
            await Expect(department.Locator("[data-testid=follow-up-answer-form]")).ToBeVisibleAsync();
            await BrowserHall.WaitInteractiveAsync(department);

            await department.Locator("textarea[data-testid=follow-up-text]").FillAsync(Answer);
            await department.Locator("input[data-testid=follow-up-reference]").FillAsync("125/UBND-KT");
            await BrowserHall.ChooseFileAsync(department.Locator("input[type=file]"), new FilePayload
            {
                Name = "Công văn 125.pdf", MimeType = "application/pdf", Buffer = FollowedMeeting.Pdf(),
            });
            await Expect(department.Locator("[data-testid=follow-up-file-name]")).ToContainTextAsync("Công văn 125.pdf");
            await department.Locator("[data-testid=follow-up-save]").ClickAsync();
            await Expect(department.Locator("[data-testid=follow-up-item-state]")).ToHaveAttributeAsync("data-state", "Answered");
            await Expect(department.Locator("[data-testid=follow-up-attachment]")).ToContainTextAsync("Công văn 125.pdf");
            await department.ScreenshotAsync(new() { Path = Path.Combine(photos, "department-answered.png"), FullPage = true });

            var supervisor = await seats.OpenAsync("supervisor", "/theo-doi", Seats.TabletWidth, Seats.TabletHeight, "giamsat", interactive: true);
            await Expect(supervisor.Locator("[data-testid=follow-up-readonly]")).ToBeVisibleAsync();
            await Expect(supervisor.Locator($"[data-testid=follow-up-row][data-item-id='{item.Id}']")).ToHaveAttributeAsync("data-state", "Answered");
            await supervisor.ScreenshotAsync(new() { Path = Path.Combine(photos, "supervisor-list.png"), FullPage = true });

            var phone = await seats.OpenAsync("phone", $"/s/{meeting.StatusToken}", Seats.PhoneWidth, Seats.PhoneHeight);
            await Expect(phone.Locator("#follow-up-answer")).ToContainTextAsync(Answer);
            await Expect(phone.Locator("#follow-up")).ToContainTextAsync("125/UBND-KT");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(photos, "phone-status.png"), FullPage = true });
        });
    }
}
