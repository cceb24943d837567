using System.Globalization;

namespace DoiThoai.Domain;

/// <summary>
/// One kind's seven cells in a row of Mẫu 1: the chair, the audience and the five counts of the people's recommendations.
/// <see cref="Counts"/> is null where the row's dialogue was of another kind: those cells stay empty.
/// </summary>
public sealed record Form1Group(string Chair, string Audience, ResolutionCounts? Counts)
{
    public static readonly Form1Group None = new("", "", null);

    /// <summary>Tổng số, trả lời tại hội nghị, đã trả lời bằng văn bản, đang giải quyết, chuyển cấp trên; null for another kind.</summary>
    public IReadOnlyList<int>? Numbers => Counts is { } counts ? Form1Table.Numbers(counts) : null;

    /// <summary>The seven cells: text for chair and audience, an int for each count (nothing for another kind).</summary>
    public IReadOnlyList<object> Values => [Chair, Audience, .. Numbers is { } numbers ? numbers.Cast<object>() : Enumerable.Repeat<object>("", 5)];
}

/// <summary>One row of Mẫu 1: the columns of the kind the dialogue was are filled, the other two kinds stay empty.</summary>
public sealed record Form1Row(string Number, string TimeAndContent, Form1Group Periodic, Form1Group Thematic, Form1Group AdHoc, string Note)
{
    public IReadOnlyList<Form1Group> Groups => [Periodic, Thematic, AdHoc];

    /// <summary>The 24 cells in the order of the form, counts as ints (a spreadsheet writes them as numbers).</summary>
    public IReadOnlyList<object> Values => [Number, TimeAndContent, .. Periodic.Values, .. Thematic.Values, .. AdHoc.Values, Note];

    /// <summary>The 24 cells as text, counts as digits.</summary>
    public IReadOnlyList<string> Cells => Values.Select(v => v is int n ? n.ToString(CultureInfo.InvariantCulture) : (string)v).ToList();
}

/// <summary>
/// Mẫu 1 (Phụ lục I, seed 004): "Bảng tổng hợp kết quả đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân"
/// with its 24 numbered columns: TT (1); time and content (2); for each kind (định kỳ (1), chuyên đề (2), đột xuất (3))
/// seven columns — the chair, the audience, and "Kiến nghị của Nhân dân" over five counts; Ghi chú (24). One row per
/// dialogue held, then "Tổng số".
/// <para>
/// Decision (issue 11): the form numbers 24 columns but names only three per kind; the five under "Kiến nghị của Nhân
/// dân" are ours, chosen so they add up and a province can sum them: Tổng số = Trả lời tại hội nghị + Đã trả lời bằng
/// văn bản + Đang giải quyết + Chuyển cấp trên. "Đang giải quyết" is every recommendation not answered yet
/// (<see cref="ResolutionCounts.Unanswered"/>: in time, overdue, waiting for the conclusion notice, and those never
/// given an outcome — the note names the last three). Every count is read from <see cref="ResolutionCounts"/>, never
/// recounted here. What is not a number goes to Ghi chú: the commune across units, an indirect dialogue, the split
/// before/at the meeting, the fields, and the late, overdue and unsettled ones.
/// </para>
/// </summary>
public static class Form1Table
{
    public const int ColumnCount = 24;
    /// <summary>Columns per kind: chair, audience, five counts.</summary>
    public const int GroupWidth = 7;
    public const int ContentLimit = 200;

    public const string Title = "BẢNG TỔNG HỢP KẾT QUẢ ĐỐI THOẠI";
    public const string Subtitle = "GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, CHÍNH QUYỀN VỚI NHÂN DÂN";
    public const string NumberHeader = "TT";
    public const string TimeHeader = "Thời gian tổ chức, nội dung đối thoại";
    public const string NoteHeader = "Ghi chú";
    public static readonly IReadOnlyList<string> GroupHeaders = ["ĐỐI THOẠI ĐỊNH KỲ (1)", "ĐỐI THOẠI CHUYÊN ĐỀ (2)", "ĐỐI THOẠI ĐỘT XUẤT (3)"];
    public const string ChairHeader = "Chủ trì đối thoại";
    public const string AudienceHeader = "Đối tượng đối thoại";
    public const string RecommendationsHeader = "Kiến nghị của Nhân dân";
    /// <summary>Under "Kiến nghị của Nhân dân", in the order of <see cref="Numbers"/>.</summary>
    public static readonly IReadOnlyList<string> CountHeaders = ["Tổng số", "Trả lời tại hội nghị", "Đã trả lời bằng văn bản", "Đang giải quyết", "Chuyển cấp trên"];
    public const string TotalLabel = "Tổng số";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The five counts of a kind's recommendations, from the one set of figures; the last four add up to the first.</summary>
    public static IReadOnlyList<int> Numbers(ResolutionCounts r) => [r.Total, r.ResolvedAtMeeting, r.AnsweredInWriting, r.Unanswered, r.Forwarded];

