using System.Text.RegularExpressions;
using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// The minutes (Mẫu 8) as the secretary left them: every part in order, the secretary's text where they wrote one.
/// Generated lines still waiting for review (additions) stay out: the secretary decides what the record says.
/// </summary>
public static partial class MinutesDocument
{
    public const string Kind = "BIÊN BẢN";

    /// <param name="parent">The unit above the meeting's: names the Party header's first line.</param>
    public static AdminDocument From(MinutesSnapshot snapshot, Unit? parent = null)
    {
        var meeting = snapshot.Meeting;
        var issuer = Issuer.Of(meeting, parent);
        var body = new List<DocParagraph>();
        foreach (var part in snapshot.Parts)
        {
            if (part.Section.Heading.Length > 0) body.Add(DocParagraph.Head(part.Section.Heading));
            var lines = part.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            // An empty part keeps a dotted line, as the printed form does, for a hand-written addition.
            if (lines.Count == 0) lines.Add("……………………………………………………………………………………");
            body.AddRange(lines.Select(Line));
        }
        var chair = meeting.Chairs.FirstOrDefault()?.Name ?? "";
        return new AdminDocument(
            $"bien-ban-{meeting.PublicCode}.docx",
            issuer.Header("BB", MeetingDate(meeting)),
            Kind,
            Dialogue(meeting),
            body,
            [],
            [
                new(["NGƯỜI GHI BIÊN BẢN"], "(ký, ghi rõ họ và tên)", ""),
                new(["CHỦ TRÌ HỘI NGHỊ"], "(ký họ tên, đóng dấu)", chair),
            ]);
    }

    /// <summary>"Hội nghị đối thoại giữa {người chủ trì} với {đối tượng}": the chairs by their office, as a title names them.</summary>
    public static string Dialogue(Meeting meeting)
    {
        var chairs = string.Join(" và ", meeting.Chairs.Select(c => c.Title.Length > 0 ? c.Title : c.Name));
        return $"Hội nghị đối thoại giữa {chairs} với {(meeting.Audience.Length > 0 ? meeting.Audience : "Nhân dân")}";
    }

    public static DateOnly MeetingDate(Meeting meeting) =>
        DateOnly.FromDateTime(Clock.ToHallTime(meeting.StartedAt ?? meeting.ScheduledStart).DateTime);

    /// <summary>"Ý kiến số 13:" in bold, so the opinions stand out in a long record.</summary>
    private static DocParagraph Line(string line) =>
        OpinionLabel().Match(line) is { Success: true } m
            ? new([new DocRun(m.Value, Bold: true), new DocRun(line[m.Length..])])
            : DocParagraph.Plain(line);

    [GeneratedRegex(@"^-?\s*Ý kiến (số )?\d+:")]
    private static partial Regex OpinionLabel();
}
