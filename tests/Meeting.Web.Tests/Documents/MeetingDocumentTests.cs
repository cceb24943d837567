using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>One app, one played meeting, the secretary signed in; the tests only read.</summary>
public sealed class DocumentApp : IAsyncLifetime
{
    public TestApp App { get; } = new();
    public PlayedMeeting Played { get; private set; } = default!;
    public HttpClient Secretary { get; private set; } = default!;
    public Guid Id => Played.Meeting.Id;

    /// <summary>Where the downloaded files are kept for a person to open: under the test output, not /tmp.</summary>
    public static string OutputDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "documents");

    public async Task InitializeAsync()
    {
        Played = await PlayedMeeting.PlayAsync(App, (await App.DemoMeetingAsync()).Id);
        Secretary = await App.SignedInClientAsync("thuky");
        Directory.CreateDirectory(OutputDirectory);
    }

    public async Task DisposeAsync()
    {
        Secretary.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class MeetingDocumentTests(DocumentApp fixture, ITestOutputHelper output) : IClassFixture<DocumentApp>
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private PlayedMeeting Played => fixture.Played;
    private Meeting Meeting => fixture.Played.Meeting;

    private async Task<byte[]> DownloadAsync(string file, string query = "")
    {
        var watch = Stopwatch.StartNew();
        var response = await fixture.Secretary.GetAsync($"/minutes/{fixture.Id}/{file}{query}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"GET {file}{query}: {(int)response.StatusCode}, {bytes.Length / 1024.0:0.0} KB in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(file.Replace(".docx", $"-{Meeting.PublicCode}.docx", StringComparison.Ordinal), response.Content.Headers.ContentDisposition?.FileNameStar);
        await File.WriteAllBytesAsync(Path.Combine(DocumentApp.OutputDirectory, file), bytes);
        return bytes;
    }

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static Body BodyOf(WordprocessingDocument doc) => doc.MainDocumentPart!.Document!.Body!;

    /// <summary>The text of the paragraphs outside tables (the title and the body), in order.</summary>
    private static List<string> Paragraphs(WordprocessingDocument doc) => BodyOf(doc).Elements<Paragraph>().Select(p => p.InnerText).ToList();

    private static int IndexStarting(List<string> paragraphs, string start)
    {
        var index = paragraphs.FindIndex(p => p.StartsWith(start, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No paragraph starts with \"{start}\".");
        return index;
    }

    /// <summary>NĐ 30 date words, written out here rather than taken from the code under test.</summary>
    private static string LongDate(DateOnly d) => $"ngày {d.Day:00} tháng {(d.Month <= 2 ? "0" + d.Month : d.Month.ToString(CultureInfo.InvariantCulture))} năm {d.Year}";

    private static void AssertAdministrativeLayout(WordprocessingDocument doc)
    {
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var section = BodyOf(doc).Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.InRange(margin.Top!.Value, 1134, 1417);     // 20–25 mm
        Assert.InRange(margin.Bottom!.Value, 1134, 1417);  // 20–25 mm
        Assert.InRange(margin.Left!.Value, 1701u, 1984u);  // 30–35 mm
        Assert.InRange(margin.Right!.Value, 851u, 1134u);  // 15–20 mm

        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var fonts = defaults.GetFirstChild<RunFonts>()!;
        Assert.All(new[] { fonts.Ascii, fonts.HighAnsi, fonts.ComplexScript, fonts.EastAsia }, f => Assert.Equal("Times New Roman", f?.Value));
        Assert.Equal("28", defaults.GetFirstChild<FontSize>()!.Val!.Value); // 14 pt

        // The header: a borderless two-column table, the Party body on the left and the Party's name on the right.
        var header = BodyOf(doc).Elements<Table>().First();
        Assert.Equal(2, header.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count());
        Assert.All(header.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!.ChildElements,
            b => Assert.Equal(BorderValues.Nil, ((BorderType)b).Val!.Value));
        var cells = header.Descendants<TableCell>().Select(c => c.InnerText).ToList();
        Assert.Contains("ĐẢNG ỦY XÃ GIAO MINH", cells[0]);
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", cells[1]);
        Assert.DoesNotContain("CỘNG HÒA", string.Concat(cells));
        Assert.True(BodyOf(doc).Elements().ToList().IndexOf(header) == 0, "The header table comes first.");
        // Hướng dẫn 36: the organs and the number 14 pt (the issuing one bold), "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold underlined.
        var runs = header.Descendants<Run>().ToList();
        Assert.Contains(runs, r => r.InnerText == "ĐẢNG ỦY XÃ GIAO MINH" && r.RunProperties?.FontSize?.Val == "28" && r.RunProperties.Bold is not null);
        Assert.Contains(runs, r => r.InnerText == "ĐẢNG BỘ TỈNH NINH BÌNH" && r.RunProperties?.FontSize?.Val == "28" && r.RunProperties.Bold is null);
        Assert.Contains(runs, r => r.InnerText.StartsWith("Số ", StringComparison.Ordinal) && r.RunProperties?.FontSize?.Val == "28");
        Assert.Contains(runs, r => r.InnerText == "ĐẢNG CỘNG SẢN VIỆT NAM" && r.RunProperties?.FontSize?.Val == "30"
            && r.RunProperties.Bold is not null && r.RunProperties.Underline is not null);
    }

    private static void AssertBoldCentredTitle(WordprocessingDocument doc, string kind, string summary)
    {
        var paragraphs = BodyOf(doc).Elements<Paragraph>().ToList();
        Assert.Equal(kind, paragraphs[0].InnerText);
        Assert.Equal(summary, paragraphs[1].InnerText);
        foreach (var title in paragraphs.Take(2))
        {
            Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
            Assert.All(title.Elements<Run>(), r => Assert.NotNull(r.RunProperties?.Bold));
        }
    }

    [Fact]
    public async Task Minutes_docx_is_an_A4_administrative_document_with_the_secretarys_text_and_the_opinions_in_order()
    {
        using var doc = Open(await DownloadAsync("bien-ban.docx"));

        AssertAdministrativeLayout(doc);
        AssertBoldCentredTitle(doc, "BIÊN BẢN",
            "Hội nghị đối thoại giữa Bí thư Đảng ủy, Chủ tịch HĐND xã và Phó Bí thư Đảng ủy, Chủ tịch UBND xã với Nhân dân xã Giao Minh");
        var header = BodyOf(doc).Elements<Table>().First().InnerText;
        Assert.Contains("-BB/ĐU", header);
        Assert.Contains($"Giao Minh, {LongDate(DateOnly.FromDateTime(Clock.ToHallTime(Meeting.StartedAt!.Value).DateTime))}", header);

        var paragraphs = Paragraphs(doc);
        var headings = new[] { "1. Thành phần", "2. Nội dung đối thoại", "3. Diễn biến hội nghị", "4. Thảo luận", "5. Kết luận Hội nghị" }
            .Select(h => IndexStarting(paragraphs, h)).ToList();
        Assert.Equal(headings.Order(), headings);
        var discussed = MinutesDraft.Discussed(Meeting);
        Assert.Equal(2, discussed.Count);
        var first = IndexStarting(paragraphs, $"Ý kiến số {discussed[0].Number}:");
        var second = IndexStarting(paragraphs, $"Ý kiến số {discussed[1].Number}:");
        Assert.True(headings[3] < first && first < second && second < headings[4], "The opinions sit under 4. Thảo luận, in order.");
        Assert.Contains(discussed[1].SubmitterName, paragraphs[second]);
        Assert.True(IndexStarting(paragraphs, "Vào hồi") < headings[0], "The opening sentence comes before 1. Thành phần.");
        Assert.StartsWith("Hội nghị kết thúc hồi", paragraphs[^2]);

        // The secretary's words replace the generated ones.
        Assert.Equal(PlayedMeeting.EditedOpinion(discussed[0]), paragraphs[first]);
        Assert.Equal(PlayedMeeting.EditedConclusion, paragraphs[headings[4] + 1]);
        Assert.DoesNotContain(paragraphs, p => p.Contains(PlayedMeeting.GeneratedConclusionMark, StringComparison.Ordinal));
        // Body paragraphs: justified, first line indented.
        var body = BodyOf(doc).Elements<Paragraph>().ElementAt(first);
        Assert.Equal(JustificationValues.Both, body.ParagraphProperties!.Justification!.Val!.Value);
        Assert.NotNull(body.ParagraphProperties.Indentation?.FirstLine);

        var signatures = BodyOf(doc).Elements<Table>().Last();
        Assert.Equal(2, signatures.Descendants<TableCell>().Count());
        Assert.Contains("NGƯỜI GHI BIÊN BẢN", signatures.Descendants<TableCell>().First().InnerText);
        Assert.Contains("CHỦ TRÌ HỘI NGHỊ", signatures.Descendants<TableCell>().Last().InnerText);
        Assert.Contains(Meeting.Chairs[0].Name, signatures.Descendants<TableCell>().Last().InnerText);
    }

    [Fact]
    public async Task Notice_docx_gives_the_counts_and_hands_the_unresolved_opinion_to_its_department_with_a_working_day_deadline()
    {
        var expected = ConclusionNotice.Draft(Meeting, WorkingCalendar.Vietnam());
        using var doc = Open(await DownloadAsync("thong-bao-ket-luan.docx"));

        AssertAdministrativeLayout(doc);
        AssertBoldCentredTitle(doc, "THÔNG BÁO",
            "Kết luận Hội nghị đối thoại giữa Bí thư Đảng ủy, Chủ tịch HĐND xã và Phó Bí thư Đảng ủy, Chủ tịch UBND xã với Nhân dân xã Giao Minh");
        var header = BodyOf(doc).Elements<Table>().First().InnerText;
        Assert.Contains("-TB/ĐU", header);
        Assert.Contains($"Giao Minh, {LongDate(expected.NoticeDue)}", header);
        // The first line is the Party organisation above the commune, from the unit tree (Hướng dẫn 36).
        Assert.StartsWith("ĐẢNG BỘ TỈNH NINH BÌNH", header);

        var paragraphs = Paragraphs(doc);
        IndexStarting(paragraphs, "Thực hiện Kế hoạch số 21-KH/ĐU; Đảng ủy xã Giao Minh đã tổ chức Hội nghị đối thoại giữa đồng chí Trần Văn Hùng");
        Assert.Equal((1, 1), (expected.Counts.Resolved, expected.Counts.Unresolved));
        Assert.Contains("Tại hội nghị đã có 1 ý kiến được giải quyết; 1 ý kiến chưa giải quyết.", paragraphs);

        var assignment = Assert.Single(expected.Assignments);
        Assert.Equal(Played.Lead, assignment.Department);
        var handed = paragraphs[IndexStarting(paragraphs, $"Ý kiến số {Played.InWriting.Number} của ông (bà) {Played.InWriting.SubmitterName}")];
        Assert.EndsWith($"Giao {Played.Lead} chủ trì, phối hợp với {Played.Coordinating} trả lời và gửi báo cáo trả lời chậm nhất vào {LongDate(assignment.AnswerDue)}.", handed);
        Assert.DoesNotContain(paragraphs, p => p.Contains(Played.Answered.SubmitterName, StringComparison.Ordinal));
        var sections = new[] { "1. Đánh giá kết quả", "2. Phân công các cơ quan", "3. Tổ chức thực hiện", "3.1.", "3.2.", "3.3." }
            .Select(h => IndexStarting(paragraphs, h)).ToList();
        Assert.Equal(sections.Order(), sections);
        Assert.Contains($"chậm nhất ngày {assignment.AnswerDue.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}", paragraphs[sections[3]]);
        Assert.EndsWith("Thông báo này./.", paragraphs[sections[5]]);

        var closing = BodyOf(doc).Elements<Table>().Last().Descendants<TableCell>().Select(c => c.InnerText).ToList();
        Assert.StartsWith("Nơi nhận:", closing[0]);
        // The level above is told ("báo cáo cấp ủy, chính quyền cấp trên", seed 004 §3.1).
        // A Party notice: Hướng dẫn 36's Nơi nhận, each line ending in a comma, "Nơi nhận" underlined and not bold.
        Assert.StartsWith("Nơi nhận:- Thường trực Tỉnh ủy Ninh Bình (b/c),", closing[0]);
        Assert.EndsWith("- Lưu VPĐU.", closing[0]);
        var recipientsHeading = BodyOf(doc).Elements<Table>().Last().Descendants<Run>().First(r => r.InnerText == "Nơi nhận:");
        Assert.NotNull(recipientsHeading.RunProperties?.Underline);
        Assert.Null(recipientsHeading.RunProperties?.Bold);
        Assert.Equal($"T/M ĐẢNG ỦYBÍ THƯ{Meeting.Chairs[0].Name}", closing[1]);
    }

    [Fact]
    public async Task Report_on_the_meeting_gives_the_figures_of_Form1_the_minutes_attendance_and_conclusion_and_the_notice_deadline()
    {
        using var doc = Open(await DownloadAsync("bao-cao-ket-qua.docx"));
        AssertAdministrativeLayout(doc);
        AssertBoldCentredTitle(doc, "BÁO CÁO", "Kết quả " + DoiThoai.Web.Features.Minutes.Documents.MinutesDocument.Dialogue(Meeting));
        Assert.Contains("Số …………-BC/ĐU", BodyOf(doc).Elements<Table>().First().InnerText);
        var paragraphs = Paragraphs(doc);

        // The figures are the meeting's row of Mẫu 1 on the same day: one truth for every report.
        var meeting = await fixture.App.LoadAsync(fixture.Id);
        var figures = ReportFigures.Compute([meeting], [], [Unit.Create(meeting.UnitId, "Giao Minh", UnitKind.Commune, null)],
            ReportPeriod.QuarterOf(ReportFigures.HeldOn(meeting)!.Value), DateOnly.FromDateTime(Clock.ToHallTime(DateTimeOffset.UtcNow).DateTime)).Meetings.Single();
        Assert.Contains($"- Tổng số ý kiến, kiến nghị: {figures.Opinions} (thu thập trước hội nghị {figures.CollectedBefore}, nêu tại hội nghị {figures.RaisedAtMeeting}).", paragraphs);
        Assert.Contains($"- Trả lời, giải quyết tại hội nghị: {figures.Resolution.ResolvedAtMeeting} ý kiến.", paragraphs);
        Assert.True(figures.Resolution.InWriting > 0);
        Assert.Contains(paragraphs, p => p.StartsWith($"- Trả lời bằng văn bản sau hội nghị: {figures.Resolution.InWriting} ý kiến (", StringComparison.Ordinal));

        // Attendance word for word as the minutes' own section; the chair's conclusion as the secretary wrote it.
        foreach (var line in MinutesDraft.Attendance(meeting).Split('\n')) Assert.Contains(line, paragraphs);
        Assert.Contains("Kết luận của đồng chí chủ trì: " + PlayedMeeting.EditedConclusion, paragraphs);
        // No notice issued yet: the report says when it is due.
        var due = ConclusionNotice.Draft(meeting, WorkingCalendar.Vietnam()).NoticeDue;
        Assert.Contains($"- Thông báo kết luận của đồng chí chủ trì: đang dự thảo, hạn ban hành chậm nhất ngày {due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.", paragraphs);

        var closing = BodyOf(doc).Elements<Table>().Last().Descendants<TableCell>().Select(c => c.InnerText).ToList();
        Assert.StartsWith("Nơi nhận:- Ban Thường vụ Đảng ủy xã Giao Minh (b/c),- Thường trực Tỉnh ủy Ninh Bình (b/c),", closing[0]);
        Assert.Contains("theo dõi, giám sát", closing[0]);
    }

    [Fact]
    public async Task Notice_date_follows_ngay_and_phuctap_and_a_bad_date_is_refused_in_Vietnamese()
    {
        var meetingDate = DateOnly.FromDateTime(Clock.ToHallTime(Meeting.StartedAt!.Value).DateTime);
        var calendar = WorkingCalendar.Vietnam();
        var signed = calendar.AddWorkingDays(meetingDate, 3);
        var onDay = ConclusionNotice.Draft(Meeting, calendar, signed);
        var complex = ConclusionNotice.Draft(Meeting, calendar, complex: true);
        Assert.True(complex.NoticeDue > ConclusionNotice.Draft(Meeting, calendar).NoticeDue);

        using (var doc = Open(await DownloadAsync("thong-bao-ket-luan.docx", $"?ngay={signed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")))
        {
            Assert.Contains($"Giao Minh, {LongDate(signed)}", BodyOf(doc).Elements<Table>().First().InnerText);
            Assert.Contains(Paragraphs(doc), p => p.EndsWith($"chậm nhất vào {LongDate(onDay.Assignments[0].AnswerDue)}.", StringComparison.Ordinal));
        }
        using (var doc = Open(await DownloadAsync("thong-bao-ket-luan.docx", "?phuctap=1")))
            Assert.Contains($"Giao Minh, {LongDate(complex.NoticeDue)}", BodyOf(doc).Elements<Table>().First().InnerText);

        foreach (var (query, words) in new[] { ("?ngay=2026-13-45", "không hợp lệ"), ("?ngay=23/11/2026", "không hợp lệ"), ("?ngay=" + meetingDate.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "trước ngày hội nghị") })
        {
            var bad = await fixture.Secretary.GetAsync($"/minutes/{fixture.Id}/thong-bao-ket-luan.docx{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(words, await bad.Content.ReadAsStringAsync());
            var page = await fixture.Secretary.GetAsync($"/minutes/{fixture.Id}/in-thong-bao{query}");
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains(words, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Unknown_meeting_anonymous_and_other_roles_do_not_get_the_file()
    {
        var unknown = await fixture.Secretary.GetAsync($"/minutes/{Guid.NewGuid()}/bien-ban.docx");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Không tìm thấy hội nghị", await unknown.Content.ReadAsStringAsync());

        using var anonymous = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var reception = await fixture.App.SignedInClientAsync("tiepnhan");
        foreach (var client in new[] { anonymous, reception })
        foreach (var path in new[] { "bien-ban.docx", "thong-bao-ket-luan.docx", "in-bien-ban", "in-thong-bao" })
        {
            var response = await client.GetAsync($"/minutes/{fixture.Id}/{path}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(DocxType, response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(PlayedMeeting.EditedConclusion, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("in-bien-ban", "bien-ban.docx")]
    [InlineData("in-thong-bao", "thong-bao-ket-luan.docx")]
    public async Task Print_view_shows_the_same_text_as_the_docx_on_an_A4_page(string view, string file)
    {
        using var doc = Open(await DownloadAsync(file));
        var response = await fixture.Secretary.GetAsync($"/minutes/{fixture.Id}/{view}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Contains("size: A4", html);
        Assert.Contains("lib/print-button", html);
        Assert.Contains("data-print", html);
        Assert.Contains($"href=\"/minutes/{fixture.Id}/{file}\"", html);
        var text = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", ""));
        var missing = BodyOf(doc).Descendants<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0 && !text.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Missing in the print view:\n" + string.Join("\n", missing));
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", text);
    }

    [SkippableFact]
    public async Task LibreOffice_converts_the_minutes_the_notice_and_the_report_to_pdf_when_it_is_installed()
    {
        LibreOffice.SkipIfMissing();
        var folder = Path.Combine(DocumentApp.OutputDirectory, "pdf");
        foreach (var file in new[] { "bien-ban.docx", "thong-bao-ket-luan.docx", "bao-cao-ket-qua.docx" })
            output.WriteLine($"{file}: {(await LibreOffice.ToPdfAsync(await DownloadAsync(file), file, folder)).Length / 1024} KB of PDF");
    }
}
