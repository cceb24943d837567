using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>
/// The programme the office issues with the invitations (seed 000: "Ban hành giấy mời, chương trình, nội quy của hội
/// nghị"): when and where, who chairs, then the meeting's own steps in order with their planned times, counted from
/// the scheduled start. Drawn from the programme the chair's page runs, so the paper and the hall agree.
/// </summary>
public static class ProgrammeDocument
{
    public const string Kind = "CHƯƠNG TRÌNH";

    public static string FileName(Meeting meeting) => $"chuong-trinh-hoi-nghi-{meeting.PublicCode}.docx";

    public static AdminDocument From(Meeting meeting, DateOnly? date, Unit? parent = null)
    {
        var issuer = Issuer.Of(meeting, parent);
        var start = Clock.ToHallTime(meeting.ScheduledStart);
        var body = new List<DocParagraph>
        {
            DocParagraph.Plain($"- Thời gian: {start:HH} giờ {start:mm} phút, ngày {Issuer.ShortDate(meeting.MeetingDate)}."),
            DocParagraph.Plain($"- Địa điểm: {meeting.Venue.TrimEnd('.')}."),
            DocParagraph.Plain($"- Chủ trì: {string.Join("; ", meeting.Chairs.Select(c => c.Title.Length > 0 ? $"đồng chí {c.Name}, {c.Title}" : $"đồng chí {c.Name}"))}."),
            DocParagraph.Head("Nội dung chương trình"),
        };
        body.AddRange(Steps(meeting));
        return new AdminDocument(
            FileName(meeting),
            issuer.Header("CTr", date),
            Kind,
            MinutesDocument.Dialogue(meeting),
            body,
            issuer.Recipients(["Như thành phần mời"]),
            [NoticeDocument.Signer(meeting, issuer)]);
    }

    /// <summary>"14h00 – 14h10: 1. Tuyên bố lý do…": each step from the time the one before it ends (the plan repeats them).</summary>
    public static IEnumerable<DocParagraph> Steps(Meeting meeting)
    {
        if (meeting.Agenda.Count == 0) yield return DocParagraph.Plain("(Chương trình chưa có bước nào: thêm ở trang chuẩn bị hội nghị.)");
        var at = Clock.ToHallTime(meeting.ScheduledStart);
        foreach (var step in meeting.Agenda.OrderBy(s => s.Number))
        {
            var end = at.AddMinutes(step.PlannedMinutes);
            yield return new([new DocRun($"{at:HH\\hmm} – {end:HH\\hmm}: ", Bold: true), new DocRun($"{step.Number}. {step.Title.TrimEnd('.')}.")]);
            at = end;
        }
    }
}
