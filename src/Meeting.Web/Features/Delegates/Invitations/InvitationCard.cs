using System.Globalization;
using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Delegates.Invitations;

/// <summary>One line of an invitation: a label and its value, the value in bold where the reader looks first.</summary>
public sealed record InvitationLine(string Label, string Value, bool Strong = false, bool Small = false);

/// <summary>
/// What one printed invitation says, built once so the print view and the .docx cannot drift apart.
/// <see cref="Url"/> is what the QR encodes: the delegate's own /i/{code} link.
/// </summary>
public sealed record InvitationCard(string Issuer, IReadOnlyList<InvitationLine> Lines, string Code, string Url)
{
    public const string Heading = "GIẤY MỜI";
    public const string Hint = "Quét mã khi đến hội trường để điểm danh; mở mã trên điện thoại để đăng ký phát biểu.";

    /// <summary>
    /// The plan's content runs to several hundred characters (the demo's 331); a quarter of A4 holds about this much in
    /// the print view's nine small lines. Longer content points to the official letter, which carries it in full.
    /// </summary>
    public const int ContentMaxLength = 420;

    public const string FullTextElsewhere = "(toàn văn trong giấy mời)";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static InvitationCard For(Meeting meeting, MeetingDelegate person, string baseUrl)
    {
        var start = Clock.ToHallTime(meeting.ScheduledStart);
        var role = InvitationWording.Role(person.Title, person.Organization);
        var issuer = string.IsNullOrWhiteSpace(meeting.HostOffice) ? "Ban Tổ chức hội nghị" : meeting.HostOffice.Trim();
        List<InvitationLine> lines =
        [
            new("Trân trọng kính mời: Ông (bà)", person.Name, Strong: true),
            new(person.Title.Length > 0 ? "Chức vụ:" : "Đơn vị:", role),
            new("Thành phần:", person.Group.ToVietnamese()),
            new("Đến dự:", meeting.Title, Strong: true),
            new("Nội dung:", Abbreviate(meeting.Content, ContentMaxLength), Small: true),
            new("Thời gian:", string.Create(CultureInfo.InvariantCulture, $"{start:HH} giờ {start:mm} phút, ngày {start:dd/MM/yyyy}"), Strong: true),
            new("Địa điểm:", meeting.Venue),
        ];
        lines.RemoveAll(l => l.Value.Length == 0);
        return new InvitationCard(issuer.ToUpper(Vietnamese), lines, person.InvitationCode, InvitationUrl(baseUrl, person.InvitationCode));
    }

    public static string InvitationUrl(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/i/{code}";

    /// <summary>
    /// The text whole when it fits; else cut at a word boundary and said so — "… (toàn văn trong giấy mời)" — within
    /// <paramref name="maxLength"/>, never a silent cut.
    /// </summary>
    public static string Abbreviate(string text, int maxLength)
    {
        text = text.Trim();
        if (text.Length <= maxLength) return text;
        const string tail = "… " + FullTextElsewhere;
        var room = Math.Max(1, maxLength - tail.Length);
        var space = text.LastIndexOf(' ', room);
        var cut = space > room / 2 ? text[..space] : text[..room];
        return cut.TrimEnd(' ', ',', ';', ':', '-', '(') + tail;
    }
}

/// <summary>Which invitations to print: all, one group (?nhom=VillageDelegate) or one person for a reprint (?id=…).</summary>
public static class InvitationSelection
{
    private static readonly StringComparer VietnameseOrder =
        StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), CompareOptions.IgnoreCase | CompareOptions.NumericOrdering);

    /// <summary>The people in print order; <c>Scope</c> says in words who they are, <c>Error</c> why there is nothing to print.</summary>
    public sealed record Result(IReadOnlyList<MeetingDelegate> People, string Scope, string? Error = null, int Status = StatusCodes.Status200OK);

    /// <summary>By group, then organization ("Xóm 2" before "Xóm 10"), then name, as the list is handed out.</summary>
    public static Result Select(Meeting meeting, string? group, string? id)
    {
        IEnumerable<MeetingDelegate> people = meeting.Delegates;
        var scope = "Tất cả đại biểu";
        if (!string.IsNullOrWhiteSpace(id))
        {
            if (!Guid.TryParse(id, out var delegateId))
                return new([], "", "Mã đại biểu trong đường dẫn không hợp lệ.", StatusCodes.Status400BadRequest);
            people = people.Where(d => d.Id == delegateId);
            if (!people.Any()) return new([], "", "Không tìm thấy đại biểu này trong danh sách của hội nghị.", StatusCodes.Status404NotFound);
            scope = "In lại cho một đại biểu";
        }
        else if (!string.IsNullOrWhiteSpace(group))
        {
            // By name only: Enum.TryParse would also take "7" or "1,2".
            var name = Enum.GetNames<DelegateGroup>().FirstOrDefault(n => n.Equals(group.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null) return new([], "", $"Nhóm đại biểu \"{group}\" không hợp lệ.", StatusCodes.Status400BadRequest);
            var wanted = Enum.Parse<DelegateGroup>(name);
            scope = wanted.ToVietnamese();
            people = people.Where(d => d.Group == wanted);
        }
        var ordered = InPrintOrder(people);
        return ordered.Count == 0
            ? new([], scope, $"Không có đại biểu nào để in giấy mời ({scope.ToLowerInvariant()}).", StatusCodes.Status404NotFound)
            : new(ordered, scope);
    }

    /// <summary>By group, then organization ("Xóm 2" before "Xóm 10"), then name.</summary>
    public static IReadOnlyList<MeetingDelegate> InPrintOrder(IEnumerable<MeetingDelegate> people) =>
        people.OrderBy(d => d.Group).ThenBy(d => d.Organization, VietnameseOrder).ThenBy(d => d.Name, VietnameseOrder).ToList();
}
