using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DoiThoai.Domain;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Web.Features.Sheets;

/// <summary>
/// What every list an office types in Excel has in common, for the delegate and the opinion imports: folded header
/// words, section rows ("I. …"), the footer under the list, phone numbers Excel stripped of their zero, merged cells.
/// </summary>
public static partial class SheetText
{
    // Bounds on any uploaded sheet. The biggest real list is a commune's few hundred delegates or opinions; these leave
    // ten times that and stop a file that only declares a huge size (a 5.7 KB .xlsx saying A1:XFD20000 kept a core busy
    // for 20 minutes) within seconds.
    /// <summary>Sheet rows read, title rows and header included.</summary>
    public const int MaxRows = 5_000;
    /// <summary>Columns read from A (to AX); cells further right are ignored. The templates use fewer than 10.</summary>
    public const int MaxColumns = 50;
    /// <summary>Merged cells MiniExcel may expand: the whole readable area.</summary>
    public const long MaxMergedCells = (long)MaxRows * MaxColumns;
    /// <summary>All parts of an .xlsx once unpacked: 20 times the 5 MB upload limit; a zip bomb stops here.</summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;
    /// <summary>Wall-clock time to read one file, on top of the caller's own cancellation.</summary>
    public static readonly TimeSpan MaxReadTime = TimeSpan.FromSeconds(10);

    public const string TooManyRows = "Tệp có quá nhiều dòng (tối đa 5.000 dòng). Hãy chia nhỏ danh sách.";
    public const string TooSlow = "Đọc tệp quá lâu, đã dừng. Tệp có thể bị hỏng hoặc quá lớn.";
    public const string TooLargeUnpacked = "Tệp Excel giải nén ra quá lớn (hơn 100 MB). Tệp có thể bị hỏng hoặc quá lớn; hãy chép danh sách sang tệp mới rồi nhập lại.";
    public const string TooManyMergedCells = "Tệp có vùng gộp ô quá lớn. Hãy bỏ gộp ô ở những cột, dòng ngoài danh sách rồi nhập lại.";

    /// <summary>Folded (no case, no diacritics, NFC/NFD alike) with punctuation as spaces: "Họ và tên:" → "ho va ten".</summary>
    public static string Words(string? text)
    {
        var folded = SearchText.Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }

    public static bool Starts(string words, params string[] prefixes) =>
        prefixes.Any(p => words == p || words.StartsWith(p + " ", StringComparison.Ordinal));

    /// <summary>The totals line, the date line and the signature block under the list.</summary>
    public static bool IsFooter(string[] row) => FooterPattern().IsMatch(Words(string.Join(' ', row)));

    /// <summary>Excel turns a typed 0912345678 into the number 912345678: give the zero back.</summary>
    public static string RestoreLeadingZero(string phone) =>
        phone.All(char.IsAsciiDigit) && (phone.Length == 9 && phone[0] != '0' || phone.Length == 10 && phone[0] == '2') ? "0" + phone : phone;

    [GeneratedRegex(@"^(?:[IVXLC]+|[A-Z])[.)]?$")]
    public static partial Regex SectionNumber();

    [GeneratedRegex(@"^(?:[IVXLC]+|[A-Z]|\d{1,2})\s*[.):\-–]\s*")]
    public static partial Regex ListMarker();

    [GeneratedRegex(@"^(?:tong cong|tong so|cong)(?: \d|$)|\bnguoi lap\b|\bky(?: va)? ghi ro\b|\bngay(?: \d+)? thang(?: \d+)? nam\b")]
    private static partial Regex FooterPattern();

