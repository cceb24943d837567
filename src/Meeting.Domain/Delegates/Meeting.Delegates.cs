namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    private readonly List<MeetingDelegate> _delegates = [];

    public IReadOnlyList<MeetingDelegate> Delegates => _delegates;

    public IReadOnlyList<GroupAttendance> AttendanceByGroup() => Attendance.ByGroup(_delegates);

    public MeetingDelegate AddDelegate(string name, string title, string organization, DelegateGroup group, string? phone = null)
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc.");
        var added = new MeetingDelegate(Id, name, title, organization, group, phone);
        _delegates.Add(added);
        Raise(EventKinds.DelegateAdded, $"Thêm đại biểu {added.Name} ({group.ToVietnamese()}).", added.Id);
        return added;
    }

    /// <summary>Checks in by invitation code (a scanned QR). A foreign or wrong code, or a second scan, is refused.</summary>
    public MeetingDelegate CheckInByCode(string code, DateTimeOffset now)
    {
        var clean = (code ?? "").Trim().ToUpperInvariant();
        var found = _delegates.FirstOrDefault(d => d.InvitationCode == clean)
            ?? throw new MeetingRuleException("Mã giấy mời không đúng hoặc không thuộc hội nghị này.");
        return CheckIn(found.Id, now);
    }

    public MeetingDelegate CheckIn(Guid delegateId, DateTimeOffset now)
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc.");
        var found = FindDelegate(delegateId);
        found.CheckIn(now);
        Raise(EventKinds.AttendanceChanged, $"{Hm(now)} — Điểm danh: {found.Name} ({found.Group.ToVietnamese()}). {PresentText()}", found.Id);
        return found;
    }

    public void UndoCheckIn(Guid delegateId, DateTimeOffset now)
    {
        var found = FindDelegate(delegateId);
        found.UndoCheckIn();
        Raise(EventKinds.AttendanceChanged, $"{Hm(now)} — Hủy điểm danh nhầm: {found.Name}. {PresentText()}", found.Id);
    }

    /// <summary>Someone without an invitation at the door: a delegate of group Nhân dân, checked in at once.</summary>
    public MeetingDelegate AddWalkIn(string name, string organization, DateTimeOffset now)
    {
        var added = AddDelegate(name, "", organization, DelegateGroup.People);
        return CheckIn(added.Id, now);
    }

    public MeetingDelegate FindDelegate(Guid delegateId) =>
        _delegates.FirstOrDefault(d => d.Id == delegateId) ?? throw new MeetingRuleException("Không tìm thấy đại biểu này.");

    private string PresentText() => $"Có mặt {_delegates.Count(d => d.IsPresent)}/{_delegates.Count}.";
}
