using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>
/// The plan (kế hoạch) as the app holds it, for the hồ sơ and for an office that drafts it here: what, when, where,
/// who; the programme; and the preparation and follow-up deadlines counted in working days (seed 004 §IV–V). Under
/// the plan's own number when it has one. Purpose and requirements are the standard ones the seeds share.
/// </summary>
public static class PlanDocument
{
    public const string Kind = "KẾ HOẠCH";

    public static string FileName(Meeting meeting) => $"ke-hoach-{meeting.PublicCode}.docx";

    public static AdminDocument From(Meeting meeting, DateOnly? date, Unit? parent, WorkingCalendar calendar)
    {
        var issuer = Issuer.Of(meeting, parent);
        var audience = meeting.Audience.Length > 0 ? meeting.Audience : "Nhân dân";
        var start = Clock.ToHallTime(meeting.ScheduledStart);
        var body = new List<DocParagraph>
        {
            DocParagraph.Head("I. MỤC ĐÍCH, YÊU CẦU"),
            DocParagraph.Plain($"- Để {audience} trực tiếp phản ánh tâm tư, nguyện vọng, ý kiến, kiến nghị với người đứng đầu cấp ủy, chính quyền; "
                + "qua đó kịp thời nắm bắt, giải quyết những vấn đề Nhân dân quan tâm."),
            DocParagraph.Plain("- Hội nghị được chuẩn bị chu đáo, tổ chức dân chủ, thẳng thắn, đúng quy định; mọi ý kiến, kiến nghị đều được trả lời "
                + "tại hội nghị hoặc bằng văn bản trong thời hạn quy định."),
            DocParagraph.Head("II. NỘI DUNG, HÌNH THỨC, THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
            DocParagraph.Plain("1. Nội dung đối thoại:"),
        };
        body.AddRange(meeting.ContentAreas.Count > 0
            ? meeting.ContentAreas.Select((a, i) => DocParagraph.Plain($"- {a.TrimEnd('.', ';')}{(i == meeting.ContentAreas.Count - 1 ? "." : ";")}"))
            : [DocParagraph.Plain($"- {meeting.Title}.")]);
        body.Add(DocParagraph.Plain($"2. Hình thức: đối thoại {meeting.Kind.ToVietnamese().ToLowerInvariant()}, {meeting.Form.ToVietnamese().ToLowerInvariant()}."));
        body.Add(DocParagraph.Plain($"3. Thời gian, địa điểm: {start:HH} giờ {start:mm} phút, ngày {Issuer.ShortDate(meeting.MeetingDate)}, tại {meeting.Venue.TrimEnd('.')}."));
        body.Add(DocParagraph.Plain("4. Thành phần:"));
        body.AddRange(meeting.Chairs.Select(c => DocParagraph.Plain($"- Chủ trì: đồng chí {c.Name}{(c.Title.Length > 0 ? $", {c.Title}" : "")};")));
        body.AddRange(meeting.AttendanceByGroup().Where(g => g.Invited > 0 && g.Group != DelegateGroup.People)
            .Select(g => DocParagraph.Plain($"- {g.Group.ToVietnamese()}: {g.Invited} người;")));
        body.Add(DocParagraph.Plain($"- Đối tượng đối thoại: {audience} (dự kiến {meeting.ExpectedAttendance} người)."));

        body.Add(DocParagraph.Head("III. CHƯƠNG TRÌNH HỘI NGHỊ"));
        body.AddRange(ProgrammeDocument.Steps(meeting));

        body.Add(DocParagraph.Head("IV. TỔ CHỨC THỰC HIỆN"));
        body.Add(DocParagraph.Plain("1. Trước hội nghị:"));
        var before = meeting.Timeline(calendar);
        body.AddRange(before.Count > 0
            ? before.Select(m => DocParagraph.Plain($"- {m.Title}: hoàn thành chậm nhất ngày {Issuer.ShortDate(m.Due)} (trước hội nghị {m.WorkingDaysBefore} ngày làm việc)."))
            : [DocParagraph.Plain("- Hội nghị đột xuất: gửi giấy mời và chuẩn bị nội dung ngay khi có chủ trương.")]);
        body.Add(DocParagraph.Plain("2. Sau hội nghị:"));
        // Counted from the day it opened once it has (as the notice and its reminders count), else the day planned.
        body.AddRange(AfterMeetingTimeline.For(meeting.HeldOn, calendar, null, null)
            .Select(m => DocParagraph.Plain($"- {m.Title}: chậm nhất ngày {Issuer.ShortDate(m.Due)} (sau hội nghị {-m.WorkingDaysBefore} ngày làm việc).")));
        body.Add(DocParagraph.Plain($"- Các phòng, ban được giao trả lời bằng văn bản chậm nhất {ConclusionNotice.AnswerWorkingDays} ngày làm việc "
            + "kể từ ngày ban hành thông báo kết luận."));
        body.Add(DocParagraph.Plain($"3. Giao {issuer.FollowUpOffice} chủ trì tham mưu, chuẩn bị các điều kiện tổ chức hội nghị, theo dõi, đôn đốc "
            + "việc trả lời các ý kiến, kiến nghị và báo cáo kết quả./."));

        var planNumber = Issuer.PlanNumber(meeting.PlanNumber);
        return new AdminDocument(
            FileName(meeting),
            issuer.Header("KH", date, planNumber == Issuer.Blank ? null : planNumber),
            Kind,
            $"Tổ chức {MinutesDocument.Dialogue(meeting).Replace("Hội nghị", "hội nghị", StringComparison.Ordinal)}",
            body,
            issuer.Recipients(
            [
                .. issuer.UpperLevel is { } upper ? [$"{upper} (b/c)"] : Array.Empty<string>(),
                "Các đồng chí chủ trì hội nghị",
                "Các phòng, ban, đơn vị liên quan",
                issuer.Commune.Length > 0 ? $"Ủy ban MTTQ Việt Nam {issuer.Commune}" : "Ủy ban MTTQ Việt Nam",
            ]),
            [NoticeDocument.Signer(meeting, issuer)]);
    }
}
