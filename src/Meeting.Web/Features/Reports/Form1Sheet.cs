using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Mẫu 1 as a spreadsheet laid out like the paper form: the issuing body and title on top, the two header rows (kinds
/// over chair / audience / recommendations) and the numbered row, one row per dialogue, "Tổng số", the signature line.
/// MiniExcel writes the cells (wrapped, top-aligned); the header's merged cells are added afterwards with the
/// OpenXml SDK, which MiniExcel cannot do when writing.
/// </summary>
public static class Form1Sheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Mẫu 1";

    /// <summary>Spreadsheet column letters, one per column of the form.</summary>
    public static readonly string[] Columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"];
    private static readonly double[] ColumnWidths = [5, 30, 18, 16, 34, 18, 16, 34, 18, 16, 34, 14];

    /// <summary>Row (1-based) of the first header row; the numbered row is two below, the dialogues start three below.</summary>
    public const int HeaderRow = 6;

    public static string FileName(ReportPeriod period) => $"mau-1-bang-tong-hop-{period.Code}-{period.Year}.xlsx";

    public static byte[] Build(ReportFigures figures, ReportScope scope, DateOnly date)
    {
        var issuer = ReportIssuer.Of(scope.Root, scope.Parent);
        List<string[]> rows =
        [
            Line(("A", issuer.ParentBody ?? issuer.Body), ("I", Issuer.PartyTitle)),
            Line(("A", issuer.ParentBody is null ? issuer.Number : issuer.Body), ("I", issuer.PlaceDate(date))),
            Line(("A", $"{Form1Table.Title} {Form1Table.Subtitle}")),
            Line(("A", figures.Period.Heading + (scope.AcrossUnits ? $" — {scope.Root.Name} và các đơn vị trực thuộc" : $" — {scope.Root.Name}"))),
            Line(),
            [Form1Table.NumberHeader, Form1Table.TimeHeader, Form1Table.GroupHeaders[0], "", "", Form1Table.GroupHeaders[1], "", "",
                Form1Table.GroupHeaders[2], "", "", Form1Table.NoteHeader],
            ["", "", .. Enumerable.Range(0, 3).SelectMany(_ => Form1Table.SubHeaders), ""],
            [.. Form1Table.ColumnNumbers],
        ];
        rows.AddRange(Form1Table.Rows(figures, scope.AcrossUnits).Select(r => r.Cells.ToArray()));
        if (figures.Meetings.Count == 0) rows.Add(Line(("B", $"Không có cuộc đối thoại nào được tổ chức trong {figures.Period.InSentence}.")));
        rows.Add([.. Form1Table.Total(figures).Cells]);
        rows.Add(Line());
        rows.Add(Line(("I", ReportIssuer.SignatureLines[0])));
        rows.Add(Line(("I", ReportIssuer.SignatureHint)));
        var last = rows.Count;

        var sheet = rows.Select(cells => Columns.Zip(cells).ToDictionary(p => p.First, p => (object)p.Second)).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, printHeader: false, sheetName: SheetName, configuration: new OpenXmlConfiguration
        {
            DynamicColumns = Columns.Zip(ColumnWidths).Select(p => new DynamicExcelColumn(p.First) { Width = p.Second }).ToArray(),
            StyleOptions = new OpenXmlStyleOptions { WrapCellContents = true, VerticalAlignment = VerticalCellAlignment.Top },
            TableStyles = MiniExcelLibs.OpenXml.TableStyles.None,
            AutoFilter = false,
            FreezeRowCount = 0,
        });
        Merge(stream,
        [
            "A1:D1", "I1:L1", "A2:D2", "I2:L2", "A3:L3", "A4:L4",
            $"A{HeaderRow}:A{HeaderRow + 1}", $"B{HeaderRow}:B{HeaderRow + 1}", $"C{HeaderRow}:E{HeaderRow}", $"F{HeaderRow}:H{HeaderRow}",
            $"I{HeaderRow}:K{HeaderRow}", $"L{HeaderRow}:L{HeaderRow + 1}",
            $"I{last - 1}:L{last - 1}", $"I{last}:L{last}",
        ]);
        return stream.ToArray();
    }

    private static string[] Line(params (string Column, string Text)[] cells)
    {
        var line = Columns.Select(_ => "").ToArray();
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
