using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Reception;

/// <summary>Labels and search rules the reception desk's parts share.</summary>
public static class ReceptionText
{
    /// <summary>Reasons the desk gives most often; the plans say petitions are not dialogued at the meeting [002].</summary>
    public static IReadOnlyList<string> QuickRejectReasons { get; } =
    [
        "Đơn thư khiếu kiện — không đối thoại tại hội nghị",
        "Nội dung không thuộc phạm vi hội nghị",
        "Nội dung không rõ ràng, không đủ thông tin",
        "Phiếu đăng ký trùng lặp",
    ];

    public static IReadOnlyList<OpinionField> Fields { get; } = Enum.GetValues<OpinionField>();

    public static string ModeLabel(SpeakMode mode) =>
        mode == SpeakMode.Speak ? "Phát biểu trực tiếp" : "Chỉ gửi ý kiến";

    public static string Hm(DateTimeOffset time) => Clock.ToHallTime(time).ToString("HH:mm");

    /// <summary>Diacritic-insensitive match on number, name, place and content ("nguyen van" finds "Nguyễn Văn An").</summary>
    public static bool Matches(SpeakRequest request, Opinion? opinion, string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return true;
        var trimmed = query.Trim().TrimStart('#');
        if (int.TryParse(trimmed, out var number)) return request.Number == number;
        return SearchText.Matches(request.Name, query)
            || SearchText.Matches(request.Place, query)
            || SearchText.Matches(opinion?.Content, query)
            || SearchText.Matches(opinion?.Field.ToVietnamese(), query);
    }

    /// <summary>Statuses a duplicate can still be merged into.</summary>
    public static bool CanReceiveMerge(SpeakRequest request) =>
        request.Status is not (SpeakRequestStatus.Rejected or SpeakRequestStatus.Merged or SpeakRequestStatus.Withdrawn);
}
