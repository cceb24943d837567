using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Sheets;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

using static DoiThoai.Web.Features.Sheets.SheetText;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>
/// Reads a sheet of opinions collected before the meeting (the Front's summary, a union's list, the office's own
/// register) — title rows above the header, a field written as a section row ("I. LĨNH VỰC KINH TẾ") or in its own
/// column, blank rows, a signature block below — into a preview. Pure: it saves nothing and never throws on a bad file.
/// Columns: Họ tên, Địa chỉ / thôn, Lĩnh vực, Nội dung, Nguồn / kênh, Ngày nhận (and optionally STT, Điện thoại).
/// </summary>
public static partial class OpinionSheetReader
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const string TooLarge = "Tệp lớn hơn 5 MB. Hãy để trong tệp chỉ danh sách ý kiến rồi nhập lại.";
    private const int HeaderSearchRows = 20;

    private enum Column { None, Number, Name, Place, Field, Content, Channel, Received, Phone }

    private sealed record Layout(int FirstDataRow, Dictionary<Column, int> Columns);

    /// <summary>
    /// Reads an upload: at most one byte over the limit is buffered; the reading itself runs off the caller's thread
    /// (a Blazor circuit stays responsive) within <see cref="SheetText.MaxReadTime"/>.
    /// </summary>
    public static async Task<OpinionSheetPreview> ReadAsync(Stream content, string fileName, IEnumerable<Opinion> existing,
        CollectedChannel defaultChannel, DateOnly today, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return OpinionSheetPreview.Failed(fileName, TooLarge);
        }
        var bytes = buffer.ToArray();
        return await Task.Run(() => Read(bytes, fileName, existing, defaultChannel, today, ct), ct);
    }

    /// <summary>Within <see cref="SheetText.MaxReadTime"/>; cancelling <paramref name="ct"/> throws, the time limit gives a message.</summary>
    public static OpinionSheetPreview Read(byte[] content, string fileName, IEnumerable<Opinion> existing, CollectedChannel defaultChannel,
        DateOnly today, CancellationToken ct = default)
    {
        using var timeLimit = new CancellationTokenSource(MaxReadTime);
        return Read(content, fileName, existing, defaultChannel, today, timeLimit.Token, ct);
    }

    /// <summary>The time limit as a token, so a test can make it run out without waiting.</summary>
    internal static OpinionSheetPreview Read(byte[] content, string fileName, IEnumerable<Opinion> existing, CollectedChannel defaultChannel,
        DateOnly today, CancellationToken timeLimit, CancellationToken ct)
    {
        if (content.Length > MaxBytes) return OpinionSheetPreview.Failed(fileName, TooLarge);
        if (content.Length == 0) return OpinionSheetPreview.Failed(fileName, $"Tệp “{fileName}” trống.");
        if (content is [0xD0, 0xCF, 0x11, 0xE0, ..])
            return OpinionSheetPreview.Failed(fileName,
                $"Tệp “{fileName}” là Excel 97–2003 (.xls). Hãy mở tệp, chọn Lưu thành “Excel Workbook (.xlsx)” rồi nhập lại.");
        if (content is not [0x50, 0x4B, 0x03, 0x04, ..])
            return OpinionSheetPreview.Failed(fileName, $"Tệp “{fileName}” không phải bảng tính Excel (.xlsx). Hãy lưu danh sách dạng .xlsx rồi nhập lại.");

        List<string[]>? rows = null;
        Layout? layout = null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timeLimit);
        try
        {
            foreach (var sheet in XlsxSheets(content, limit.Token))
            {
                if (FindLayout(sheet) is not { } found) continue;
                (rows, layout) = (sheet, found);
                break;
            }
        }
        catch (SheetRefused refused)
        {
            return OpinionSheetPreview.Failed(fileName, refused.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return OpinionSheetPreview.Failed(fileName, TooSlow);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // A damaged or foreign file makes the parser throw anything (zip, XML, format errors): one message for all.
            return OpinionSheetPreview.Failed(fileName,
                $"Không đọc được tệp “{fileName}”: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). Hãy mở tệp, lưu lại dạng .xlsx rồi nhập lại.");
        }
        if (rows is null || layout is null)
            return OpinionSheetPreview.Failed(fileName,
                $"Không tìm thấy dòng tiêu đề có cột “Nội dung” và cột “Họ tên” trong {HeaderSearchRows} dòng đầu của tệp “{fileName}”. "
                + "Hãy dùng tệp mẫu, hoặc đặt tên cột là “Họ tên” và “Nội dung ý kiến”.");

        var preview = new OpinionSheetPreview(fileName, ReadRows(rows, layout, existing, defaultChannel, today));
        return preview.Rows.Count > 0 ? preview
            : OpinionSheetPreview.Failed(fileName, $"Tệp “{fileName}” không có ý kiến nào dưới dòng tiêu đề.");
    }

    private static List<OpinionSheetRow> ReadRows(List<string[]> rows, Layout layout, IEnumerable<Opinion> existing,
        CollectedChannel defaultChannel, DateOnly today)
    {
        var known = existing.Where(o => o.IsCollected).Select(o => Identity(o.SubmitterName, o.Content)).ToHashSet();
        var firstLine = new Dictionary<string, int>();
        var result = new List<OpinionSheetRow>();
        OpinionField? sectionField = null;
        string Get(string[] row, Column column) =>
            layout.Columns.TryGetValue(column, out var index) && index < row.Length ? SearchText.Clean(row[index]) : "";

        for (var index = layout.FirstDataRow; index < rows.Count; index++)
        {
            var row = rows[index];
            var line = index + 1;
            var (name, place, fieldText, content, channelText, receivedText, phoneText) = (Get(row, Column.Name), Get(row, Column.Place),
                Get(row, Column.Field), ContentOf(row, layout), Get(row, Column.Channel), Get(row, Column.Received), Get(row, Column.Phone));
            var numbered = Get(row, Column.Number).Any(char.IsAsciiDigit);
            if (!numbered && IsFooter(row)) break;
            if (IsSection(row, layout, out var heading))
            {
                sectionField = heading;
                continue;
            }
            if ((name + place + fieldText + content + channelText + receivedText + phoneText).Length == 0) continue;

            var problems = new List<string>();
            void Problem(string text) => problems.Add($"dòng {line}: {text}");
            if (name.Length == 0) Problem("thiếu họ tên người (hoặc tổ chức) nêu ý kiến");
            else if (name.Length > Meeting.MaxNameLength) Problem($"họ tên dài quá {Meeting.MaxNameLength} ký tự");
            if (place.Length > Meeting.MaxPlaceLength) Problem($"địa chỉ dài quá {Meeting.MaxPlaceLength} ký tự");
            if (content.Length == 0) Problem("thiếu nội dung ý kiến");
            else if (content.Length > Meeting.MaxContentLength) Problem($"nội dung dài quá {Meeting.MaxContentLength} ký tự ({content.Length})");
            var field = fieldText.Length == 0 ? sectionField ?? OpinionField.Other : ParseField(fieldText);
            if (field is null)
                Problem($"lĩnh vực “{fieldText}” không rõ (ghi Kinh tế, Văn hóa - Xã hội, Quốc phòng - An ninh, Xây dựng Đảng, Tổ chức cán bộ, Đất đai, môi trường hoặc Khác)");
            var channel = channelText.Length == 0 ? defaultChannel : ParseChannel(channelText);
            DateOnly? received = null;
            if (receivedText.Length > 0)
            {
                received = ParseDate(receivedText);
                if (received is null) Problem($"ngày nhận “{receivedText}” không hợp lệ (ghi ngày/tháng/năm, ví dụ 05/05/2026)");
                else if (received > today) Problem($"ngày nhận {Show(received.Value)} chưa đến");
            }
            string? phone = null;
            try
            {
                phone = MeetingDelegate.CleanPhone(RestoreLeadingZero(phoneText));
            }
            catch (MeetingRuleException)
            {
                Problem($"số điện thoại “{phoneText}” không hợp lệ (chỉ gồm chữ số, 8–15 số)");
            }

            var status = OpinionRowStatus.Invalid;
            CollectedOpinionDraft? draft = null;
            if (problems.Count == 0)
            {
                draft = new CollectedOpinionDraft(name, place, field!.Value, content, channel, received, phone);
                var identity = Identity(name, content);
                if (known.Contains(identity)) status = OpinionRowStatus.AlreadyCollected;
                else if (firstLine.TryGetValue(identity, out var first))
                {
                    status = OpinionRowStatus.Repeated;
                    problems.Add($"dòng {line}: trùng với dòng {first} (cùng người, cùng nội dung), bỏ qua");
                }
                else
                {
                    status = OpinionRowStatus.New;
                    firstLine[identity] = line;
                }
            }
            result.Add(new OpinionSheetRow(line, name, place, field?.ToVietnamese() ?? fieldText, content, channel.ToVietnamese(),
                received is { } day ? Show(day) : receivedText, status, draft, problems));
        }
        return result;
    }

    /// <summary>A content split over two columns ("Nội dung" and a merged neighbour) is read as one text.</summary>
    private static string ContentOf(string[] row, Layout layout) =>
        layout.Columns.TryGetValue(Column.Content, out var index) && index < row.Length
            ? SearchText.CleanText(row[index])
            : "";

    /// <summary>Understands a field as offices write it ("Lĩnh vực kinh tế", "ANTT", "Đất đai"); empty is Khác; null when not understood.</summary>
    public static OpinionField? ParseField(string? text)
    {
        var words = Words(text);
        if (words.Length == 0) return OpinionField.Other;
        var padded = $" {words} ";
        bool Has(params string[] phrases) => phrases.Any(p => padded.Contains($" {p} ", StringComparison.Ordinal));
        if (Has("dat dai", "moi truong", "tai nguyen", "dat", "qldd")) return OpinionField.LandEnvironment;
        if (Has("quoc phong", "an ninh", "trat tu", "qp an", "qpan", "antt", "an toan giao thong", "atgt")) return OpinionField.DefenceSecurity;
        if (Has("to chuc can bo", "can bo", "tccb")) return OpinionField.Personnel;
        if (Has("xay dung dang", "dang", "he thong chinh tri", "chinh quyen", "xdd")) return OpinionField.PartyBuilding;
        if (Has("kinh te", "nong nghiep", "giao thong", "xay dung", "tai chinh", "ngan sach", "kt")) return OpinionField.Economy;
        if (Has("van hoa", "xa hoi", "giao duc", "y te", "chinh sach", "vhxh")) return OpinionField.CultureSociety;
        if (Has("khac", "linh vuc khac")) return OpinionField.Other;
        return null;
    }

    /// <summary>Where the opinion came from; anything not recognised is "Khác" (the preview shows it before import).</summary>
    public static CollectedChannel ParseChannel(string? text)
    {
        var words = Words(text);
        var padded = $" {words} ";
        bool Has(params string[] phrases) => phrases.Any(p => padded.Contains($" {p} ", StringComparison.Ordinal));
        if (Has("mttq", "mat tran", "uy ban mttq")) return CollectedChannel.Front;
        if (Has("chi bo", "dang vien")) return CollectedChannel.PartyCell;
        if (Has("email", "e mail", "thu dien tu", "mail")) return CollectedChannel.Email;
        if (Has("truc tuyen", "online", "phieu truc tuyen", "cong thong tin", "website")) return CollectedChannel.OnlineForm;
        if (Has("don", "don thu", "thu", "buu dien")) return CollectedChannel.Letter;
        if (Has("hoi", "doan", "doan the", "doan thanh nien", "phu nu", "nong dan", "cuu chien binh", "ccb", "thanh nien", "cong doan"))
            return CollectedChannel.Unions;
        return CollectedChannel.Other;
    }

    private static DateOnly? ParseDate(string text)
    {
        string[] formats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d", "d/M/yy", "yyyy-M-d H:m:s", "d/M/yyyy H:m:s", "d/M/yyyy H:m"];
        if (DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            return DateOnly.FromDateTime(date);
        // A date cell Excel keeps as its serial number (days since 1899-12-30).
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return null;
    }

    private static string Show(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Column Classify(string? header)
    {
        var h = Words(header);
        if (h.Length is 0 or > 60) return Column.None;
        if (h is "stt" or "tt" or "so tt" or "so thu tu" or "thu tu" or "so") return Column.Number;
        // Before "ý kiến": "Nguồn ý kiến" and "Ngày nhận ý kiến" are not the content.
        if (Starts(h, "nguon", "kenh", "hinh thuc tiep nhan", "hinh thuc", "noi chuyen den", "co quan chuyen", "don vi tong hop")) return Column.Channel;
        if (Starts(h, "ngay nhan", "ngay tiep nhan", "thoi gian nhan", "ngay")) return Column.Received;
        if (Starts(h, "dien thoai", "so dien thoai", "sdt", "so dt", "dt")) return Column.Phone;
        if (Starts(h, "linh vuc", "phan loai linh vuc", "nhom van de")) return Column.Field;
        if (Starts(h, "ho ten", "ho va ten", "ten nguoi", "nguoi neu", "nguoi gui", "nguoi kien nghi", "ten to chuc", "to chuc ca nhan",
                "ca nhan to chuc", "ten ca nhan", "cu tri", "ten")) return Column.Name;
        if (Starts(h, "dia chi", "thon", "xom", "noi o", "noi cu tru", "to dan pho", "don vi", "co quan")) return Column.Place;
        if (Starts(h, "noi dung", "y kien", "kien nghi", "tom tat noi dung", "van de")) return Column.Content;
        return Column.None;
    }

    /// <summary>The first row among the first ones with both a name and a content column; title rows above it are skipped.</summary>
    private static Layout? FindLayout(List<string[]> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            var columns = new Dictionary<Column, int>();
            for (var c = 0; c < rows[i].Length; c++)
                if (Classify(rows[i][c]) is var column and not Column.None) columns.TryAdd(column, c);
            if (columns.ContainsKey(Column.Name) && columns.ContainsKey(Column.Content)) return new Layout(i + 1, columns);
        }
        return null;
    }

    /// <summary>
    /// "I. LĨNH VỰC KINH TẾ" or "Lĩnh vực quốc phòng - an ninh": one text across the row (a merged cell) that starts with
    /// "Lĩnh vực" or is a numbered heading in capitals; or a Roman numeral in the STT column with the heading beside it.
    /// Its field applies to the rows below that do not say theirs. A person's opinion is never written in capitals.
    /// </summary>
    private static bool IsSection(string[] row, Layout layout, out OpinionField? field)
    {
        field = null;
        var texts = row.Select((cell, column) => (Text: SearchText.Clean(cell), Column: column)).Where(c => c.Text.Length > 0).ToList();
        if (texts.Count == 0) return false;
        var numberColumn = layout.Columns.GetValueOrDefault(Column.Number, -1);
        string heading;
        if (texts.FirstOrDefault(t => t.Column == numberColumn).Text is { } number && SectionNumber().IsMatch(number))
            heading = string.Join(' ', texts.Where(t => t.Column != numberColumn).Select(t => t.Text).Distinct());
        else
        {
            if (texts.Select(t => t.Text).Distinct().Count() != 1) return false;
            var marker = ListMarker().Match(texts[0].Text);
            heading = texts[0].Text[marker.Length..];
            var capitals = heading.Any(char.IsLetter) && heading.Where(char.IsLetter).All(char.IsUpper);
            if (!Starts(Words(heading), "linh vuc") && !(marker.Success && capitals)) return false;
        }
        var words = Words(heading);
        if (Starts(words, "linh vuc")) words = words["linh vuc".Length..].Trim();
        field = ParseField(words);
        return true;
    }

    /// <summary>The same person with the same words, whatever the case, accents typed or spacing (as the domain skips them).</summary>
    public static string Identity(string name, string content) => $"{SearchText.Fold(name)}|{SearchText.Fold(content)}";
}
