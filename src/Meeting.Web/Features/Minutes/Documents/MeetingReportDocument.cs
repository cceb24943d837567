using DoiThoai.Domain;
using DoiThoai.Web.Features.FollowUp;

namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// The report on one dialogue that the office sends up after it (seed 002 §II.5: "Báo cáo kết quả hội nghị tiếp xúc,
/// đối thoại với BTV Đảng uỷ; đồng thời gửi Khối Dân vận Đảng uỷ, MTTQ và các ban, ngành, đoàn thể biết để theo dõi,
/// giám sát"). Its counts are the meeting's row of Mẫu 1 (<see cref="ReportFigures"/>), its attendance the minutes'
/// own lines, its conclusion what the secretary wrote in the minutes — so the report cannot disagree with them.
/// </summary>
public static class MeetingReportDocument
{
    public const string Kind = "BÁO CÁO";

    public static string FileName(Meeting meeting) => $"bao-cao-ket-qua-{meeting.PublicCode}.docx";

    /// <param name="minutes">The minutes as the secretary left them: the chair's conclusion is quoted from them.</param>
    /// <param name="figures">The meeting's figures as Mẫu 1 counts them on <paramref name="today"/>.</param>
    /// <param name="issued">The conclusion notice once issued: its number and date; null while it is still a draft.</param>
    public static AdminDocument From(MinutesSnapshot minutes, MeetingFigures figures, IssuedNotice? issued, DateOnly noticeDue,
        IReadOnlyList<FollowUpItem> items, DateOnly today, Unit? parent = null)
    {
        var meeting = minutes.Meeting;
        var issuer = Issuer.Of(meeting, parent);
        var held = MinutesDocument.MeetingDate(meeting);
        var audience = meeting.Audience.Length > 0 ? meeting.Audience : "Nhân dân";
        var r = figures.Resolution;
        var body = new List<DocParagraph>
        {
            DocParagraph.Plain($"Thực hiện Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)}; ngày {Issuer.ShortDate(held)}, tại {meeting.Venue.TrimEnd('.')}, "
                + $"{issuer.Name} đã tổ chức hội nghị đối thoại giữa {MinutesDraft.Chairs(meeting)} với {audience}. "
                + $"{issuer.Name} báo cáo kết quả như sau:"),
            DocParagraph.Head("1. Thành phần tham dự"),
        };
        body.AddRange(Lines(MinutesDraft.Attendance(meeting)));

        body.Add(DocParagraph.Head("2. Kết quả đối thoại"));
        if (figures.Opinions == 0)
            body.Add(DocParagraph.Plain("- Hội nghị không nhận được ý kiến, kiến nghị nào."));
        else
        {
            body.Add(DocParagraph.Plain($"- Tổng số ý kiến, kiến nghị: {figures.Opinions} (thu thập trước hội nghị {figures.CollectedBefore}, "
                + $"nêu tại hội nghị {figures.RaisedAtMeeting})."));
            body.Add(DocParagraph.Plain("- Theo lĩnh vực: " + string.Join("; ", figures.ByField.Where(f => f.Opinions > 0)
                .Select(f => $"{f.Field.ToVietnamese()} {f.Opinions}")) + "."));
            body.Add(DocParagraph.Plain($"- Trả lời, giải quyết tại hội nghị: {r.ResolvedAtMeeting} ý kiến."));
            if (r.InWriting > 0)
                body.Add(DocParagraph.Plain($"- Trả lời bằng văn bản sau hội nghị: {r.InWriting} ý kiến ({InWriting(r)})."));
            if (r.Forwarded > 0) body.Add(DocParagraph.Plain($"- Đề xuất cấp trên xem xét, giải quyết: {r.Forwarded} ý kiến."));
            if (r.NoOutcome > 0) body.Add(DocParagraph.Plain($"- Chưa có kết quả xử lý: {r.NoOutcome} ý kiến."));
        }
        var conclusion = minutes.Parts.FirstOrDefault(p => p.Section.Key == MinutesKeys.Conclusion)?.Text.Trim();
        if (!string.IsNullOrEmpty(conclusion)) body.AddRange(Lines("Kết luận của đồng chí chủ trì: " + conclusion));

        body.Add(DocParagraph.Head("3. Công việc sau hội nghị"));
        body.Add(DocParagraph.Plain(issued is null
            ? today > noticeDue
                ? $"- Thông báo kết luận của đồng chí chủ trì: chưa ban hành, đã quá hạn ban hành (ngày {Issuer.ShortDate(noticeDue)})."
                : $"- Thông báo kết luận của đồng chí chủ trì: đang dự thảo, hạn ban hành chậm nhất ngày {Issuer.ShortDate(noticeDue)}."
            : $"- Đã ban hành Thông báo kết luận số {issued.Number} ngày {Issuer.ShortDate(issued.NoticeDate)}."));
        foreach (var department in items.GroupBy(i => i.DepartmentName).OrderBy(g => g.Min(i => i.OpinionNumber)))
        {
            var answered = department.Count(i => i.StateOn(today) == FollowUpState.Answered);
            var overdue = department.Count(i => i.StateOn(today) == FollowUpState.Overdue);
            var numbers = string.Join(", ", department.Select(i => i.OpinionNumber).Order());
            body.Add(DocParagraph.Plain($"- {department.Key}: {department.Count()} ý kiến (số {numbers}), hạn trả lời {Issuer.ShortDate(department.Max(i => i.Deadline))}; "
                + $"đã trả lời {answered}" + (overdue > 0 ? $", quá hạn chưa trả lời {overdue}" : "") + "."));
        }
        // The same opinions Mẫu 1 counts as "chuyển cấp trên" (r.Forwarded above).
        var upwards = ReportFigures.Recommendations(meeting).Where(o => !MinutesDraft.ResolvedAtMeeting(o) && o.GoesToLevelAbove).ToList();
        if (upwards.Count > 0)
        {
            body.Add(DocParagraph.Head("4. Đề xuất, kiến nghị"));
            body.Add(DocParagraph.Plain($"Đề nghị {issuer.UpperLevel ?? "cấp trên"} xem xét, giải quyết các ý kiến vượt thẩm quyền: "
                + string.Join("; ", upwards.Select(o => $"ý kiến số {o.Number} của ông (bà) {o.SubmitterName} về {Form1Table.Shorten(o.Content.TrimEnd('.', ' '), 160)}")) + "."));
        }
        body.Add(DocParagraph.Plain($"Trên đây là báo cáo kết quả hội nghị đối thoại ngày {Issuer.ShortDate(held)} của {issuer.Name}./."));

        var front = issuer.Commune.Length > 0 ? $"Ủy ban MTTQ Việt Nam {issuer.Commune}" : "Ủy ban MTTQ Việt Nam";
        return new AdminDocument(
            FileName(meeting),
            issuer.Header("BC", today),
            Kind,
            "Kết quả " + MinutesDocument.Dialogue(meeting),
            body,
            issuer.Recipients(
            [
                issuer.Party ? $"Ban Thường vụ {issuer.Name} (b/c)" : $"Thường trực Đảng ủy {issuer.Commune}".TrimEnd() + " (b/c)",
                .. issuer.UpperLevel is { } upper ? [$"{upper} (b/c)"] : Array.Empty<string>(),
                issuer.Party ? "Ban Xây dựng Đảng" : "Thường trực HĐND",
                $"{front} và các đoàn thể (theo dõi, giám sát)",
                "Các phòng, ban, ngành liên quan",
            ]),
            [NoticeDocument.Signer(meeting, issuer)]);
    }

    private static string InWriting(ResolutionCounts r)
    {
        var parts = new List<string>();
        if (r.AnsweredInWriting > 0) parts.Add($"đã trả lời {r.AnsweredInWriting}" + (r.AnsweredLate > 0 ? $", trong đó quá hạn {r.AnsweredLate}" : ""));
        if (r.Pending > 0) parts.Add($"đang trong hạn {r.Pending}");
        if (r.Overdue > 0) parts.Add($"quá hạn chưa trả lời {r.Overdue}");
        if (r.AwaitingNotice > 0) parts.Add($"chờ thông báo kết luận giao phòng, ban {r.AwaitingNotice}");
        return string.Join("; ", parts);
    }

    private static IEnumerable<DocParagraph> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(DocParagraph.Plain);
}
