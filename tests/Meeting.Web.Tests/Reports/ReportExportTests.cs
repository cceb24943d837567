using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MergeCell = DocumentFormat.OpenXml.Spreadsheet.MergeCell;
using SheetCell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using CellValues = DocumentFormat.OpenXml.Spreadsheet.CellValues;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Reports;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DoiThoai.Web.Tests.Reports;

/// <summary>
/// Mẫu 1 (.xlsx, .docx) and Mẫu 2 (.docx) downloaded over HTTP by signed-in staff, opened with MiniExcel and the
/// OpenXml SDK: the right rows and figures for the played data, and never another commune's dialogues.
/// </summary>
public sealed class ReportExportTests(ReportExportTests.Played played) : IClassFixture<ReportExportTests.Played>
{
    /// <summary>One app with both communes played, shared by the tests: they only read.</summary>
    public sealed class Played : IAsyncLifetime
    {
        public TestApp App { get; } = new();
        public ReportedCommunes Data { get; private set; } = default!;

        public async Task InitializeAsync() => Data = await ReportedCommunes.PlayAsync(App);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly TestApp _app = played.App;
    private readonly ReportedCommunes _data = played.Data;

    private static readonly string[] Exports = [ReportEndpoints.Form1Xlsx, ReportEndpoints.Form1Word, ReportEndpoints.Form2Word];

    /// <summary>The five counts under "Kiến nghị của Nhân dân", as text, in column order.</summary>
    private static readonly string[] CountHeaders = ["Tổng số", "Trả lời tại hội nghị", "Đã trả lời bằng văn bản", "Đang giải quyết", "Chuyển cấp trên"];

    /// <summary>The figures the reports page and its dashboard show for this user: the one truth the files must repeat.</summary>
    private async Task<DoiThoai.Domain.ReportFigures> FiguresAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        var load = await _app.Services.GetRequiredService<ReportService>().LoadAsync(user, _data.Period.Code, _data.Period.Year.ToString(), null);
        return load.Figures!;
    }

    private static readonly System.Security.Claims.ClaimsPrincipal Office = TestApp.Staff(DoiThoai.Web.Live.StaffRoles.Organizer, "vanphong");

