using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Sheets;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

using static DoiThoai.Web.Features.Sheets.SheetText;

namespace DoiThoai.Web.Features.Delegates.Import;

/// <summary>
/// Reads a delegate list as offices really keep it — .xlsx or .csv, title rows above the header, a header merged
/// over two rows, section rows ("I. ĐẠI BIỂU THÀNH PHỐ"), blank rows, a signature block below, composed or
/// decomposed Vietnamese, stray spaces — into a preview. Pure: it saves nothing and never throws on a bad file.
/// </summary>
public static partial class DelegateSheetReader
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const string TooLarge = "Tệp lớn hơn 5 MB. Hãy để trong tệp chỉ danh sách đại biểu rồi nhập lại.";
    private const int HeaderSearchRows = 20;

    private enum Field { None, Number, Name, Title, Organization, Group, Phone }

    /// <summary>Where the header is and which column holds what; a name split in "Họ đệm" and "Tên" has two columns.</summary>
    private sealed record Layout(int FirstDataRow, Dictionary<Field, int> Columns, int[] NameColumns);

    /// <summary>
    /// Reads an upload: at most one byte over the limit is buffered, so a huge file is refused early; the reading itself
    /// runs off the caller's thread (a Blazor circuit stays responsive) within <see cref="SheetText.MaxReadTime"/>.
    /// </summary>
    public static async Task<ImportPreview> ReadAsync(Stream content, string fileName, IEnumerable<MeetingDelegate> existing,
        CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return ImportPreview.Failed(fileName, TooLarge);
        }
        var bytes = buffer.ToArray();
        return await Task.Run(() => Read(bytes, fileName, existing, ct), ct);
    }

    /// <summary>Within <see cref="SheetText.MaxReadTime"/>; cancelling <paramref name="ct"/> throws, the time limit gives a message.</summary>
    public static ImportPreview Read(byte[] content, string fileName, IEnumerable<MeetingDelegate> existing, CancellationToken ct = default)
    {
        using var timeLimit = new CancellationTokenSource(MaxReadTime);
        return Read(content, fileName, existing, timeLimit.Token, ct);
    }

    /// <summary>The time limit as a token, so a test can make it run out without waiting.</summary>
    internal static ImportPreview Read(byte[] content, string fileName, IEnumerable<MeetingDelegate> existing, CancellationToken timeLimit,
        CancellationToken ct)
    {
        if (content.Length > MaxBytes) return ImportPreview.Failed(fileName, TooLarge);
        if (content.Length == 0) return ImportPreview.Failed(fileName, $"Tệp “{fileName}” trống.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        List<string[]>? rows = null;
        Layout? layout = null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timeLimit);
        try
        {
            // The content decides, not the name: a renamed .xlsx still reads, a renamed picture does not.
            var isXlsx = content is [0x50, 0x4B, 0x03, 0x04, ..];
            IEnumerable<List<string[]>> candidates = content switch
            {
                _ when isXlsx => XlsxSheets(content, limit.Token),
                [0xD0, 0xCF, 0x11, 0xE0, ..] => throw new SheetRefused(
                    $"Tệp “{fileName}” là Excel 97–2003 (.xls). Hãy mở tệp, chọn Lưu thành “Excel Workbook (.xlsx)” rồi nhập lại."),
                _ when extension is ".csv" or ".txt" => CsvReadings(content, limit.Token),
                _ => throw new SheetRefused(extension is ".xlsx" or ".xlsm"
                    ? Unreadable(fileName)
                    : $"Tệp “{fileName}” không phải bảng tính. Chỉ nhập được tệp Excel (.xlsx) hoặc CSV (.csv)."),
            };
            // The first sheet with a header; for a CSV, the separator that recognises most columns.
            foreach (var candidate in candidates)
            {
                if (FindLayout(candidate) is not { } found || found.Columns.Count <= (layout?.Columns.Count ?? 0)) continue;
                (rows, layout) = (candidate, found);
                if (isXlsx) break;
            }
        }
        catch (SheetRefused refused)
        {
            return ImportPreview.Failed(fileName, refused.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ImportPreview.Failed(fileName, TooSlow);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // A damaged or foreign file makes the parser throw anything (zip, XML, format errors): one message for all.
            return ImportPreview.Failed(fileName, Unreadable(fileName));
        }
        if (rows is null || layout is null)
            return ImportPreview.Failed(fileName,
                $"Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong {HeaderSearchRows} dòng đầu của tệp “{fileName}”. " +
                "Hãy dùng tệp mẫu, hoặc đặt tên cột họ tên là “Họ và tên”.");

        var preview = new ImportPreview(fileName, ReadRows(rows, layout, existing));
        return preview.Rows.Count > 0 ? preview
            : ImportPreview.Failed(fileName, $"Tệp “{fileName}” không có dòng đại biểu nào dưới dòng tiêu đề.");
    }

    private static string Unreadable(string fileName) =>
        $"Không đọc được tệp “{fileName}”: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). " +
        "Hãy mở tệp, lưu lại dạng .xlsx hoặc .csv rồi nhập lại.";

    private static List<ImportRow> ReadRows(List<string[]> rows, Layout layout, IEnumerable<MeetingDelegate> existing)
    {
        var byIdentity = existing.GroupBy(d => d.Identity).ToDictionary(g => g.Key, g => g.First());
        var firstLine = new Dictionary<string, int>();
        var result = new List<ImportRow>();
        DelegateGroup? sectionGroup = null;
        string Get(string[] row, Field field) =>
            field == Field.Name ? SearchText.Clean(string.Join(' ', layout.NameColumns.Where(c => c < row.Length).Select(c => row[c])))
            : layout.Columns.TryGetValue(field, out var column) && column < row.Length ? SearchText.Clean(row[column]) : "";

        for (var index = layout.FirstDataRow; index < rows.Count; index++)
        {
            var row = rows[index];
            var line = index + 1;
            var (name, title, organization, groupText, phoneText) =
                (Get(row, Field.Name), Get(row, Field.Title), Get(row, Field.Organization), Get(row, Field.Group), Get(row, Field.Phone));
            var numbered = Get(row, Field.Number).Any(char.IsAsciiDigit);
            if (!numbered && IsFooter(row)) break;
            if (IsSection(row, layout, out var heading))
            {
                sectionGroup = heading;
                continue;
            }
            // Blank, or only its STT: nothing to import and nothing to report.
            if ((name + title + organization + groupText + phoneText).Length == 0) continue;

            var problems = new List<string>();
            void Problem(string text) => problems.Add($"dòng {line}: {text}");
            if (name.Length == 0) Problem("thiếu họ tên");
            else if (name.Length > Meeting.MaxNameLength) Problem($"họ tên dài quá {Meeting.MaxNameLength} ký tự");
            if (title.Length > MeetingDelegate.MaxTextLength) Problem($"chức vụ dài quá {MeetingDelegate.MaxTextLength} ký tự");
            if (organization.Length > MeetingDelegate.MaxTextLength)
                Problem($"cơ quan, thôn, xóm dài quá {MeetingDelegate.MaxTextLength} ký tự");
            var group = groupText.Length == 0 ? sectionGroup ?? DelegateGroup.People : ParseGroup(groupText);
            if (group is null)
                Problem($"nhóm “{groupText}” không rõ (ghi Đại biểu thành phố, Đại biểu xã, Đại biểu thôn xóm hoặc Nhân dân)");
            string? phone = null;
            try
            {
                phone = MeetingDelegate.CleanPhone(RestoreLeadingZero(phoneText));
            }
            catch (MeetingRuleException)
            {
                Problem($"số điện thoại “{phoneText}” không hợp lệ (chỉ gồm chữ số, 8–15 số)");
            }
            if (problems.Count == 0)
            {
                var identity = MeetingDelegate.IdentityKey(name, organization);
                if (firstLine.TryGetValue(identity, out var first))
                    Problem($"trùng với dòng {first} ({name}, {(organization.Length > 0 ? organization : "không ghi đơn vị")})");
                else firstLine[identity] = line;
            }

            var draft = problems.Count == 0 ? new DelegateDraft(name, title, organization, group!.Value, phone) : null;
            var status = draft is null ? ImportRowStatus.Invalid
                : !byIdentity.TryGetValue(MeetingDelegate.IdentityKey(name, organization), out var known) ? ImportRowStatus.New
                : known.Differs(draft) ? ImportRowStatus.Update
                : ImportRowStatus.Unchanged;
            result.Add(new ImportRow(line, name, title, organization, group?.ToVietnamese() ?? groupText,
                phone ?? phoneText, status, draft, problems));
        }
        return result;
    }

    /// <summary>Understands the group as offices write it; empty means Nhân dân; null when not understood.</summary>
    public static DelegateGroup? ParseGroup(string? text)
    {
        var words = Words(text);
        if (words.Length == 0) return DelegateGroup.People;
        var padded = $" {words} ";
        bool Has(params string[] phrases) => phrases.Any(p => padded.Contains($" {p} ", StringComparison.Ordinal));
        // Order matters: "tổ dân phố" is a place, not "dân"; "nhân dân xóm 3" is the people, not the xóm's delegate.
        if (Has("to dan pho", "khu dan cu")) return DelegateGroup.VillageDelegate;
        if (Has("nhan dan", "nguoi dan", "cong dan", "ho gia dinh", "dan", "nd")) return DelegateGroup.People;
        if (Has("thon", "xom", "ap", "lang")) return DelegateGroup.VillageDelegate;
        if (Has("thanh pho", "tp", "tinh")) return DelegateGroup.CityDelegate;
        if (Has("xa", "phuong", "thi tran")) return DelegateGroup.CommuneDelegate;
        return null;
    }

    private static Field Classify(string? header)
    {
        var h = Words(header);
        if (h.Length is 0 or > 40) return Field.None;
        if (h is "stt" or "tt" or "so tt" or "so thu tu" or "thu tu") return Field.Number;
        if (h is "ten" or "ho" or "ho dem" or "ho va dem" || Starts(h, "ho va ten", "ho ten", "ten dai bieu", "ten nguoi du")) return Field.Name;
        if (Starts(h, "chuc vu", "chuc danh")) return Field.Title;
        if (Starts(h, "co quan", "don vi", "dia chi", "noi cong tac", "thon", "xom", "to dan pho")) return Field.Organization;
        if (Starts(h, "nhom", "thanh phan", "doi tuong", "loai dai bieu")) return Field.Group;
        if (Starts(h, "dien thoai", "so dien thoai", "sdt", "so dt", "dt", "dtdd")) return Field.Phone;
        return Field.None;
    }

    /// <summary>The first row with a name column among the first rows; title rows above it are skipped.</summary>
    private static Layout? FindLayout(List<string[]> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            var fields = rows[i].Select(Classify).ToArray();
            var nameColumn = Array.IndexOf(fields, Field.Name);
            if (nameColumn < 0) continue;
            var firstData = i + 1;
            // Headers merged over two rows: "Chức vụ", "Nhóm"… sit under a merged "Thông tin đại biểu".
            if (i + 1 < rows.Count && IsSubHeader(rows[i + 1], nameColumn))
            {
                var below = rows[i + 1];
                Array.Resize(ref fields, Math.Max(fields.Length, below.Length));
                for (var c = 0; c < below.Length; c++)
                    if (Classify(below[c]) is var field and not Field.None) fields[c] = field;
                firstData = i + 2;
            }
            var columns = new Dictionary<Field, int>();
            for (var c = 0; c < fields.Length; c++)
                if (fields[c] != Field.None) columns.TryAdd(fields[c], c);
            var nameColumns = Enumerable.Range(0, fields.Length).Where(c => fields[c] == Field.Name).ToArray();
            return new Layout(firstData, columns, nameColumns);
        }
        return null;
    }

    /// <summary>A second header row: some known headers, no numbers, and no person in the name column.</summary>
    private static bool IsSubHeader(string[] row, int nameColumn)
    {
        if (row.Any(cell => cell.Any(char.IsDigit))) return false;
        if (nameColumn < row.Length && !string.IsNullOrWhiteSpace(row[nameColumn]) && Classify(row[nameColumn]) != Field.Name) return false;
        return row.Any(cell => Classify(cell) != Field.None);
    }

    /// <summary>
    /// "I. ĐẠI BIỂU THÀNH PHỐ": one text across the row (a merged cell), alone in the STT column, with a list marker
    /// or starting "Đại biểu…" (no one's name does); or "II" in the STT column and the heading beside it. Its group
    /// applies to the rows below that do not say theirs.
    /// </summary>
    private static bool IsSection(string[] row, Layout layout, out DelegateGroup? group)
    {
        group = null;
        var texts = row.Select((cell, column) => (Text: SearchText.Clean(cell), Column: column)).Where(c => c.Text.Length > 0).ToList();
        if (texts.Count == 0) return false;
        var numberColumn = layout.Columns.GetValueOrDefault(Field.Number, -1);
        string heading;
        if (texts.FirstOrDefault(t => t.Column == numberColumn).Text is { } number && SectionNumber().IsMatch(number))
            heading = string.Join(' ', texts.Where(t => t.Column != numberColumn).Select(t => t.Text).Distinct());
        else
        {
            if (texts.Select(t => t.Text).Distinct().Count() != 1) return false;
            heading = texts[0].Text;
            if (!heading.Any(char.IsLetter)) return false;
            var marker = ListMarker().Match(heading);
            if (!marker.Success && texts.Count < 2 && texts[0].Column != numberColumn
                && !Starts(Words(heading), "dai bieu", "nhan dan", "khach moi", "thanh phan")) return false;
            heading = heading[marker.Length..];
        }
        group = Words(heading).Length > 0 ? ParseGroup(heading) : null;
        return true;
    }


    /// <summary>The CSV read with each usual separator (or the one a "sep=" line names); the header decides.</summary>
    private static IEnumerable<List<string[]>> CsvReadings(byte[] content, CancellationToken ct)
    {
        var text = Decode(content);
        if (text.Contains('\0')) throw new SheetRefused("Tệp không phải bảng tính CSV (có dữ liệu nhị phân).");
        // Excel writes "sep=;" as the first line when asked to; it is not a row the user sees.
        if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length > 4 && text[4] is not '\r' and not '\n')
        {
            var separator = text[4];
            var firstBreak = text.IndexOf('\n');
            yield return ParseCsv(firstBreak < 0 ? "" : text[(firstBreak + 1)..], separator, ct);
            yield break;
        }
        foreach (var separator in new[] { ',', ';', '\t' }) yield return ParseCsv(text, separator, ct);
    }

    /// <summary>UTF-8 with or without BOM, UTF-16 with BOM; else the Windows Vietnamese code page Excel uses for "CSV".</summary>
    private static string Decode(byte[] content) => content switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(content, 3, content.Length - 3),
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(content, 2, content.Length - 2),
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2),
        _ => TryStrictUtf8(content) ?? CodePagesEncodingProvider.Instance.GetEncoding(1258)!.GetString(content),
    };

    private static string? TryStrictUtf8(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// RFC 4180: quoted fields may hold separators, doubled quotes and line breaks; one record is one sheet row. Bounded
    /// like an .xlsx: fields right of <see cref="SheetText.MaxColumns"/> are dropped, a value below
    /// <see cref="SheetText.MaxRows"/> refuses the file, and the token is checked at every record.
    /// </summary>
    private static List<string[]> ParseCsv(string text, char separator, CancellationToken ct)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        // Whether the field so far is only spaces (a quote there opens a quoted field): kept as a flag, since testing
        // the text at every quote made a long field with many quotes quadratic.
        var (quoted, blank) = (false, true);
        void Append(char c)
        {
            field.Append(c);
            blank &= char.IsWhiteSpace(c);
        }
        void EndField()
        {
            if (row.Count < MaxColumns) row.Add(field.ToString());
            field.Clear();
            blank = true;
        }
        void EndRow()
        {
            ct.ThrowIfCancellationRequested();
            EndField();
            if (rows.Count < MaxRows) rows.Add([.. row]);
            else if (row.Any(cell => !string.IsNullOrWhiteSpace(cell))) throw new SheetRefused(TooManyRows);
            row.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"' && blank)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == separator) EndField();
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRow();
            }
            else Append(c);
        }
        if (field.Length > 0 || row.Count > 0) EndRow();
        return rows;
    }
}
