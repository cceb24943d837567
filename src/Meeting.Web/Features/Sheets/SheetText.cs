using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
    public static IEnumerable<List<string[]>> XlsxSheets(byte[] content)
    {
        var configuration = new OpenXmlConfiguration { FillMergedCells = true };
        foreach (var sheet in MiniExcel.GetSheetNames(new MemoryStream(content)))
            yield return MiniExcel.Query(new MemoryStream(content), useHeaderRow: false, sheetName: sheet,
                    excelType: ExcelType.XLSX, configuration: configuration)
                .Cast<IDictionary<string, object?>>()
                .Select(row => row.Values.Select(CellText).ToArray())
                .ToList();
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
