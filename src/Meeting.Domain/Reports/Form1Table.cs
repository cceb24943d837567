using System.Globalization;

namespace DoiThoai.Domain;

/// <summary>One row of Mẫu 1 as text: the columns of the kind the dialogue was are filled, the other two kinds stay empty.</summary>
public sealed record Form1Row(string Number, string TimeAndContent, IReadOnlyList<string> Periodic, IReadOnlyList<string> Thematic,
    IReadOnlyList<string> AdHoc, string Note)
{
    /// <summary>The twelve cells in the order of the form: TT, time and content, 3 × (chair, audience, recommendations), note.</summary>
    public IReadOnlyList<string> Cells => [Number, TimeAndContent, .. Periodic, .. Thematic, .. AdHoc, Note];
}

/// <summary>
/// Mẫu 1 (Phụ lục I, seed 004): "Bảng tổng hợp kết quả đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân"
/// — TT; time and content; for each kind (định kỳ (1), chuyên đề (2), đột xuất (3)) the chair, the audience and the
/// people's recommendations; a note. One row per dialogue held, then "Tổng số". The recommendations cell summarises:
/// how many, by field, and how they were answered.
/// </summary>
public static class Form1Table
{
    public const int ColumnCount = 12;
    public const int ContentLimit = 200;

    public const string Title = "BẢNG TỔNG HỢP KẾT QUẢ ĐỐI THOẠI";
    public const string Subtitle = "GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, CHÍNH QUYỀN VỚI NHÂN DÂN";
    public const string NumberHeader = "TT";
    public const string TimeHeader = "Thời gian tổ chức, nội dung đối thoại";
    public const string NoteHeader = "Ghi chú";
    public static readonly IReadOnlyList<string> GroupHeaders = ["ĐỐI THOẠI ĐỊNH KỲ (1)", "ĐỐI THOẠI CHUYÊN ĐỀ (2)", "ĐỐI THOẠI ĐỘT XUẤT (3)"];
    public static readonly IReadOnlyList<string> SubHeaders = ["Chủ trì đối thoại", "Đối tượng đối thoại", "Kiến nghị của Nhân dân"];
    public const string TotalLabel = "Tổng số";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="showUnit">Across several units, the note names the commune that held the dialogue.</param>
    public static IReadOnlyList<Form1Row> Rows(ReportFigures figures, bool showUnit) =>
        figures.Meetings.Select((m, i) => Row(i + 1, m, showUnit)).ToList();

    public static Form1Row Row(int number, MeetingFigures meeting, bool showUnit)
    {
        string[] cells = [Chairs(meeting.Chairs), meeting.Audience, Recommendations(meeting.CollectedBefore, meeting.RaisedAtMeeting, meeting.ByField, meeting.Resolution)];
        var notes = new List<string>();
        if (showUnit) notes.Add(meeting.UnitName);
        if (meeting.Form == DialogueForm.Indirect) notes.Add("Đối thoại gián tiếp");
        return new Form1Row(number.ToString(Invariant), TimeAndContent(meeting),
            meeting.Kind == MeetingKind.Periodic ? cells : Empty,
            meeting.Kind == MeetingKind.Thematic ? cells : Empty,
            meeting.Kind == MeetingKind.AdHoc ? cells : Empty,
            string.Join("; ", notes));
    }

    /// <summary>"Tổng số": per kind, how many dialogues and how many recommendations, answered how.</summary>
    public static Form1Row Total(ReportFigures figures)
    {
        IReadOnlyList<string> Group(MeetingKind kind)
        {
            var held = figures.Meetings.Where(m => m.Kind == kind).ToList();
            if (held.Count == 0) return ["0 cuộc", "", ""];
            var before = held.Sum(m => m.CollectedBefore);
            var atMeeting = held.Sum(m => m.RaisedAtMeeting);
            var fields = Enum.GetValues<OpinionField>()
                .Select(f => new FieldCount(f, held.Sum(m => m.ByField.FirstOrDefault(c => c.Field == f)?.Opinions ?? 0))).ToList();
            var resolution = ResolutionCounts.Sum(held.Select(m => m.Resolution));
            return [$"{held.Count} cuộc", "", Recommendations(before, atMeeting, fields, resolution)];
        }
        return new Form1Row("", TotalLabel, Group(MeetingKind.Periodic), Group(MeetingKind.Thematic), Group(MeetingKind.AdHoc),
            $"{figures.MeetingsHeld} cuộc");
    }

    /// <summary>The column numbers under the header: (1) … (12).</summary>
    public static IReadOnlyList<string> ColumnNumbers => Enumerable.Range(1, ColumnCount).Select(n => n.ToString(Invariant)).ToList();

    public static string TimeAndContent(MeetingFigures meeting) =>
        $"- Ngày {meeting.Date.ToString("dd/MM/yyyy", Invariant)}\n- Nội dung: {Shorten(meeting.Content.Length > 0 ? meeting.Content : meeting.Title, ContentLimit)}";

    public static string Chairs(IReadOnlyList<ChairPerson> chairs) =>
        string.Join("\n", chairs.Select(c => c.Title.Length > 0 ? $"Đ/c {c.Name} – {c.Title}" : $"Đ/c {c.Name}"));

    /// <summary>"12 ý kiến, kiến nghị (thu thập trước 4, tại hội nghị 8). Lĩnh vực: … Kết quả: …" — zeros left out.</summary>
    public static string Recommendations(int before, int atMeeting, IReadOnlyList<FieldCount> fields, ResolutionCounts r)
    {
        var total = before + atMeeting;
        if (total == 0) return "Không có ý kiến, kiến nghị.";
        var lines = new List<string>
        {
            $"{total} ý kiến, kiến nghị" + (before > 0 && atMeeting > 0 ? $" (thu thập trước hội nghị {before}, tại hội nghị {atMeeting})"
                : before > 0 ? " (thu thập trước hội nghị)" : ""),
            "Lĩnh vực: " + string.Join("; ", fields.Where(f => f.Opinions > 0).Select(f => $"{f.Field.ToVietnamese()} {f.Opinions}")),
        };
        var results = new List<string>();
        if (r.ResolvedAtMeeting > 0) results.Add($"trả lời tại hội nghị {r.ResolvedAtMeeting}");
        if (r.InWriting > 0)
        {
            var parts = new List<string>();
            if (r.AnsweredInWriting > 0) parts.Add($"đã trả lời {r.AnsweredInWriting}" + (r.AnsweredLate > 0 ? $", trong đó quá hạn {r.AnsweredLate}" : ""));
            if (r.Overdue > 0) parts.Add($"quá hạn chưa trả lời {r.Overdue}");
            if (r.Pending > 0) parts.Add($"đang trong hạn {r.Pending}");
            if (r.AwaitingNotice > 0) parts.Add($"chờ thông báo kết luận {r.AwaitingNotice}");
            results.Add($"trả lời bằng văn bản {r.InWriting} ({string.Join("; ", parts)})");
        }
        if (r.Forwarded > 0) results.Add($"chuyển cấp trên {r.Forwarded}");
        if (r.NoOutcome > 0) results.Add($"chưa xử lý {r.NoOutcome}");
        lines.Add("Kết quả: " + string.Join("; ", results));
        return string.Join(".\n", lines) + ".";
    }

    public static string Shorten(string text, int limit)
    {
        var clean = SearchText.Clean(text);
        if (clean.Length <= limit) return clean;
        var cut = clean.LastIndexOf(' ', limit - 1);
        return clean[..(cut > limit / 2 ? cut : limit - 1)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    private static readonly string[] Empty = ["", "", ""];
}