    /// <summary>Every sheet as rows of cell text; a cell merged down (a xóm over its people) is given to each row.</summary>
    /// <remarks>
    /// Bounded whatever the file declares: MiniExcel sizes every row by the sheet's <c>&lt;dimension ref&gt;</c>
    /// (A1:XFD20000 made 16,384-cell rows, 20,000 times) and expands every merged range cell by cell, so the workbook is
    /// inspected first, MiniExcel reads only columns A–AX and rows 1–5,000, and every byte it reads checks the token.
    /// </remarks>
    public static IEnumerable<List<string[]>> XlsxSheets(byte[] content, CancellationToken ct)
    {
        Inspect(content, ct);
        // No disk cache for large shared-string tables (it writes temporary files); the unpacked size is bounded above.
        var configuration = new OpenXmlConfiguration { FillMergedCells = true, EnableSharedStringCache = false, EnableConvertByteArray = false };
        foreach (var sheet in MiniExcel.GetSheetNames(new CancellableStream(content, ct)))
            yield return MiniExcel.QueryRange(new CancellableStream(content, ct), useHeaderRow: false, sheetName: sheet,
                    excelType: ExcelType.XLSX, startRowIndex: 1, startColumnIndex: 1, endRowIndex: MaxRows, endColumnIndex: MaxColumns,
                    configuration: configuration)
                .Cast<IDictionary<string, object?>>()
                .Select(row =>
                {
                    ct.ThrowIfCancellationRequested();
                    return row.Values.Select(CellText).ToArray();
                })
                .ToList();
    }

    /// <summary>
    /// Refuses, before MiniExcel opens it, a workbook that unpacks to more than <see cref="MaxUnpackedBytes"/> (the zip
    /// reader stops at each entry's declared size), has a value below row <see cref="MaxRows"/> in any sheet, or merges
    /// more than <see cref="MaxMergedCells"/> cells.
    /// </summary>
    private static void Inspect(byte[] content, CancellationToken ct)
    {
        using var zip = new ZipArchive(new CancellableStream(content, ct), ZipArchiveMode.Read);
        if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes) throw new SheetRefused(TooLargeUnpacked);
        var settings = new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = true, XmlResolver = null, DtdProcessing = DtdProcessing.Prohibit };
        foreach (var entry in zip.Entries.Where(e => e.FullName.TrimStart('/').StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
                     && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            using var reader = XmlReader.Create(entry.Open(), settings);
            var (row, merged) = (0, 0L);
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.LocalName)
                {
                    case "row":
                        row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                        break;
                    // A value (<v>, or an inline string <is>) below the limit; empty styled rows below it (borders
                    // drawn down the page) are no reason to refuse.
                    case "v" or "is" when row > MaxRows:
                        throw new SheetRefused(TooManyRows);
                    case "mergeCell":
                        merged += MergedCells(reader.GetAttribute("ref"));
                        if (merged > MaxMergedCells) throw new SheetRefused(TooManyMergedCells);
                        break;
                }
            }
        }
    }

    /// <summary>How many cells a range such as "C4:F40" covers, as MiniExcel will expand it; 0 when not a range.</summary>
    private static long MergedCells(string? range)
    {
        var ends = range?.Split(':');
        if (ends is not { Length: 2 } || Cell(ends[0]) is not { } first || Cell(ends[1]) is not { } last) return 0;
        return (Math.Abs(last.Column - first.Column) + 1L) * (Math.Abs(last.Row - first.Row) + 1L);
    }

    private static (long Column, long Row)? Cell(string reference)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
        if (letters is 0 or > 3 || !long.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row)) return null;
        var column = reference[..letters].Aggregate(0L, (sum, c) => sum * 26 + char.ToUpperInvariant(c) - 'A' + 1);
        return (column, row);
    }

    /// <summary>The upload's bytes as MiniExcel and the zip reader see them: every read checks the token, inside the library too.</summary>
    private sealed class CancellableStream(byte[] content, CancellationToken ct) : MemoryStream(content, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            ct.ThrowIfCancellationRequested();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            ct.ThrowIfCancellationRequested();
            return base.Read(buffer);
        }

        public override int ReadByte()
        {
            ct.ThrowIfCancellationRequested();
            return base.ReadByte();
        }
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => number.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A file we recognise and refuse, with the Vietnamese reason (parsers' own exceptions stay unshown).</summary>
public sealed class SheetRefused(string message) : Exception(message);
