using System.Globalization;
using System.Text.RegularExpressions;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Who issues Mẫu 1 and Mẫu 2: the unit's Party committee, as the forms show it ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG /
/// ĐẢNG ỦY XÃ TÂN KỲ / *" beside "ĐẢNG CỘNG SẢN VIỆT NAM"), signed "T/M BAN THƯỜNG VỤ".
/// </summary>
public sealed partial record ReportIssuer(string? ParentBody, string Body, string NumberSuffix, string Place, string? ReportsTo)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static ReportIssuer Of(Unit unit, Unit? parent)
    {
        var place = PlaceName(unit.Name);
        return unit.Kind switch
        {
            UnitKind.Province => new(null, Upper($"Tỉnh ủy {place}"), "BC/TU", place, null),
            UnitKind.City => new(parent is null ? null : Upper($"Đảng bộ {parent.Name}"), Upper($"Thành ủy {place}"), "BC/ThU", place,
                parent is null ? null : Committee(parent)),
            _ => new(parent is null ? null : Upper($"Đảng bộ {parent.Name}"), Upper($"Đảng ủy {unit.Name}"), "BC/ĐU", place,
                parent is null ? null : Committee(parent)),
        };
    }

    public string Number => $"Số {Issuer.Blank}-{NumberSuffix}";

    public string PlaceDate(DateOnly date) => $"{Place}, {Issuer.LongDate(date)}";

    public DocumentHeader Header(DateOnly date) =>
        new(ParentBody, [Body], Party: true, Number, [Issuer.PartyTitle], PlaceDate(date));

    public static IReadOnlyList<string> SignatureLines => ["T/M BAN THƯỜNG VỤ"];
    public const string SignatureHint = "(ký tên, đóng dấu)";

    /// <summary>"Xã Giao Minh" → "Giao Minh"; "Thành phố Hải Phòng" → "Hải Phòng".</summary>
    public static string PlaceName(string unitName)
    {
        var clean = SearchText.Clean(unitName);
        var match = KindPrefix().Match(clean);
        return match.Success ? clean[match.Length..] : clean;
    }

    /// <summary>The committee of the level above, as Nơi nhận names it: "Tỉnh ủy Ninh Bình".</summary>
    public static string Committee(Unit parent) => parent.Kind switch
    {
        UnitKind.Province => $"Tỉnh ủy {PlaceName(parent.Name)}",
        UnitKind.City => $"Thành ủy {PlaceName(parent.Name)}",
        _ => $"Đảng ủy {parent.Name}",
    };

    /// <summary>The People's Committee of the level above: "Ủy ban nhân dân tỉnh Ninh Bình".</summary>
    public static string PeoplesCommittee(Unit parent) => parent.Kind switch
    {
        UnitKind.Province => $"Ủy ban nhân dân tỉnh {PlaceName(parent.Name)}",
        UnitKind.City => $"Ủy ban nhân dân thành phố {PlaceName(parent.Name)}",
        _ => $"Ủy ban nhân dân {parent.Name}",
    };

    private static string Upper(string text) => text.ToUpper(Vietnamese);

    [GeneratedRegex(@"^(?i:xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+")]
    private static partial Regex KindPrefix();
}