    [Fact]
    public async Task Form_1_xlsx_has_the_forms_three_header_rows_24_columns_and_the_dialogues_counts_as_numbers()
    {
        using var client = await _app.SignedInClientAsync("vanphong");
        using var response = await client.GetAsync($"/bao-cao/mau-1.xlsx?{_data.Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Form1Sheet.ContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var sheet = Sheet(bytes);
        var header = sheet.FindIndex(r => r["A"] == "TT");
        Assert.Equal(Form1Sheet.HeaderRow - 1, header);
        Assert.Equal(24, Form1Sheet.Columns.Length);
        Assert.Equal(["Thời gian tổ chức, nội dung đối thoại", "ĐỐI THOẠI ĐỊNH KỲ (1)", "ĐỐI THOẠI CHUYÊN ĐỀ (2)", "ĐỐI THOẠI ĐỘT XUẤT (3)", "Ghi chú"],
            new[] { "B", "C", "J", "Q", "X" }.Select(c => sheet[header][c]));
        Assert.All(new[] { "C", "J", "Q" }.Select(c => c[0]), c =>
            Assert.Equal(["Chủ trì đối thoại", "Đối tượng đối thoại", "Kiến nghị của Nhân dân"], Enumerable.Range(0, 3).Select(i => sheet[header + 1][$"{(char)(c + i)}"])));
        Assert.All(new[] { 'E', 'L', 'S' }, c => Assert.Equal(CountHeaders, Enumerable.Range(0, 5).Select(i => sheet[header + 2][$"{(char)(c + i)}"])));
        Assert.Equal(Enumerable.Range(1, 24).Select(n => n.ToString()), Form1Sheet.Columns.Select(c => sheet[header + 3][c]));
        Assert.Contains(sheet, r => r["A"].Contains("BẢNG TỔNG HỢP KẾT QUẢ ĐỐI THOẠI"));
        Assert.Contains(sheet, r => r["A"].StartsWith(_data.Period.Heading));

        var rows = DataRows(sheet);
        var row = Assert.Single(rows);
        Assert.Equal("1", row["A"]);
        Assert.Contains(MinutesDate(), row["B"]);
        Assert.Contains($"Đ/c {ReportedCommunes.GiaoMinhChair} – Bí thư Đảng ủy", row["C"]);
        Assert.Equal(_data.GiaoMinh.Meeting.Audience, row["D"]);
        // The counts are the dashboard's figures: the commune's total, 1 answered at the meeting, 1 overdue still unanswered.
        var figures = await FiguresAsync(Office);
        var resolution = Assert.Single(figures.Meetings).Resolution;
        var counts = new[] { "E", "F", "G", "H", "I" }.Select(c => int.Parse(row[c])).ToArray();
        Assert.Equal([resolution.Total, resolution.ResolvedAtMeeting, resolution.AnsweredInWriting, resolution.Unanswered, resolution.Forwarded], counts);
        Assert.Equal((_data.GiaoMinhOpinions, figures.Opinions, 1), (counts[0], counts[0], counts[1]));
        Assert.Equal(counts[0], counts[1..].Sum());
        Assert.True(counts[3] >= 1, "the overdue one is still being dealt with");
        Assert.Contains("Quá hạn chưa trả lời 1", row["X"]);
        Assert.All(Form1Sheet.Columns[9..23], c => Assert.Empty(row[c])); // a periodic dialogue: the other kinds stay empty
        var total = sheet.Single(r => r["B"] == "Tổng số");
        Assert.Equal(("1 cuộc", "0 cuộc", "0 cuộc", "1 cuộc"), (total["C"], total["J"], total["Q"], total["X"]));
        Assert.Equal(counts.Select(n => n.ToString()), new[] { "E", "F", "G", "H", "I" }.Select(c => total[c]));
        Assert.Equal(["0", "0", "0", "0", "0"], new[] { "L", "M", "N", "O", "P" }.Select(c => total[c]));

        Assert.DoesNotContain(sheet, r => r.Values.Any(v => v.Contains(ReportedCommunes.GiaoHoaChair) || v.Contains("Giao Hòa")));

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        // The counts are number cells (a province sums them); the texts are not.
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<SheetCell>().ToDictionary(c => c.CellReference!.Value!);
        var dataRow = Form1Sheet.HeaderRow + 4;
        var totalRow = dataRow + 1;
        foreach (var reference in new[] { "E", "F", "G", "H", "I" }.SelectMany(c => new[] { $"{c}{dataRow}", $"{c}{totalRow}" }))
        {
            var cell = cells[reference];
            Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{reference} is {cell.DataType?.Value} {cell.InnerText}");
            Assert.True(int.TryParse(cell.CellValue?.Text, out _), $"{reference} holds '{cell.CellValue?.Text}'");
        }
        Assert.NotNull(cells[$"C{dataRow}"].DataType);

        // The header's merged cells, as on the paper form.
        var merges = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ToList();
        Assert.Contains("C6:I6", merges);
        Assert.Contains("Q6:W6", merges);
        Assert.Contains("A6:A8", merges);
        Assert.Contains("X6:X8", merges);
        Assert.Contains("C7:C8", merges);
        Assert.Contains("E7:I7", merges);
    }

    [Fact]
    public async Task Form_1_docx_is_a_landscape_table_of_24_columns_with_the_dialogue_under_its_kind()
    {
        using var client = await _app.SignedInClientAsync("vanphong");
        using var response = await client.GetAsync($"/bao-cao/mau-1.docx?{_data.Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        AssertValid(document);

        var page = body.Descendants<PageSize>().Single();
        var margins = body.Descendants<PageMargin>().Single();
        Assert.Equal(PageOrientationValues.Landscape, page.Orient!.Value);
        Assert.Contains("ĐẢNG ỦY XÃ GIAO MINH", body.InnerText);
        Assert.Contains("ĐẢNG BỘ TỈNH NINH BÌNH", body.InnerText);
        Assert.Contains(_data.Period.Heading, body.InnerText);
        var table = body.Elements<Table>().Single(t => t.Elements<TableGrid>().Single().Elements<GridColumn>().Count() == 24);
        // It fits between the margins, and every row covers the 24 grid columns.
        var width = table.Elements<TableGrid>().Single().Elements<GridColumn>().Sum(c => int.Parse(c.Width!.Value!));
        Assert.True(width <= page.Width!.Value - margins.Left!.Value - margins.Right!.Value, $"the table is {width} twips wide");
        Assert.All(table.Elements<TableRow>(), r => Assert.Equal(24, r.Elements<TableCell>().Sum(c => c.TableCellProperties?.GridSpan?.Val?.Value ?? 1)));

        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => string.Join("\n", c.Elements<Paragraph>().Select(p => p.InnerText))).ToList()).ToList();
        Assert.Equal(["TT", "Thời gian tổ chức, nội dung đối thoại", "ĐỐI THOẠI ĐỊNH KỲ (1)", "ĐỐI THOẠI CHUYÊN ĐỀ (2)", "ĐỐI THOẠI ĐỘT XUẤT (3)", "Ghi chú"], rows[0]);
        Assert.Equal(["", "", .. Enumerable.Repeat(new[] { "Chủ trì đối thoại", "Đối tượng đối thoại", "Kiến nghị của Nhân dân" }, 3).SelectMany(h => h), ""], rows[1]);
        Assert.Equal(["", "", .. Enumerable.Repeat(CountHeaders, 3).SelectMany(h => new[] { "", "" }.Concat(h)), ""], rows[2]);
        Assert.Equal(Enumerable.Range(1, 24).Select(n => n.ToString()), rows[3]); // the numbered row: 24 cells
        // TT, time, note, chair and audience are merged down over the header rows.
        var merged = table.Elements<TableRow>().ElementAt(2).Elements<TableCell>()
            .Select(c => c.TableCellProperties?.VerticalMerge is { } m && (m.Val is null || m.Val.Value == MergedCellValues.Continue)).ToList();
        Assert.Equal(9, merged.Count(m => m));
        Assert.All(table.Elements<TableRow>().Take(4), r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<TableHeader>()));

