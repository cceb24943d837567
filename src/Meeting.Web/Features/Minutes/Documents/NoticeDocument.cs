using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// The conclusion notice (Mẫu 9): what was resolved, which department answers which opinion and by when, and how the
/// follow-up runs. Each opinion keeps its own number ("Ý kiến số 13" on the phone, in the minutes, the notice and the follow-up).
/// </summary>
public static class NoticeDocument
{
    public const string Kind = "THÔNG BÁO";

    /// <param name="parent">The unit above the meeting's: names the header's first line and the "(b/c)" recipient.</param>
    /// <param name="number">The number it was issued under; none for a draft.</param>
    public static AdminDocument From(Meeting meeting, ConclusionNotice notice, WorkingCalendar? calendar = null, Unit? parent = null, string? number = null)
    {
        var issuer = Issuer.Of(meeting, parent);
        var answerDue = notice.Assignments.FirstOrDefault()?.AnswerDue
            ?? (calendar ?? WorkingCalendar.Vietnam()).AddWorkingDays(notice.NoticeDate, ConclusionNotice.AnswerWorkingDays);
        var departments = notice.Assignments.Select(a => a.Department).Where(d => d != ConclusionNotice.Unassigned).Distinct().ToList();

        var body = new List<DocParagraph>
        {
            DocParagraph.Plain($"Thực hiện Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)}; {issuer.Name} đã tổ chức Hội nghị đối thoại giữa "
                + $"{MinutesDraft.Chairs(meeting)} với {meeting.Audience} ngày {Issuer.ShortDate(notice.MeetingDate)}, kết luận như sau:"),
            DocParagraph.Head("1. Đánh giá kết quả tổ chức Hội nghị"),
            DocParagraph.Plain($"Tại hội nghị đã có {notice.Counts.Resolved} ý kiến được giải quyết; {notice.Counts.Unresolved} ý kiến chưa giải quyết."),
            DocParagraph.Head("2. Phân công các cơ quan tiếp tục tham mưu trả lời các ý kiến"),
        };
        body.AddRange(notice.Assignments.Count == 0
            ? [DocParagraph.Plain("Không có ý kiến phải tiếp tục trả lời sau hội nghị.")]
            : notice.Assignments.Select(Assignment));
        body.AddRange(
        [
            DocParagraph.Head("3. Tổ chức thực hiện"),
            DocParagraph.Plain($"3.1. Các phòng, ban được phân công có văn bản trả lời gửi {issuer.Leadership} chậm nhất ngày {Issuer.ShortDate(answerDue)}."),
            DocParagraph.Plain($"3.2. {(departments.Count > 0 ? string.Join(", ", departments) : "Các phòng, ban được phân công")} có trách nhiệm "
                + $"giải quyết vụ việc cho tập thể, cá nhân (nếu có) và báo cáo kết quả về {issuer.Leadership} (qua {issuer.FollowUpOffice}) "
                + $"trước ngày {Issuer.ShortDate(answerDue)}."),
            DocParagraph.Plain("Đối với những vụ việc cần có thêm thời gian để xác minh, làm rõ hoặc các nội dung giải quyết phải tuân thủ các "
                + "quy định của pháp luật, cơ quan có trách nhiệm giải quyết phải có văn bản trả lời cho tổ chức, cá nhân liên quan biết nội dung "
                + "cần kéo dài thời gian giải quyết, nhưng không quá thời hạn giải quyết theo quy định của pháp luật."),
            DocParagraph.Plain($"3.3. Giao {issuer.FollowUpOffice} có trách nhiệm theo dõi, đôn đốc việc trả lời các ý kiến theo đúng thời gian "
                + $"quy định; thường xuyên báo cáo với {(issuer.Party ? "cấp ủy" : "Ủy ban nhân dân")} kết quả triển khai thực hiện Thông báo này./."),
        ]);

        var front = issuer.Commune.Length > 0 ? $"Ủy ban MTTQ Việt Nam {issuer.Commune}" : "Ủy ban MTTQ Việt Nam";
        return new AdminDocument(
            $"thong-bao-ket-luan-{meeting.PublicCode}.docx",
            issuer.Header("TB", notice.NoticeDate, number),
            Kind,
            "Kết luận " + MinutesDocument.Dialogue(meeting),
            body,
            issuer.Recipients(
            [
                .. issuer.UpperLevel is { } upper ? [$"{upper} (b/c)"] : Array.Empty<string>(),
                "Các phòng, ban được giao",
                "Tập thể, cá nhân nêu ý kiến (để biết)",
                issuer.Party ? $"Ban Xây dựng Đảng, {front} (theo dõi, giám sát)" : $"{front} (theo dõi, giám sát)",
            ]),
            [Signer(meeting, issuer)]);
    }

    private static DocParagraph Assignment(NoticeAssignment a)
    {
        var place = a.SubmitterPlace.Length > 0 ? $", {a.SubmitterPlace}" : "";
        var lead = a.Department == ConclusionNotice.Unassigned ? Issuer.Blank : a.Department;
        var coordinating = a.Coordinating.Count > 0 ? $", phối hợp với {string.Join(", ", a.Coordinating)}" : "";
        var task = a.ToLevelAbove
            ? "tham mưu văn bản đề nghị cấp có thẩm quyền giải quyết"
            : "trả lời";
        return new(
        [
            new DocRun($"Ý kiến số {a.OpinionNumber}", Bold: true),
            new DocRun($" của ông (bà) {a.SubmitterName}{place}: {a.Content.TrimEnd('.', ' ')} — Giao {lead} chủ trì{coordinating} {task} "
                + $"và gửi báo cáo trả lời chậm nhất vào {Issuer.LongDate(a.AnswerDue)}."),
        ]);
    }

    /// <summary>The head of the body signs on its behalf: the Party secretary, or the chair of the People's Committee.</summary>
    internal static Signature Signer(Meeting meeting, Issuer issuer)
    {
        if (issuer.Party)
        {
            var secretary = meeting.Chairs.FirstOrDefault(c => c.Title.StartsWith("Bí thư", StringComparison.OrdinalIgnoreCase))
                ?? meeting.Chairs.FirstOrDefault(c => c.Title.Contains("Bí thư", StringComparison.OrdinalIgnoreCase))
                ?? meeting.Chairs.FirstOrDefault();
            var deputy = secretary?.Title.StartsWith("Phó", StringComparison.OrdinalIgnoreCase) == true;
            return new(["T/M ĐẢNG ỦY", deputy ? "PHÓ BÍ THƯ" : "BÍ THƯ"], null, secretary?.Name ?? "");
        }
        var chair = meeting.Chairs.FirstOrDefault(c => c.Title.Contains("Chủ tịch UBND", StringComparison.OrdinalIgnoreCase)
                || c.Title.Contains("Chủ tịch Ủy ban", StringComparison.OrdinalIgnoreCase))
            ?? meeting.Chairs.FirstOrDefault();
        return chair?.Title.StartsWith("Phó Chủ tịch", StringComparison.OrdinalIgnoreCase) == true
            ? new(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], null, chair.Name)
            : new(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], null, chair?.Name ?? "");
    }

}
