using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoiThoai.Web.Tests.Import;

/// <summary>
/// Writes a real .xlsx the way Excel does (shared strings, numbers as numbers, merged ranges with their covered
/// cells written empty), so the tests make their messy files instead of checking in binaries.
/// </summary>
internal sealed class SheetBuilder
{
    private readonly SortedDictionary<int, SortedDictionary<int, object>> _rows = [];
    private readonly List<string> _merges = [];

    /// <summary>Cells from column A; null leaves a cell out, "" writes an empty cell.</summary>
    public SheetBuilder Row(int line, params object?[] values)
    {
        for (var column = 0; column < values.Length; column++)
            if (values[column] is { } value) Cells(line)[column] = value;
        return this;
    }

    /// <summary>A merged range such as "C4:F4"; Excel keeps the covered cells as empty styled cells.</summary>
    public SheetBuilder Merge(string range, bool writeCoveredCells = true)
    {
        _merges.Add(range);
        var (first, last) = (Parse(range.Split(':')[0]), Parse(range.Split(':')[1]));
        if (writeCoveredCells)
            for (var line = first.Line; line <= last.Line; line++)
            for (var column = first.Column; column <= last.Column; column++)
                Cells(line).TryAdd(column, "");
        return this;
    }

    public byte[] ToXlsx()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            var data = new SheetData();
            foreach (var (line, cells) in _rows)
            {
                var row = new Row { RowIndex = (uint)line };
                foreach (var (column, value) in cells)
                {
                    var cell = new Cell { CellReference = $"{(char)('A' + column)}{line}" };
                    switch (value)
                    {
                        case "": break;
                        case string text:
                            if (!strings.Contains(text)) strings.Add(text);
                            cell.DataType = CellValues.SharedString;
                            cell.CellValue = new CellValue(strings.IndexOf(text));
                            break;
                        default:
                            cell.CellValue = new CellValue(Convert.ToDouble(value));
                            break;
                    }
                    row.Append(cell);
                }
                data.Append(row);
            }
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(data);
            if (_merges.Count > 0)
                sheetPart.Worksheet.InsertAfter(new MergeCells(_merges.Select(r => new MergeCell { Reference = r })), data);
            var stringPart = workbook.AddNewPart<SharedStringTablePart>();
            stringPart.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Danh sách" }));
        }
        return stream.ToArray();
    }

    private SortedDictionary<int, object> Cells(int line)
    {
        if (!_rows.TryGetValue(line, out var cells)) _rows[line] = cells = [];
        return cells;
    }

    private static (int Line, int Column) Parse(string reference) => (int.Parse(reference[1..]), reference[0] - 'A');
}

internal static class Csv
{
    /// <summary>What Excel's "CSV UTF-8" writes in a Vietnamese locale: a BOM and ';' between fields.</summary>
    public static byte[] Utf8WithBom(params string[] lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    /// <summary>NFD: what a Mac, or some input methods, type for Vietnamese.</summary>
    public static string Decomposed(string text) => text.Normalize(NormalizationForm.FormD);
}
