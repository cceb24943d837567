using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Mẫu 2, "Báo cáo kết quả thực hiện công tác đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân": the
/// sections of the form, with what the data knows filled in (how many dialogues of each kind, the recommendations by
/// field and how they were answered, each department's share) and "…" where the office writes its assessment.
/// </summary>
public static class Form2Document
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private const string Blank = Issuer.Blank;

    public static string FileName(ReportPeriod period) => $"mau-2-bao-cao-{period.Code}-{period.Year}.docx";

    public static AdminDocument From(ReportFigures figures, ReportScope scope, DateOnly date)
    {
        var issuer = ReportIssuer.Of(scope.Root, scope.Parent);
        var period = figures.Period;
        var body = new List<DocParagraph>
        {
            DocParagraph.Head("1. Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền"),
            DocParagraph.Plain($"- Việc xây dựng ban hành văn bản lãnh đạo, chỉ đạo: {Plans(figures)}"),
            DocParagraph.Plain($"- Công tác tuyên truyền: {Blank}"),
            DocParagraph.Plain($"- Công tác kiểm tra, giám sát; biểu dương, khen thưởng: {Blank}"),
            DocParagraph.Head($"2. Kết quả việc thực hiện đối thoại giữa người đứng đầu cấp ủy, chính quyền các cấp với Nhân dân {period.InSentence}"),
            DocParagraph.Plain($"- Số cuộc đối thoại: {Meetings(figures)}; so sánh với chỉ tiêu: {Blank} (vượt, đạt, không đạt)."),
        };
        if (scope.AcrossUnits)
            body.AddRange(figures.Units.Select(u => DocParagraph.Plain(u.Meetings == 0
                ? $"+ {u.UnitName}: chưa tổ chức đối thoại."
                : $"+ {u.UnitName}: {Count(u.MeetingsByKind)}; {u.Opinions} ý kiến, kiến nghị; trả lời tại hội nghị {u.Resolution.ResolvedAtMeeting}, "
                  + $"trả lời bằng văn bản {u.Resolution.InWriting} (quá hạn chưa trả lời {u.Resolution.Overdue}).")));
        body.Add(DocParagraph.Plain($"- Ý kiến, kiến nghị của Nhân dân: {Opinions(figures)}"));
        body.Add(DocParagraph.Plain($"- Kết quả giải quyết: {Results(figures.Resolution)}"));
        if (figures.Departments.Count > 0)
        {
            body.Add(DocParagraph.Plain("- Các cơ quan, phòng, ban được giao trả lời:"));
            body.AddRange(figures.Departments.Select(d => DocParagraph.Plain($"+ {d.Department}{(scope.AcrossUnits ? $" ({d.UnitName})" : "")}: {Department(d)}")));
        }
        body.Add(DocParagraph.Plain("- Hiệu quả: đánh giá về hiệu quả, đặc biệt về những điểm mới, sáng tạo nổi bật trong tổ chức đối thoại; "
            + $"các kiến nghị, đề xuất được chỉ đạo giải quyết sau đối thoại: {Blank}"));
        body.Add(DocParagraph.Head("3. Đánh giá chung"));
        body.Add(DocParagraph.Plain($"- Ưu điểm, kết quả đạt được: {Blank}"));
        body.Add(DocParagraph.Plain("- Những hạn chế, vướng mắc và nguyên nhân: " + (figures.Resolution.Overdue > 0
            ? $"còn {figures.Resolution.Overdue} ý kiến, kiến nghị quá hạn chưa được trả lời bằng văn bản; {Blank}"
            : Blank)));
        body.Add(DocParagraph.Head(period.Kind == ReportPeriodKind.Year
            ? $"4. Phương hướng, nhiệm vụ giải pháp năm {period.Year + 1}"
            : "4. Phương hướng, nhiệm vụ giải pháp thời gian tới"));
        body.Add(DocParagraph.Plain(Blank));
        body.Add(DocParagraph.Head("5. Đề xuất, kiến nghị"));
        body.Add(DocParagraph.Plain(Blank));

        List<string> recipients = issuer.ReportsTo is { } above
            ? [$"- Ban Tuyên giáo và Dân vận {above} (báo cáo),", "- Lưu VP."]
            : [$"- {Blank},", "- Lưu VP."];
        return new AdminDocument(
            FileName(period),
            issuer.Header(date),
            "BÁO CÁO",
            $"Kết quả thực hiện công tác đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân {period.InSentence}",
            body,
            recipients,
            [new Signature(ReportIssuer.SignatureLines, ReportIssuer.SignatureHint, "")]);
    }

    /// <summary>"tổng số 3 cuộc (định kỳ 2, chuyên đề 1, đột xuất 0)".</summary>
    public static string Meetings(ReportFigures figures)
    {
        var text = $"tổng số {Count(figures.MeetingsByKind)}";
        return figures.PlannedNotHeld > 0 ? $"{text}; {figures.PlannedNotHeld} cuộc đã lên kế hoạch nhưng chưa tổ chức" : text;
    }

    public static string Opinions(ReportFigures f)
    {
        if (f.Opinions == 0) return "không có ý kiến, kiến nghị.";
        var fields = string.Join("; ", f.ByField.Where(c => c.Opinions > 0).Select(c => $"{c.Field.ToVietnamese()} {c.Opinions}"));
        return $"tổng số {f.Opinions} ý kiến, kiến nghị ({f.CollectedBefore} ý kiến thu thập trước hội nghị, {f.RaisedAtMeeting} ý kiến tại hội nghị); "
            + $"theo lĩnh vực: {fields}.";
    }

    public static string Results(ResolutionCounts r)
    {
        if (r.Total == 0) return "không có ý kiến, kiến nghị phải giải quyết.";
        var parts = new List<string>
        {
            $"trả lời, giải quyết ngay tại hội nghị {r.ResolvedAtMeeting} ý kiến ({Percent(r.ResolvedAtMeeting, r.Total)})",
            $"giao trả lời bằng văn bản {r.InWriting} ý kiến, trong đó đã trả lời {r.AnsweredInWriting} (đúng hạn {r.AnsweredOnTime}, quá hạn {r.AnsweredLate}), "
                + $"quá hạn chưa trả lời {r.Overdue}, đang trong hạn {r.Pending}"
                + (r.AwaitingNotice > 0 ? $", chờ thông báo kết luận {r.AwaitingNotice}" : ""),
        };
        if (r.Forwarded > 0) parts.Add($"chuyển cấp trên {r.Forwarded} ý kiến");
        if (r.NoOutcome > 0) parts.Add($"chưa xử lý {r.NoOutcome} ý kiến");
        return string.Join("; ", parts) + ".";
    }

    public static string Department(DepartmentFigures d)
    {
        var parts = new List<string>();
        if (d.AnsweredAtMeeting > 0) parts.Add($"trả lời tại hội nghị {d.AnsweredAtMeeting}");
        if (d.Assigned > 0)
            parts.Add($"được giao trả lời bằng văn bản {d.Assigned}, đã trả lời {d.AnsweredOnTime + d.AnsweredLate} (quá hạn {d.AnsweredLate}), "
                + $"quá hạn chưa trả lời {d.Overdue}, đang trong hạn {d.Pending}");
        return string.Join("; ", parts) + ".";
    }

    private static string Plans(ReportFigures figures)
    {
        var plans = figures.Meetings.Where(m => SearchText.Clean(m.PlanNumber).Length > 0)
            .Select(m => $"Kế hoạch {Numbered(m.PlanNumber)} (hội nghị ngày {Issuer.ShortDate(m.Date)})").Distinct().ToList();
        return plans.Count == 0 ? Blank : $"ban hành {string.Join("; ", plans)}; {Blank}";
    }

    private static string Numbered(string plan)
    {
        var clean = SearchText.Clean(plan);
        return clean.StartsWith("số", StringComparison.OrdinalIgnoreCase) ? "s" + clean[1..] : $"số {clean}";
    }

    private static string Count(IReadOnlyDictionary<MeetingKind, int> byKind) =>
        $"{byKind.Values.Sum()} cuộc (định kỳ {byKind[MeetingKind.Periodic]}, chuyên đề {byKind[MeetingKind.Thematic]}, đột xuất {byKind[MeetingKind.AdHoc]})";

    private static string Percent(int part, int total) => total == 0 ? "0%" : (100.0 * part / total).ToString("0.#", Vietnamese) + "%";
}
