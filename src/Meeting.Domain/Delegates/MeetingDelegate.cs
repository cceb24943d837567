namespace DoiThoai.Domain;

/// <summary>Groups of the invitation list (seeds 003, 004): city, commune and village delegates, and the people.</summary>
public enum DelegateGroup { CityDelegate, CommuneDelegate, VillageDelegate, People }

/// <summary>Đại biểu: an invited participant (named MeetingDelegate to stay clear of System.Delegate). Checked in once at the door; a mistaken check-in can be undone.</summary>
public sealed class MeetingDelegate : MeetingRow
{
    public const int InvitationCodeLength = 10;

    private MeetingDelegate() { Name = Title = Organization = InvitationCode = ""; }

    public MeetingDelegate(Guid meetingId, string name, string title, string organization, DelegateGroup group, string? phone = null)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        Name = Title = Organization = "";
        Update(name, title, organization, group, phone);
        // ~50 bits from an unambiguous alphabet: unguessable, yet short enough for a small QR on a printed invitation.
        InvitationCode = Tokens.NewShortCode(InvitationCodeLength);
    }

    public const int MaxTextLength = 120;

    /// <summary>Corrects the person's details; the invitation code and check-in stay as they are.</summary>
    public void Update(string name, string title, string organization, DelegateGroup group, string? phone)
    {
        var cleanName = SearchText.Clean(name);
        if (cleanName.Length == 0) throw new MeetingRuleException("Thiếu họ tên đại biểu.");
        if (cleanName.Length > Meeting.MaxNameLength) throw new MeetingRuleException($"Họ tên tối đa {Meeting.MaxNameLength} ký tự.");
        var cleanTitle = SearchText.Clean(title);
        var cleanOrganization = SearchText.Clean(organization);
        if (cleanTitle.Length > MaxTextLength) throw new MeetingRuleException($"Chức vụ tối đa {MaxTextLength} ký tự.");
        if (cleanOrganization.Length > MaxTextLength) throw new MeetingRuleException($"Cơ quan, đơn vị hoặc thôn, xóm tối đa {MaxTextLength} ký tự.");
        if (!Enum.IsDefined(group)) throw new MeetingRuleException("Nhóm đại biểu không hợp lệ.");
        var cleanPhone = CleanPhone(phone);
        Name = cleanName;
        Title = cleanTitle;
        Organization = cleanOrganization;
        Group = group;
        Phone = cleanPhone;
    }

    /// <summary>"0912 345 678", "0912.345.678" and "+84912345678" are all accepted; letters are not.</summary>
    public static string? CleanPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = string.Concat(phone.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-' and not '(' and not ')'));
        var body = digits.StartsWith('+') ? digits[1..] : digits;
        if (body.Length is < 8 or > 15 || !body.All(char.IsAsciiDigit))
            throw new MeetingRuleException("Số điện thoại không hợp lệ (chỉ gồm chữ số, 8–15 số).");
        return digits;
    }

    /// <summary>Who this person is for a re-import: the same name in the same place is the same delegate.</summary>
    public static string IdentityKey(string? name, string? organization) => $"{SearchText.Fold(name)}|{SearchText.Fold(organization)}";

    public string Identity => IdentityKey(Name, Organization);

    public bool Differs(DelegateDraft row) =>
        Name != SearchText.Clean(row.Name) || Title != SearchText.Clean(row.Title) || Organization != SearchText.Clean(row.Organization)
        || Group != row.Group || Phone != CleanPhone(row.Phone);

    public Guid Id { get; private set => Set(ref field, value); }
    public Guid MeetingId { get; private set => Set(ref field, value); }
    public string Name { get; private set => Set(ref field, value); }
    /// <summary>Chức vụ: "Bí thư chi bộ", "Trưởng xóm"…</summary>
    public string Title { get; private set => Set(ref field, value); }
    /// <summary>Cơ quan, or thôn / xóm / tổ dân phố.</summary>
    public string Organization { get; private set => Set(ref field, value); }
    public DelegateGroup Group { get; private set => Set(ref field, value); }
    public string? Phone { get; private set => Set(ref field, value); }
    public string InvitationCode { get; private set => Set(ref field, value); }
    public DateTimeOffset? CheckedInAt { get; private set => Set(ref field, value); }
    /// <summary>Came without an invitation and was added at the door (the minutes count them apart).</summary>
    public bool IsWalkIn { get; private set => Set(ref field, value); }

    internal void MarkWalkIn() => IsWalkIn = true;

    /// <summary>Forgotten at the person's request; group, invitation and check-in stay so attendance still adds up.</summary>
    internal void ErasePersonalData()
    {
        Name = PersonalData.Marker;
        Title = "";
        Organization = "";
        Phone = null;
    }

    public bool IsPresent => CheckedInAt is not null;

    /// <summary>Folded name, title and organization, for search that ignores diacritics and case.</summary>
    public string SearchKey => SearchText.Fold($"{Name} {Title} {Organization}");

    public bool Matches(string? query) => SearchKey.Contains(SearchText.Fold(query), StringComparison.Ordinal);

    /// <summary>A second scan says when the first one was and changes nothing.</summary>
    public void CheckIn(DateTimeOffset now)
    {
        if (CheckedInAt is { } at)
            throw new MeetingRuleException($"{Name} đã điểm danh lúc {Clock.ToHallTime(at):HH:mm}.");
        CheckedInAt = now;
    }

    public void UndoCheckIn()
    {
        if (CheckedInAt is null) throw new MeetingRuleException($"{Name} chưa điểm danh.");
        CheckedInAt = null;
    }
}

/// <summary>
/// One group of the attendance: <paramref name="Present"/> of the <paramref name="Invited"/> people invited came, and
/// <paramref name="WalkIns"/> more came without an invitation (counted apart, so "có mặt/được mời" never exceeds itself).
/// </summary>
public sealed record GroupAttendance(DelegateGroup Group, int Present, int Invited, int WalkIns = 0)
{
    /// <summary>"Nhân dân: 0/80 (+1 không có giấy mời)": the same words on the chair's bar and at the check-in desk.</summary>
    public string Short() => $"{Group.ToVietnamese()}: {Present}/{Invited}" + (WalkIns > 0 ? $" (+{WalkIns} không có giấy mời)" : "");
}

public static class Attendance
{
    public static string ToVietnamese(this DelegateGroup group) => group switch
    {
        DelegateGroup.CityDelegate => "Đại biểu thành phố",
        DelegateGroup.CommuneDelegate => "Đại biểu xã",
        DelegateGroup.VillageDelegate => "Đại biểu thôn, xóm",
        _ => "Nhân dân",
    };

    /// <summary>Every group with someone invited or present, in the order of the invitation list.</summary>
    public static IReadOnlyList<GroupAttendance> ByGroup(IEnumerable<MeetingDelegate> delegates) =>
        delegates.GroupBy(d => d.Group).OrderBy(g => g.Key)
            .Select(g => new GroupAttendance(g.Key, g.Count(d => d.IsPresent && !d.IsWalkIn), g.Count(d => !d.IsWalkIn),
                g.Count(d => d.IsPresent && d.IsWalkIn)))
            .ToList();
}
