namespace DoiThoai.Domain;

/// <summary>Groups of the invitation list (seeds 003, 004): city, commune and village delegates, and the people.</summary>
public enum DelegateGroup { CityDelegate, CommuneDelegate, VillageDelegate, People }

/// <summary>Đại biểu: an invited participant (named MeetingDelegate to stay clear of System.Delegate). Checked in once at the door; a mistaken check-in can be undone.</summary>
public sealed class MeetingDelegate
{
    public const int InvitationCodeLength = 10;

    private MeetingDelegate() { Name = Title = Organization = InvitationCode = ""; }

    public MeetingDelegate(Guid meetingId, string name, string title, string organization, DelegateGroup group, string? phone = null)
    {
        var cleanName = SearchText.Clean(name);
        if (cleanName.Length == 0) throw new MeetingRuleException("Thiếu họ tên đại biểu.");
        if (cleanName.Length > Meeting.MaxNameLength) throw new MeetingRuleException($"Họ tên tối đa {Meeting.MaxNameLength} ký tự.");
        if (!Enum.IsDefined(group)) throw new MeetingRuleException("Nhóm đại biểu không hợp lệ.");
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        Name = cleanName;
        Title = SearchText.Clean(title);
        Organization = SearchText.Clean(organization);
        Group = group;
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        // ~50 bits from an unambiguous alphabet: unguessable, yet short enough for a small QR on a printed invitation.
        InvitationCode = Tokens.NewShortCode(InvitationCodeLength);
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string Name { get; private set; }
    /// <summary>Chức vụ: "Bí thư chi bộ", "Trưởng xóm"…</summary>
    public string Title { get; private set; }
    /// <summary>Cơ quan, or thôn / xóm / tổ dân phố.</summary>
    public string Organization { get; private set; }
    public DelegateGroup Group { get; private set; }
    public string? Phone { get; private set; }
    public string InvitationCode { get; private set; }
    public DateTimeOffset? CheckedInAt { get; private set; }

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

public sealed record GroupAttendance(DelegateGroup Group, int Present, int Invited);

public static class Attendance
{
    public static string ToVietnamese(this DelegateGroup group) => group switch
    {
        DelegateGroup.CityDelegate => "Đại biểu thành phố",
        DelegateGroup.CommuneDelegate => "Đại biểu xã",
        DelegateGroup.VillageDelegate => "Đại biểu thôn, xóm",
        _ => "Nhân dân",
    };

    /// <summary>Present / invited per group, in the order of the invitation list.</summary>
    public static IReadOnlyList<GroupAttendance> ByGroup(IEnumerable<MeetingDelegate> delegates) =>
        delegates.GroupBy(d => d.Group).OrderBy(g => g.Key)
            .Select(g => new GroupAttendance(g.Key, g.Count(d => d.IsPresent), g.Count()))
            .ToList();
}
