using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Preparation;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>Issue 5's preparation path in a real browser: import the collected opinions, classify, assign, download Mẫu 5.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectedOpinionsTests(BrowserHall hall)
{
    [Fact]
    public async Task Organizer_imports_opinions_classifies_and_assigns_them_and_downloads_the_Mau_5_report()
    {
        var meetingId = await CollectedApp.PreparingMeetingAsync(hall.App);
        var today = CollectedApp.Today(hall.App);

        await using var seats = new Seats(hall, nameof(Organizer_imports_opinions_classifies_and_assigns_them_and_downloads_the_Mau_5_report));
        await seats.RunAsync(async () =>
        {
            var office = await seats.OpenAsync("office", CollectedOpinionAccess.PagePath(meetingId), Seats.TabletWidth, Seats.TabletHeight,
                "vanphong", interactive: true);
            await Expect(office.Locator("[data-testid=collected-empty]")).ToBeVisibleAsync();

            // Import: every row previewed with its problems; nothing written before "Nhập".
            await office.Locator("[data-testid=collected-import-toggle]").ClickAsync();
            await BrowserHall.ChooseFileAsync(office.Locator("[data-testid=opinion-import-panel] input[type=file]"), new FilePayload
            {
                Name = "tong-hop-y-kien-MTTQ.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = CollectedApp.FrontSummary(today),
            });
            await Expect(office.Locator("[data-testid=opinion-import-summary]")).ToContainTextAsync("3 ý kiến mới");
            await Expect(office.Locator("[data-testid=opinion-import-row]")).ToHaveCountAsync(7);
            await Expect(office.Locator("[data-testid=opinion-import-problem]").First).ToContainTextAsync("dòng 10: thiếu họ tên");
            Assert.Empty((await hall.App.LoadAsync(meetingId)).CollectedOpinions());
            await office.Locator("[data-testid=opinion-import-confirm]").ClickAsync();
            await Expect(office.Locator("[data-testid=opinion-import-result]")).ToContainTextAsync("thêm 3 ý kiến");
            await Expect(office.Locator("[data-testid=collected-row]")).ToHaveCountAsync(3);
            await Expect(office.Locator("[data-testid=collected-total]")).ToHaveTextAsync("3");

            // Diacritic-free search finds the land opinion; classify it as one for the level above.
            await office.Locator("[data-testid=collected-search] input, input[data-testid=collected-search]").First.FillAsync("bai rac");
            await Expect(office.Locator("[data-testid=collected-row]")).ToHaveCountAsync(1);
            var cuong = office.Locator("[data-testid=collected-row]", new() { HasTextString = "Lê Văn Cường" });
            await cuong.Locator("[data-testid=collected-open]").ClickAsync();
            var editor = office.Locator("[data-testid=opinion-editor]");
            await editor.GetByText("Đề xuất với cấp trên", new() { Exact = true }).ClickAsync();
            await editor.Locator("[data-testid=editor-classify]").ClickAsync();
            await Expect(cuong.Locator("[data-testid=collected-row-class]")).ToContainTextAsync("Đề xuất với cấp trên");

            // …and give it to the People's Committee office, with the plan's day already filled in.
            await editor.Locator("[data-testid=chooser-department]", new() { HasTextString = "Văn phòng HĐND-UBND" }).ClickAsync();
            await editor.Locator("[data-testid=chooser-save]").ClickAsync();
            await Expect(cuong.Locator("[data-testid=collected-row-lead]")).ToContainTextAsync("Văn phòng HĐND-UBND");
            var folder = Path.Combine(BrowserHall.ArtifactsDirectory, nameof(CollectedOpinionsTests));
            Directory.CreateDirectory(folder);
            await office.ScreenshotAsync(new() { Path = Path.Combine(folder, "editor.png"), FullPage = true });
            await editor.Locator("[data-testid=editor-close]").ClickAsync();

            // The two economy opinions together to Phòng Kinh tế, as Mẫu 5 assigns a field to a department.
            await office.Locator("[data-testid=collected-search] input, input[data-testid=collected-search]").First.FillAsync("");
            await Expect(office.Locator("[data-testid=collected-row]")).ToHaveCountAsync(3);
            foreach (var name in new[] { "Nguyễn Văn Bình", "Trần Thị Hoa" })
                await office.Locator("[data-testid=collected-row]", new() { HasTextString = name }).Locator("[data-testid=collected-select] input, input[data-testid=collected-select]").First.CheckAsync();
            var bulk = office.Locator("[data-testid=collected-bulk]");
            await bulk.Locator("[data-testid=chooser-department]", new() { HasTextString = "Phòng Kinh tế" }).ClickAsync();
            await bulk.Locator("[data-testid=chooser-save]").ClickAsync();
            await Expect(office.Locator("[data-testid=collected-assigned]")).ToHaveTextAsync("3");
            await Expect(office.Locator("[data-testid=collected-row]", new() { HasTextString = "Trần Thị Hoa" })
                .Locator("[data-testid=collected-row-lead]")).ToContainTextAsync("Phòng Kinh tế");

            // Mẫu 5 as a real download.
            await office.ScreenshotAsync(new() { Path = Path.Combine(folder, "assigned.png"), FullPage = true });
            var download = await office.RunAndWaitForDownloadAsync(() => office.Locator("[data-testid=collected-report-classification]").ClickAsync());
            var path = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            Assert.StartsWith("bao-cao-phan-loai-y-kien-", download.SuggestedFilename);

            using var doc = WordprocessingDocument.Open(path, false);
            var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains(paragraphs, p => p.StartsWith("Tổng số ý kiến, kiến nghị: 3 ý kiến; thuộc thẩm quyền: 2 ý kiến; đề xuất ý kiến với cấp trên: 1 ý kiến", StringComparison.Ordinal));
            Assert.Contains(paragraphs, p => p.StartsWith("- Ý kiến số ", StringComparison.Ordinal) && p.Contains("Đề nghị xử lý bãi rác") && p.EndsWith("— đề xuất với cấp trên.", StringComparison.Ordinal));
            Assert.Contains(paragraphs, p => p.StartsWith("2. Giao Phòng Kinh tế chủ trì", StringComparison.Ordinal) && p.Contains("(gồm 2 ý kiến)"));
            Assert.Contains(paragraphs, p => p.StartsWith("1. Giao Văn phòng HĐND-UBND chủ trì", StringComparison.Ordinal));
        });

        var stored = (await hall.App.LoadAsync(meetingId)).CollectedOpinions();
        Assert.All(stored, o => Assert.NotNull(o.PrepareDue));
        Assert.Equal(Authority.LevelAbove, stored.Single(o => o.SubmitterName == "Lê Văn Cường").Authority);
    }
}