        var data = Assert.Single(rows.Skip(4), r => r[0] == "1"); // after the three header rows and the numbered row
        Assert.Equal(24, data.Count);
        Assert.Contains(ReportedCommunes.GiaoMinhChair, data[2]);
        var resolution = Assert.Single((await FiguresAsync(Office)).Meetings).Resolution;
        Assert.Equal(new[] { resolution.Total, resolution.ResolvedAtMeeting, resolution.AnsweredInWriting, resolution.Unanswered, resolution.Forwarded }
            .Select(n => n.ToString()), data[4..9]);
        Assert.Contains("Quá hạn chưa trả lời 1", data[23]);
        Assert.All(data[9..23], Assert.Empty);
        Assert.Contains(rows, r => r[1] == "Tổng số" && r[2] == "1 cuộc" && r[4] == resolution.Total.ToString() && r[23] == "1 cuộc");
        Assert.Contains("T/M BAN THƯỜNG VỤ", body.InnerText);
        Assert.DoesNotContain("Giao Hòa", body.InnerText);
    }

    [Fact]
    public async Task Form_2_docx_drafts_the_report_with_the_figures_and_leaves_the_assessment_to_the_office()
    {
        using var client = await _app.SignedInClientAsync("vanphong");
        using var response = await client.GetAsync($"/bao-cao/mau-2.docx?ky=nam&nam={_data.Period.Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        AssertValid(document);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        var text = string.Join("\n", paragraphs);

        Assert.Contains("BÁO CÁO", paragraphs);
        Assert.Contains($"Kết quả thực hiện công tác đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm {_data.Period.Year}", paragraphs);
        Assert.Contains("- Số cuộc đối thoại: tổng số 1 cuộc (định kỳ 1, chuyên đề 0, đột xuất 0); so sánh với chỉ tiêu: ", text);
        Assert.Contains($"tổng số {_data.GiaoMinhOpinions} ý kiến, kiến nghị", text);
        Assert.Contains("trả lời, giải quyết ngay tại hội nghị 1 ý kiến", text);
        Assert.Contains("quá hạn chưa trả lời 1", text);
        Assert.Contains($"+ {_data.Overdue.DepartmentName}: ", text);
        Assert.Contains("còn 1 ý kiến, kiến nghị quá hạn chưa được trả lời bằng văn bản", text);
        Assert.Contains($"4. Phương hướng, nhiệm vụ giải pháp năm {_data.Period.Year + 1}", paragraphs);
        Assert.Contains("5. Đề xuất, kiến nghị", paragraphs);
        Assert.Contains("ĐẢNG ỦY XÃ GIAO MINH", paragraphs);
        Assert.Contains("T/M BAN THƯỜNG VỤ", paragraphs);
        Assert.Contains("- Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình (báo cáo),", paragraphs);
        Assert.DoesNotContain("Giao Hòa", text);
    }

    [Fact]
    public async Task A_commune_sees_only_its_own_dialogues_and_another_units_id_answers_not_found()
    {
        using var giaoHoa = await _app.SignedInClientAsync("giaohoa");

        var rows = DataRows(Sheet(await giaoHoa.GetByteArrayAsync($"/bao-cao/mau-1.xlsx?{_data.Query}")));
        var row = Assert.Single(rows);
        Assert.Contains(ReportedCommunes.GiaoHoaChair, row["J"]); // thematic: the second column group
        Assert.Equal(["2", "1", "0", "1", "0"], new[] { "L", "M", "N", "O", "P" }.Select(c => row[c]));
        Assert.EndsWith("Chờ thông báo kết luận 1", row["X"]); // no notice issued there yet

        foreach (var file in Exports)
        {
            var text = TextOf(await giaoHoa.GetByteArrayAsync($"/bao-cao/{file}?{_data.Query}"), file);
            Assert.DoesNotContain(ReportedCommunes.GiaoMinhChair, text);
            Assert.DoesNotContain("Giao Minh", text);
            Assert.DoesNotContain(_data.GiaoMinh.Answered.Content[..40], text);
        }
        var page = await giaoHoa.GetStringAsync($"/bao-cao?{_data.Query}");
        Assert.Contains(ReportedCommunes.GiaoHoaChair, page);
        Assert.DoesNotContain(ReportedCommunes.GiaoMinhChair, page);
        Assert.DoesNotContain("Giao Minh", page);

        foreach (var unit in new[] { DemoUnits.GiaoMinhId.ToString(), DemoUnits.ProvinceId.ToString(), Guid.NewGuid().ToString(), "abc" })
        {
            foreach (var path in Exports.Select(f => $"/bao-cao/{f}").Append("/bao-cao"))
            {
                using var response = await giaoHoa.GetAsync($"{path}?{_data.Query}&donvi={unit}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}?donvi={unit} answered {(int)response.StatusCode}");
                Assert.DoesNotContain(ReportedCommunes.GiaoMinhChair, body);
            }
        }
        using var vanphong = await _app.SignedInClientAsync("vanphong");
        Assert.Equal(HttpStatusCode.NotFound, (await vanphong.GetAsync($"/bao-cao/mau-1.xlsx?{_data.Query}&donvi={DemoUnits.GiaoHoaId}")).StatusCode);
    }

    [Fact]
    public async Task The_province_sees_both_communes_named_in_the_note_and_can_narrow_to_one()
    {
        using var province = await _app.SignedInClientAsync("tinh");

        var rows = DataRows(Sheet(await province.GetByteArrayAsync($"/bao-cao/mau-1.xlsx?{_data.Query}")));
        Assert.Equal(["Xã Giao Hòa", "Xã Giao Minh"], rows.Select(r => r["X"].Split('\n')[0]));
        Assert.Contains(ReportedCommunes.GiaoHoaChair, rows[0]["J"]);
        Assert.Contains(ReportedCommunes.GiaoMinhChair, rows[1]["C"]);

        var one = DataRows(Sheet(await province.GetByteArrayAsync($"/bao-cao/mau-1.xlsx?{_data.Query}&donvi={DemoUnits.GiaoHoaId}")));
        Assert.Contains(ReportedCommunes.GiaoHoaChair, Assert.Single(one)["J"]);

        var report = TextOf(await province.GetByteArrayAsync($"/bao-cao/mau-2.docx?{_data.Query}"), ReportEndpoints.Form2Word);
        Assert.Contains("TỈNH ỦY NINH BÌNH", report);
        Assert.Contains("tổng số 2 cuộc (định kỳ 1, chuyên đề 1, đột xuất 0)", report);
        Assert.Contains("+ Xã Giao Minh: 1 cuộc", report);
        Assert.Contains("+ Xã Giao Hòa: 1 cuộc", report);

        var page = await province.GetStringAsync($"/bao-cao?{_data.Query}");
        Assert.Contains("data-unit=\"Xã Giao Minh\"", page);
        Assert.Contains("data-unit=\"Xã Giao Hòa\"", page);
    }

    [Fact]
    public async Task Reports_are_for_the_office_chairs_and_supervisors_and_a_bad_period_is_explained()
    {
        using var department = await _app.SignedInClientAsync("phongban");
        using var refused = await department.GetAsync($"/bao-cao/mau-1.xlsx?{_data.Query}");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
            || (refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.OriginalString.Contains("/account/denied")),
            $"answered {(int)refused.StatusCode}");

        using var anonymous = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await anonymous.GetAsync($"/bao-cao/mau-2.docx?{_data.Query}");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/login", signIn.Headers.Location!.OriginalString);

        using var supervisor = await _app.SignedInClientAsync("giamsat");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/bao-cao/mau-2.docx?{_data.Query}")).StatusCode);
        using var chair = await _app.SignedInClientAsync("chutri");
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/bao-cao/mau-1.docx?{_data.Query}")).StatusCode);

        using var bad = await supervisor.GetAsync("/bao-cao/mau-1.xlsx?ky=q5&nam=2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Kỳ báo cáo \"q5\" không hợp lệ", await bad.Content.ReadAsStringAsync());
    }

    /// <summary>The file is well-formed Office Open XML, as the SDK's schema validator reads it.</summary>
    private static void AssertValid(OpenXmlPackage document) =>
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Description} at {e.Path?.XPath}"));

    /// <summary>The sheet as rows of column letter → text (empty for blank cells).</summary>
    private static List<Dictionary<string, string>> Sheet(byte[] bytes) =>
        MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => Form1Sheet.Columns.ToDictionary(c => c, c => r.TryGetValue(c, out var v) ? v?.ToString() ?? "" : ""))
            .ToList();

    /// <summary>The dialogues: the rows between the numbered header row (under three header rows) and "Tổng số".</summary>
    private static List<Dictionary<string, string>> DataRows(List<Dictionary<string, string>> sheet)
    {
        var first = sheet.FindIndex(r => r["A"] == "TT") + 4;
        var total = sheet.FindIndex(r => r["B"] == "Tổng số");
        return sheet.Skip(first).Take(total - first).ToList();
    }

    private static string TextOf(byte[] bytes, string file)
    {
        if (file.EndsWith(".xlsx", StringComparison.Ordinal))
            return string.Join("\n", Sheet(bytes).SelectMany(r => r.Values));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    private string MinutesDate() =>
        "- Ngày " + DateOnly.FromDateTime(DoiThoai.Domain.Clock.ToHallTime(_data.GiaoMinh.Meeting.StartedAt!.Value).DateTime).ToString("dd/MM/yyyy");

    /// <summary>Mẫu 1 and Mẫu 2 as Word documents open in LibreOffice, as a commune's office opens them to print and sign.</summary>
    [SkippableFact]
    public async Task The_word_reports_convert_to_pdf_with_LibreOffice_when_it_is_installed()
    {
        LibreOffice.SkipIfMissing();
        using var client = await _app.SignedInClientAsync("vanphong");
        var folder = Path.Combine(_app.DataDirectory, "pdf");
        foreach (var file in new[] { ReportEndpoints.Form1Word, ReportEndpoints.Form2Word })
        {
            var pdf = System.Text.Encoding.Latin1.GetString(
                await LibreOffice.ToPdfAsync(await client.GetByteArrayAsync($"/bao-cao/{file}?{_data.Query}"), file, folder));
            if (file != ReportEndpoints.Form1Word) continue;
            // Mẫu 1's 24 columns stay on A4 landscape pages (841.89 × 595.3 pt): LibreOffice did not turn or widen the page.
            var pages = System.Text.RegularExpressions.Regex.Matches(pdf, @"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]");
            Assert.NotEmpty(pages);
            Assert.All(pages, m => Assert.Equal((842, 595), ((int)Math.Round(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
                (int)Math.Round(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))));
        }
    }
}
