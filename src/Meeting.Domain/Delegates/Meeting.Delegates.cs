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
        if (_delegates.Any(d => d.Identity == added.Identity))
            throw new MeetingRuleException($"{added.Name} ({NamePlace(added.Organization)}) đã có trong danh sách; hãy tìm theo tên để điểm danh hoặc sửa.");
        _delegates.Add(added);
        Raise(EventKinds.DelegateAdded, $"Thêm đại biểu {added.Name} ({group.ToVietnamese()}).", added.Id);
        return added;
    }

    public MeetingDelegate EditDelegate(Guid delegateId, string name, string title, string organization, DelegateGroup group, string? phone)
    {
        var found = FindDelegate(delegateId);
        var key = MeetingDelegate.IdentityKey(SearchText.Clean(name), SearchText.Clean(organization));
        if (_delegates.Any(d => d.Id != delegateId && d.Identity == key))
            throw new MeetingRuleException($"{SearchText.Clean(name)} ({NamePlace(SearchText.Clean(organization))}) đã có trong danh sách.");
        found.Update(name, title, organization, group, phone);
        Raise(EventKinds.DelegateEdited, $"Sửa thông tin đại biểu {found.Name}.", found.Id);
        return found;
    }

    /// <summary>
    /// Removes a delegate added by mistake; someone already in the hall or in the speaker list stays. The person is not
    /// on the list any more, so the journal forgets them too: the returned traces are scrubbed from lines about them.
    /// </summary>
    public ErasedTraces RemoveDelegate(Guid delegateId)
    {
        var found = FindDelegate(delegateId);
        if (found.IsPresent) throw new MeetingRuleException($"{found.Name} đã điểm danh; hãy hủy điểm danh trước khi xóa.");
        if (_requests.Any(r => r.DelegateId == delegateId))
            throw new MeetingRuleException($"{found.Name} đã đăng ký phát biểu nên không xóa được khỏi danh sách.");
        _delegates.Remove(found);
        var traces = new ErasedTraces { SubjectsOnly = true };
        traces.AddDistinctive(found.Name);
        traces.AddDistinctive(found.Phone);
        traces.AddPlace(found.Organization);
        traces.AddPlace(found.Title);
        traces.Subjects.Add(found.Id);
        ScrubPending(traces);
        Raise(EventKinds.DelegateRemoved, $"Xóa một đại biểu ({found.Group.ToVietnamese()}) khỏi danh sách.", found.Id);
        return traces;
    }

    /// <summary>
    /// Adds the rows of an imported list. A row whose name and place are already on the list updates that delegate
    /// (title, group, phone) instead of adding a second one, so importing the same file twice changes nothing.
    /// All rows are checked first: one bad row refuses the whole import.
    /// </summary>
    public DelegateImportResult ImportDelegates(IReadOnlyList<DelegateDraft> rows)
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc.");
        if (rows.Count == 0) throw new MeetingRuleException("Không có dòng nào để nhập.");
        var byIdentity = _delegates.GroupBy(d => d.Identity).ToDictionary(g => g.Key, g => g.First());
        var planned = new List<(DelegateDraft Row, MeetingDelegate? Existing)>();
        var seen = new HashSet<string>();
        foreach (var row in rows)
        {
            // Validate on a scratch delegate so a bad row is refused before anything changes.
            var check = new MeetingDelegate(Id, row.Name, row.Title, row.Organization, row.Group, row.Phone);
            if (!seen.Add(check.Identity))
                throw new MeetingRuleException($"{check.Name} ({NamePlace(check.Organization)}) có hai lần trong danh sách nhập.");
            planned.Add((row, byIdentity.GetValueOrDefault(check.Identity)));
        }
        int added = 0, updated = 0, unchanged = 0;
        foreach (var (row, existing) in planned)
        {
            if (existing is null)
            {
                _delegates.Add(new MeetingDelegate(Id, row.Name, row.Title, row.Organization, row.Group, row.Phone));
                added++;
            }
            else if (existing.Differs(row))
            {
                existing.Update(row.Name, row.Title, row.Organization, row.Group, row.Phone);
                updated++;
            }
            else unchanged++;
        }
        var result = new DelegateImportResult(added, updated, unchanged);
        Raise(EventKinds.DelegatesImported, $"Nhập danh sách đại biểu: {result.ToVietnamese()}");
        return result;
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
        added.MarkWalkIn();
        return CheckIn(added.Id, now);
    }

    public MeetingDelegate FindDelegate(Guid delegateId) =>
        _delegates.FirstOrDefault(d => d.Id == delegateId) ?? throw new MeetingRuleException("Không tìm thấy đại biểu này.");

    private static string NamePlace(string organization) => organization.Length > 0 ? organization : "không ghi đơn vị";

    private string PresentText() => $"Có mặt {_delegates.Count(d => d.IsPresent)}/{_delegates.Count}.";
}
