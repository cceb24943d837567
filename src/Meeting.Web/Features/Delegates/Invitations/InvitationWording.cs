using System.Globalization;
using System.Text.RegularExpressions;

namespace DoiThoai.Web.Features.Delegates.Invitations;

/// <summary>How an invitation names a delegate's post and unit in running text, on the card and in the letter alike.</summary>
public static partial class InvitationWording
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// A unit typed as a heading ("Xã Giao Minh", as the delegate list and the unit tree hold it) as a sentence writes
    /// it: NĐ 30 (Phụ lục II) lowercases the kind before a proper name ("xã Giao Minh", "thành phố Ninh Bình") but keeps
    /// it before a number ("Phường 3", "Xóm 5"). Anything else stays as typed.
    /// </summary>
    public static string InSentence(string unit)
    {
        unit = unit.Trim();
        var match = UnitKind().Match(unit);
        return match.Success ? match.Groups["kind"].Value.ToLower(Vietnamese) + unit[match.Groups["kind"].Length..] : unit;
    }

    /// <summary>
    /// "Phó Bí thư Đảng ủy, xã Giao Minh"; a post that already ends with the unit's kind takes its name
    /// ("Chủ tịch Ủy ban MTTQ xã" + "Xã Giao Minh" → "Chủ tịch Ủy ban MTTQ xã Giao Minh"). Empty when both are.
    /// </summary>
    public static string Role(string title, string organization)
    {
        title = title.Trim();
        var unit = InSentence(organization);
        if (title.Length == 0) return unit;
        if (unit.Length == 0) return title;
        var kind = UnitKind().Match(unit);
        if (kind.Success && title.EndsWith(" " + kind.Groups["kind"].Value, StringComparison.Ordinal))
            return title + unit[kind.Groups["kind"].Length..];
        return $"{title}, {unit}";
    }

    // The administrative kinds of NĐ 30's rule, followed by a capitalised name (not a number).
    [GeneratedRegex(@"^(?<kind>(?i:xã|phường|thị trấn|thị xã|đặc khu|huyện|quận|thành phố|tỉnh))(?=\s+\p{Lu})")]
    private static partial Regex UnitKind();
}
