using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Features.Preparation.Plan;

namespace DoiThoai.Web.Features.Delegates.Invitations;

/// <summary>
/// The official Giấy mời (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36 for a Party body), one per delegate: number, place
/// and date, trích yếu, "Kính gửi" the delegate, who invites to what and on which plan, the full content, when and
/// where, and the signature; its back page is the delegate's QR card, so a duplex print gives the letter with the
/// code to scan at the door on the other side.
/// </summary>
public static class InvitationLetter
{
    public const string Kind = "GIẤY MỜI";
    public const string KindCode = "GM";
    public const string Closing = "Đề nghị ông/bà mang theo giấy mời này; khi đến hội trường, quét mã QR ở mặt sau để điểm danh "
        + "và đăng ký phát biểu. Rất mong ông/bà đến dự đúng giờ./.";

    public static string FileName(Meeting meeting) => $"giay-moi-chinh-thuc-{meeting.PublicCode}.docx";

    /// <param name="date">The day it is signed (today by default).</param>
    /// <param name="parent">The unit above the meeting's: the Party header's first line.</param>
    public static AdminDocument For(Meeting meeting, MeetingDelegate person, DateOnly? date, Unit? parent = null)
    {
        var issuer = Issuer.Of(meeting, parent);
        var at = Clock.ToHallTime(meeting.ScheduledStart);
        var audience = meeting.Audience.Length > 0 ? meeting.Audience : "Nhân dân";
        var role = InvitationWording.Role(person.Title, person.Organization);
        var dialogue = MinutesDocument.Dialogue(meeting);

        var body = new List<DocParagraph>
        {
            new([new DocRun("Kính gửi: Ông/Bà "), new DocRun(person.Name, Bold: true), new DocRun(role.Length > 0 ? $" – {role}" : "")]),
            DocParagraph.Plain($"Thực hiện Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)}, {issuer.Name} tổ chức hội nghị đối thoại giữa "
                + $"{MinutesDraft.Chairs(meeting)} với {audience}; trân trọng kính mời ông/bà đến dự hội nghị."),
        };
        // The whole content, as the plan lists it: the letter has room, the card does not.
        var areas = meeting.ContentAreas;
        if (areas.Count <= 1)
            body.Add(Labelled("Nội dung đối thoại: ", Sentence(meeting.Content)));
        else
        {
            body.Add(new([new DocRun("Nội dung đối thoại:", Bold: true)]));
            body.AddRange(areas.Select((a, i) => DocParagraph.Plain($"- {a.TrimEnd('.', ';', ' ')}{(i == areas.Count - 1 ? "." : ";")}")));
        }
        body.Add(Labelled("Thời gian: ", string.Create(CultureInfo.InvariantCulture,
            $"Vào hồi {at:HH} giờ {at:mm} phút, {AnnouncementDocument.DayName(at.DayOfWeek)}, ngày {at:dd/MM/yyyy}.")));
        body.Add(Labelled("Địa điểm: ", Sentence(meeting.Venue)));
        body.Add(DocParagraph.Plain(Closing));

        return new AdminDocument(
            FileName(meeting),
            issuer.Header(KindCode, date),
            Kind,
            "Về việc dự " + char.ToLower(dialogue[0], CultureInfo.GetCultureInfo("vi-VN")) + dialogue[1..],
            body,
            issuer.Recipients(["Như trên"]),
            [NoticeDocument.Signer(meeting, issuer)]);
    }

    /// <summary>One letter per delegate, each followed by that delegate's QR card on its back page.</summary>
    /// <param name="baseUrl">What the QR links start with: the hall network's address for the phones.</param>
    public static byte[] Build(Meeting meeting, IReadOnlyList<MeetingDelegate> people, DateOnly? date, Unit? parent, string baseUrl)
    {
        var letters = people.Select(p => For(meeting, p, date, parent)).ToList();
        var cards = people.Select(p => InvitationCard.For(meeting, p, baseUrl)).ToList();
        return AdminDocx.Build($"Giấy mời — {meeting.Title}", letters,
            (main, i) => [InvitationDocument.Cards(main, [cards[i]], AdminDocx.TextWidth, firstPictureId: (uint)i + 1)]);
    }

    private static DocParagraph Labelled(string label, string text) => new([new DocRun(label, Bold: true), new DocRun(text)]);

    private static string Sentence(string text)
    {
        text = text.Trim();
        return text.Length == 0 ? Issuer.Blank : text.EndsWith('.') ? text : text + ".";
    }
}
