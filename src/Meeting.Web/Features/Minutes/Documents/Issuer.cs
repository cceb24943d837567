using System.Globalization;
using System.Text.RegularExpressions;
using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// Who issues the documents, read from the meeting's host office: a Party office ("Văn phòng Đảng ủy xã Giao Minh")
/// issues as the Party committee under "ĐẢNG CỘNG SẢN VIỆT NAM"; any other as the commune's People's Committee under
/// the national title and motto. The commune ("xã Giao Minh") comes from the host office, else from the audience.
/// </summary>
public sealed partial record Issuer(bool Party, string Commune, string Place, string HostOffice)
{
    public const string PartyTitle = "ĐẢNG CỘNG SẢN VIỆT NAM";
    public const string NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    /// <summary>Where the office writes by hand: a number, a name, a day.</summary>
    public const string Blank = "…………";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The Party organisation above the committee, for the header's first line ("Đảng bộ tỉnh Ninh Bình").</summary>
    public string? ParentParty { get; init; }

    /// <summary>The level above that the notice reports to, in Nơi nhận with "(b/c)" (seed 004 §3.1).</summary>
    public string? UpperLevel { get; init; }

    /// <param name="parent">The unit above the meeting's (from the unit tree); null when not known.</param>
    public static Issuer Of(Meeting meeting, Unit? parent = null)
    {
        var host = SearchText.Clean(meeting.HostOffice);
        var match = CommunePattern().Match(host) is { Success: true } m ? m : CommunePattern().Match(SearchText.Clean(meeting.Audience));
        var commune = match.Success ? $"{match.Groups["kind"].Value.ToLower(Vietnamese)} {match.Groups["name"].Value.Trim()}" : "";
        var place = match.Success ? match.Groups["name"].Value.Trim() : Blank;
        var party = host.Contains("Đảng", StringComparison.OrdinalIgnoreCase);
        return new(party, commune, place, host)
        {
            ParentParty = parent is null ? null : $"Đảng bộ {parent.Name}",
            UpperLevel = parent is null ? null
                : party ? $"Thường trực {Features.Reports.ReportIssuer.Committee(parent)}" : Features.Reports.ReportIssuer.PeoplesCommittee(parent),
        };
    }

    /// <summary>"Đảng ủy xã Giao Minh" / "Ủy ban nhân dân xã Giao Minh", as a sentence names it.</summary>
    public string Name => Join(Party ? "Đảng ủy" : "Ủy ban nhân dân", Commune);

    /// <summary>Who the departments report to (mục 3 of the notice).</summary>
    public string Leadership => Party ? Join("Ban Thường vụ Đảng ủy", Commune) : Name;

    /// <summary>The office that follows up, as the notice assigns it: the host office when there is one.</summary>
    public string FollowUpOffice => HostOffice.Length > 0 ? HostOffice : Party ? "Văn phòng Đảng ủy" : "Văn phòng HĐND và UBND";

    public string Archive => Party ? "- Lưu VPĐU." : "- Lưu: VT.";

    /// <summary>
    /// Nơi nhận, one recipient a line with its dash, then the archive: a Party document ends each line with a comma
    /// (Hướng dẫn 36, as seed 000's Nơi nhận does), a State one with a semicolon (Nghị định 30); the last line with a full stop.
    /// </summary>
    public IReadOnlyList<string> Recipients(IEnumerable<string> recipients, string? archive = null) =>
        [.. recipients.Select(r => $"- {r.Trim().TrimEnd(',', ';', '.')}{(Party ? "," : ";")}"), archive ?? Archive];

    /// <summary>
    /// Left and right columns of the header. The Party header names the parent organisation first (Hướng dẫn 36);
    /// when the unit tree does not give it, the commune's Party organisation stands there for the office to correct.
    /// </summary>
    /// <param name="number">The number and symbol once the document is issued ("35-TB/ĐU"); a blank to fill in before.</param>
    /// <param name="date">The day it is signed; null leaves "ngày … tháng … năm …" for the office to write when it signs.</param>
    public DocumentHeader Header(string kindCode, DateOnly? date, string? number = null) => Party
        ? new(Upper(ParentParty ?? Join("Đảng bộ", Commune)), [Upper(Name)], true,
            number is null ? $"Số {Blank}-{kindCode}/ĐU" : $"Số {number}", [PartyTitle], PlaceDate(date))
        : new(null, Commune.Length > 0 ? ["ỦY BAN NHÂN DÂN", Upper(Commune)] : [Upper(HostOffice)], false,
            number is null ? $"Số: {Blank}/{kindCode}-UBND" : $"Số: {number}", [NationalTitle, Motto], PlaceDate(date));

    /// <summary>"Số 21-KH/ĐU" → "21-KH/ĐU" (the sentence already says "Kế hoạch số"); a blank when the plan has none.</summary>
    public static string PlanNumber(string plan)
    {
        var number = plan.Trim();
        if (number.StartsWith("số", StringComparison.OrdinalIgnoreCase)) number = number[2..].TrimStart(' ', ':');
        return number.Length > 0 ? number : Blank;
    }

    /// <summary>"Giao Minh, ngày 05 tháng 02 năm 2026": days under 10 and months 1–2 take a leading zero (NĐ 30).</summary>
    public string PlaceDate(DateOnly? date) => $"{Place}, {(date is { } day ? LongDate(day) : $"ngày {Blank} tháng {Blank} năm {Blank}")}";

    public static string LongDate(DateOnly date) =>
        $"ngày {date.Day:00} tháng {(date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))} năm {date.Year}";

    public static string ShortDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Upper(string text) => text.ToUpper(Vietnamese);

    private static string Join(string head, string tail) => tail.Length > 0 ? $"{head} {tail}" : head;

    // The unit's name is its capitalised words after the kind: "xã Giao Minh năm 2026" → "Giao Minh".
    [GeneratedRegex(@"(?<kind>(?i:xã|phường|thị trấn|đặc khu))\s+(?<name>(?:[\p{Lu}\d][\p{L}\d]*\s?)+)")]
    private static partial Regex CommunePattern();
}
