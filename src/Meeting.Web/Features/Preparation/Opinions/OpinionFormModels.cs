using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>What the public form shows of a meeting: who talks with whom, where, and whether it still collects.</summary>
public sealed record OpinionFormMeeting(Guid Id, string Code, string Title, MeetingStatus Status, IReadOnlyList<ChairPerson> Chairs,
    string Audience, string Venue, DateTimeOffset ScheduledStart, IReadOnlyList<string> Places)
{
    public bool Collects => Status is MeetingStatus.Draft or MeetingStatus.Announced;

    public string ClosedMessage => Status == MeetingStatus.Ended
        ? "Hội nghị đã kết thúc, phiếu xin ý kiến không nhận thêm ý kiến."
        : "Hội nghị đang diễn ra: xin gửi ý kiến bằng phiếu đăng ký phát biểu của hội nghị.";

    /// <summary>"Phục vụ cuộc đối thoại giữa … với … tại …" (Mẫu 4).</summary>
    public string Purpose =>
        $"Phục vụ cuộc đối thoại giữa {(Chairs.Count > 0 ? string.Join(" và ", Chairs.Select(c => c.Title.Length > 0 ? c.Title : c.Name)) : "lãnh đạo cấp ủy, chính quyền")} "
        + $"với {(Audience.Length > 0 ? Audience : "Nhân dân")} tại {Venue}, {Clock.ToHallTime(ScheduledStart):HH:mm 'ngày' dd/MM/yyyy}.";
}

/// <summary>One box of Mẫu 4: its form name, its heading, and the field its opinion is filed under.</summary>
public sealed record OpinionFormBox(string Key, string Label, OpinionField Field);

/// <summary>What the person typed, kept so that a refused form comes back filled in.</summary>
public sealed record OpinionFormInput(string Key, string Name = "", string Place = "", string Phone = "", bool Consent = false,
    IReadOnlyDictionary<string, string>? Texts = null)
{
    /// <summary>Mẫu 4, section 1 (one box per field) and section 2 (băn khoăn, bức xúc).</summary>
    public static readonly IReadOnlyList<OpinionFormBox> Boxes =
    [
        new("kinhte", "1.1. Lĩnh vực kinh tế", OpinionField.Economy),
        new("vanhoa", "1.2. Lĩnh vực văn hóa - xã hội", OpinionField.CultureSociety),
        new("quocphong", "1.3. Lĩnh vực quốc phòng - an ninh", OpinionField.DefenceSecurity),
        new("xaydungdang", "1.4. Lĩnh vực xây dựng Đảng và hệ thống chính trị", OpinionField.PartyBuilding),
        new("khac", "1.5. Lĩnh vực khác (nếu có)", OpinionField.Other),
        new("bankhoan", "2. Những băn khoăn, bức xúc trong Nhân dân mà các cơ quan chức năng cần quan tâm giải quyết (nêu sự việc, nội dung cụ thể), đề xuất, kiến nghị", OpinionField.Other),
    ];

    public string Text(string box) => Texts?.GetValueOrDefault(box) ?? "";

    /// <summary>Each filled box is one opinion; the phone is kept only with the person's consent.</summary>
    public IReadOnlyList<CollectedOpinionDraft> ToDrafts(DateOnly today) => Boxes
        .Where(b => !string.IsNullOrWhiteSpace(Text(b.Key)))
        .Select(b => new CollectedOpinionDraft(Name, Place, b.Field, Text(b.Key), CollectedChannel.OnlineForm, today,
            Consent && !string.IsNullOrWhiteSpace(Phone) ? Phone : null))
        .ToList();
}
