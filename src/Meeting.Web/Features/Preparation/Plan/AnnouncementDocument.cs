using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>
/// Mẫu 7 (seed 004, Phụ lục II): the notice that the dialogue will be held — when, where, who chairs, who takes part,
/// with whom, and who prepares what. Drawn from the plan, so the office no longer types it.
/// </summary>
public static class AnnouncementDocument
{
    public const string Kind = "THÔNG BÁO";

    private static readonly string[] DayNames = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    /// <summary>"Thứ Bảy", "Chủ nhật": as the documents drawn from the plan name the day.</summary>
    public static string DayName(DayOfWeek day) => DayNames[(int)day];

    public static string FileName(Meeting meeting) => $"thong-bao-to-chuc-doi-thoai-{meeting.PublicCode}.docx";

    /// <param name="date">The day it is signed (today by default).</param>
    /// <param name="parent">The unit above: the Party header's first line.</param>
    public static AdminDocument From(Meeting meeting, DateOnly? date, Unit? parent = null)
    {
        var issuer = Issuer.Of(meeting, parent);
        var at = Clock.ToHallTime(meeting.ScheduledStart);
        var chairs = string.Join(" và ", meeting.Chairs.Select(c => c.Title.Length > 0 ? c.Title : c.Name));
        var audience = meeting.Audience.Length > 0 ? meeting.Audience : "Nhân dân";
        var body = new List<DocParagraph>
        {
            DocParagraph.Plain($"Căn cứ Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)} về tổ chức hội nghị đối thoại; {issuer.Name} tổ chức hội nghị "
                + $"đối thoại giữa {MinutesDraft.Chairs(meeting)} với {audience} như sau:"),
            DocParagraph.Head("1. Thời gian"),
            DocParagraph.Plain($"Vào hồi {at:HH} giờ {at:mm} phút, {DayName(at.DayOfWeek)} ngày {at.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}."),
            DocParagraph.Head("2. Địa điểm"),
            DocParagraph.Plain(meeting.Venue + "."),
            DocParagraph.Head("3. Thành phần"),
            DocParagraph.Plain("3.1. Chủ trì đối thoại (người trực tiếp đối thoại):"),
        };
        body.AddRange(meeting.Chairs.Select(c => DocParagraph.Plain($"- Đồng chí {c.Name}{(c.Title.Length > 0 ? $", {c.Title}" : "")};")));
        body.Add(DocParagraph.Plain("3.2. Thành phần tham gia đối thoại:"));
        var invited = meeting.AttendanceByGroup().Where(g => g.Invited > 0 && g.Group != DelegateGroup.People).ToList();
        body.AddRange(invited.Count > 0
            ? invited.Select(g => DocParagraph.Plain($"- {g.Group.ToVietnamese()}: {g.Invited} người (theo danh sách giấy mời);"))
            : [DocParagraph.Plain("- Lãnh đạo các phòng, ban chuyên môn; Ủy ban MTTQ và các tổ chức chính trị - xã hội.")]);
        body.Add(DocParagraph.Plain($"3.3. Thành phần được đối thoại: {audience} (dự kiến {meeting.ExpectedAttendance} người)."));
        if (meeting.ContentAreas.Count > 0)
        {
            body.Add(DocParagraph.Head("4. Nội dung đối thoại"));
            body.AddRange(meeting.ContentAreas.Select(a => DocParagraph.Plain($"- {a.TrimEnd('.', ';')};")));
        }
        body.Add(DocParagraph.Head($"{(meeting.ContentAreas.Count > 0 ? 5 : 4)}. Tổ chức thực hiện"));
        var preparing = meeting.CollectedOpinions().SelectMany(o => o.Assignments.Where(a => a.IsLead)).Select(a => a.DepartmentName).Distinct().ToList();
        body.Add(DocParagraph.Plain(preparing.Count > 0
            ? $"- Giao {string.Join(", ", preparing)} chuẩn bị nội dung trả lời ý kiến, kiến nghị của Nhân dân tại hội nghị."
            : "- Giao các phòng, ban chuyên môn chuẩn bị nội dung trả lời ý kiến, kiến nghị của Nhân dân tại hội nghị."));
        body.Add(DocParagraph.Plain($"- Giao {issuer.FollowUpOffice} tham mưu chuẩn bị địa điểm, mời thành phần dự đối thoại; báo cáo kết quả hội nghị./."));

        return new AdminDocument(
            FileName(meeting),
            issuer.Header("TB", date),
            Kind,
            $"Về tổ chức đối thoại giữa {chairs} với {audience}",
            body,
            issuer.Recipients(["Như thành phần", "Các đơn vị liên quan"]),
            [NoticeDocument.Signer(meeting, issuer)]);
    }

}