    /// <summary>The first column (0-based) of a kind's group: 2, 9, 16.</summary>
    public static int GroupStart(int group) => 2 + group * GroupWidth;

    /// <summary>Whether a column (0-based) holds a count: the five after chair and audience in each group.</summary>
    public static bool IsCountColumn(int column) => column >= 2 && column < 2 + 3 * GroupWidth && (column - 2) % GroupWidth >= 2;

    /// <param name="showUnit">Across several units, the note names the commune that held the dialogue.</param>
    public static IReadOnlyList<Form1Row> Rows(ReportFigures figures, bool showUnit) =>
        figures.Meetings.Select((m, i) => Row(i + 1, m, showUnit)).ToList();

    public static Form1Row Row(int number, MeetingFigures meeting, bool showUnit)
    {
        var group = new Form1Group(Chairs(meeting.Chairs), meeting.Audience, meeting.Resolution);
        return new Form1Row(number.ToString(Invariant), TimeAndContent(meeting),
            meeting.Kind == MeetingKind.Periodic ? group : Form1Group.None,
            meeting.Kind == MeetingKind.Thematic ? group : Form1Group.None,
            meeting.Kind == MeetingKind.AdHoc ? group : Form1Group.None,
            Note(meeting, showUnit));
    }

    /// <summary>"Tổng số": per kind, how many dialogues and the counts summed over them.</summary>
    public static Form1Row Total(ReportFigures figures)
    {
        Form1Group Group(MeetingKind kind)
        {
            var held = figures.Meetings.Where(m => m.Kind == kind).ToList();
            return new Form1Group($"{held.Count} cuộc", "", ResolutionCounts.Sum(held.Select(m => m.Resolution)));
        }
        return new Form1Row("", TotalLabel, Group(MeetingKind.Periodic), Group(MeetingKind.Thematic), Group(MeetingKind.AdHoc),
            $"{figures.MeetingsHeld} cuộc");
    }

    /// <summary>The column numbers under the header: 1 … 24.</summary>
    public static IReadOnlyList<string> ColumnNumbers => Enumerable.Range(1, ColumnCount).Select(n => n.ToString(Invariant)).ToList();

    /// <summary>
    /// What the numbers do not say, one line each, zeros left out: the commune, "Đối thoại gián tiếp", "Thu thập trước
    /// hội nghị 4, tại hội nghị 8", "Lĩnh vực: Kinh tế 2; …", "Trả lời quá hạn 1; quá hạn chưa trả lời 1; …".
    /// </summary>
    public static string Note(MeetingFigures meeting, bool showUnit)
    {
        var lines = new List<string>();
        if (showUnit) lines.Add(meeting.UnitName);
        if (meeting.Form == DialogueForm.Indirect) lines.Add("Đối thoại gián tiếp");
        if (meeting.CollectedBefore > 0)
            lines.Add($"Thu thập trước hội nghị {meeting.CollectedBefore}" + (meeting.RaisedAtMeeting > 0 ? $", tại hội nghị {meeting.RaisedAtMeeting}" : ""));
        var fields = meeting.ByField.Where(f => f.Opinions > 0).Select(f => $"{f.Field.ToVietnamese()} {f.Opinions}").ToList();
        if (fields.Count > 0) lines.Add("Lĩnh vực: " + string.Join("; ", fields));
        var r = meeting.Resolution;
        var details = new List<string>();
        if (r.AnsweredLate > 0) details.Add($"trả lời quá hạn {r.AnsweredLate}");
        if (r.Overdue > 0) details.Add($"quá hạn chưa trả lời {r.Overdue}");
        if (r.AwaitingNotice > 0) details.Add($"chờ thông báo kết luận {r.AwaitingNotice}");
        if (r.NoOutcome > 0) details.Add($"chưa xử lý {r.NoOutcome}");
        if (details.Count > 0)
        {
            var detail = string.Join("; ", details);
            lines.Add(char.ToUpper(detail[0], Invariant) + detail[1..]);
        }
        return string.Join("\n", lines);
    }

    public static string TimeAndContent(MeetingFigures meeting) =>
        $"- Ngày {meeting.Date.ToString("dd/MM/yyyy", Invariant)}\n- Nội dung: {Shorten(meeting.Content.Length > 0 ? meeting.Content : meeting.Title, ContentLimit)}";

    public static string Chairs(IReadOnlyList<ChairPerson> chairs) =>
        string.Join("\n", chairs.Select(c => c.Title.Length > 0 ? $"Đ/c {c.Name} – {c.Title}" : $"Đ/c {c.Name}"));

    public static string Shorten(string text, int limit)
    {
        var clean = SearchText.Clean(text);
        if (clean.Length <= limit) return clean;
        var cut = clean.LastIndexOf(' ', limit - 1);
        return clean[..(cut > limit / 2 ? cut : limit - 1)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}
