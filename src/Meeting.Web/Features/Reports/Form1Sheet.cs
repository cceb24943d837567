using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Mẫu 1 as a spreadsheet laid out like the paper form: the issuing body and title on top, the three header rows (kinds;
/// chair / audience / "Kiến nghị của Nhân dân"; its five counts) and the numbered row 1 … 24, one row per dialogue,
/// "Tổng số", the signature line. The counts are written as numbers, so a city or province can sum its communes' sheets.
/// MiniExcel writes the cells (wrapped, top-aligned); the header's merged cells are added afterwards with the
/// OpenXml SDK, which MiniExcel cannot do when writing.
/// </summary>
public static class Form1Sheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Mẫu 1";

    /// <summary>Spreadsheet column letters, one per column of the form.</summary>
    public static readonly string[] Columns = Enumerable.Range(0, Form1Table.ColumnCount).Select(i => ((char)('A' + i)).ToString()).ToArray();
    private static readonly double[] ColumnWidths = [5, 28, .. Group(), .. Group(), .. Group(), 26];
    private static double[] Group() => [18, 14, 8, 8, 8, 8, 8];

    /// <summary>Row (1-based) of the first header row; the numbered row is three below, the dialogues start four below.</summary>
    public const int HeaderRow = 6;

    /// <summary>The column letter of a 0-based column of the form.</summary>
    public static string Column(int index) => Columns[index];

    public static string FileName(ReportPeriod period) => $"mau-1-bang-tong-hop-{period.Code}-{period.Year}.xlsx";

    public static byte[] Build(ReportFigures figures, ReportScope scope, DateOnly date)
    {
        var issuer = ReportIssuer.Of(scope.Root, scope.Parent);
        var right = Column(Form1Table.GroupStart(2)); // the right-hand header over the last kind and the note
        var last = Column(Form1Table.ColumnCount - 1);
        List<object[]> rows =
        [
            Line(("A", issuer.ParentBody ?? issuer.Body), (right, Issuer.PartyTitle)),
            Line(("A", issuer.ParentBody is null ? issuer.Number : issuer.Body), (right, issuer.PlaceDate(date))),
            Line(("A", $"{Form1Table.Title} {Form1Table.Subtitle}")),
            Line(("A", figures.Period.Heading + (scope.AcrossUnits ? $" — {scope.Root.Name} và các đơn vị trực thuộc" : $" — {scope.Root.Name}"))),
            Line(),
            Line([(Column(0), Form1Table.NumberHeader), (Column(1), Form1Table.TimeHeader),
                .. Enumerable.Range(0, 3).Select(g => (Column(Form1Table.GroupStart(g)), Form1Table.GroupHeaders[g])),
                (last, Form1Table.NoteHeader)]),
            Line([.. Enumerable.Range(0, 3).SelectMany(g => new[]
            {
                (Column(Form1Table.GroupStart(g)), Form1Table.ChairHeader), (Column(Form1Table.GroupStart(g) + 1), Form1Table.AudienceHeader),
                (Column(Form1Table.GroupStart(g) + 2), Form1Table.RecommendationsHeader),
            })]),
            Line([.. Enumerable.Range(0, 3).SelectMany(g => Form1Table.CountHeaders.Select((h, c) => (Column(Form1Table.GroupStart(g) + 2 + c), h)))]),
            [.. Form1Table.ColumnNumbers],
        ];
        rows.AddRange(Form1Table.Rows(figures, scope.AcrossUnits).Select(r => r.Values.ToArray()));
        if (figures.Meetings.Count == 0) rows.Add(Line(("B", $"Không có cuộc đối thoại nào được tổ chức trong {figures.Period.InSentence}.")));
        rows.Add([.. Form1Table.Total(figures).Values]);
        rows.Add(Line());
        rows.Add(Line((right, ReportIssuer.SignatureLines[0])));
        rows.Add(Line((right, ReportIssuer.SignatureHint)));
        var end = rows.Count;

        var sheet = rows.Select(cells => Columns.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, printHeader: false, sheetName: SheetName, configuration: new OpenXmlConfiguration
        {
            DynamicColumns = Columns.Zip(ColumnWidths).Select(p => new DynamicExcelColumn(p.First) { Width = p.Second }).ToArray(),
            StyleOptions = new OpenXmlStyleOptions { WrapCellContents = true, VerticalAlignment = VerticalCellAlignment.Top },
            TableStyles = MiniExcelLibs.OpenXml.TableStyles.None,
            AutoFilter = false,
            FreezeRowCount = 0,
        });
        int top = HeaderRow, middle = HeaderRow + 1, bottom = HeaderRow + 2;
        List<string> merges =
        [
            $"A1:G1", $"{right}1:{last}1", $"A2:G2", $"{right}2:{last}2", $"A3:{last}3", $"A4:{last}4",
            $"A{top}:A{bottom}", $"B{top}:B{bottom}", $"{last}{top}:{last}{bottom}",
            $"{right}{end - 1}:{last}{end - 1}", $"{right}{end}:{last}{end}",
        ];
        for (var g = 0; g < 3; g++)
        {
            var start = Form1Table.GroupStart(g);
            merges.Add($"{Column(start)}{top}:{Column(start + Form1Table.GroupWidth - 1)}{top}");
            merges.Add($"{Column(start)}{middle}:{Column(start)}{bottom}");
            merges.Add($"{Column(start + 1)}{middle}:{Column(start + 1)}{bottom}");
            merges.Add($"{Column(start + 2)}{middle}:{Column(start + 6)}{middle}");
        }
        Merge(stream, merges);
        return stream.ToArray();
    }

    private static object[] Line(params (string Column, string Text)[] cells)
    {
        var line = Columns.Select(_ => (object)"").ToArray();
        foreach (var (column, text) in cells) line[Array.IndexOf(Columns, column)] = text;
        return line;
    }

    /// <summary>Adds merged ranges to the first sheet (after its data, where the schema wants them).</summary>
    private static void Merge(MemoryStream stream, IReadOnlyList<string> ranges)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: true);
        var worksheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        var merges = new MergeCells(ranges.Select(r => new MergeCell { Reference = r })) { Count = (uint)ranges.Count };
        worksheet.InsertAfter(merges, worksheet.Elements<SheetData>().First());
        worksheet.Save();
    }
}
