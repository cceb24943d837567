namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    public const int MaxNoteLength = 1000;

    /// <summary>Assigns one or more departments to answer; the lead answers first, the others coordinate.</summary>
    public IReadOnlyList<Assignment> AssignDepartments(Guid opinionId, IReadOnlyList<DepartmentRef> departments, Guid leadId,
        DateTimeOffset now)
    {
        var opinion = RequireAnswerable(opinionId);
        if (departments.Count == 0) throw new MeetingRuleException("Hãy chọn ít nhất một phòng, ban.");
        if (departments.Select(d => d.Id).Distinct().Count() != departments.Count) throw new MeetingRuleException("Một phòng, ban được chọn hai lần.");
        if (departments.All(d => d.Id != leadId)) throw new MeetingRuleException("Hãy chọn phòng, ban chủ trì trả lời trong số các phòng, ban được giao.");
        var added = opinion.Assign(departments, leadId, now);
        if (added.Count == 0) throw new MeetingRuleException("Các phòng, ban này đã được giao ý kiến này, với cùng phòng, ban chủ trì.");
        var lead = departments.First(d => d.Id == leadId).Name;
        var others = departments.Where(d => d.Id != leadId).Select(d => d.Name).ToList();
        Raise(EventKinds.DepartmentsAssigned,
            $"{Hm(now)} — Giao {lead} chủ trì trả lời ý kiến số {opinion.Number}{(others.Count > 0 ? $", phối hợp: {string.Join(", ", others)}" : "")}.",
            opinion.Id);
        return added;
    }

    /// <summary>Records how the opinion ends. Refused while its turn is still running.</summary>
    public void SetOutcome(Guid opinionId, OpinionOutcome outcome, DateTimeOffset now)
    {
        if (outcome == OpinionOutcome.None) throw new MeetingRuleException("Hãy chọn kết quả xử lý ý kiến.");
        var opinion = RequireAnswerable(opinionId);
        if (Floor.OpinionId == opinion.Id && !Floor.IsFree)
            throw new MeetingRuleException("Ý kiến này đang trong lượt phát biểu hoặc trả lời. Hãy kết thúc lượt trước.");
        opinion.SetOutcome(outcome, now);
        if (FocusOpinionId == opinion.Id) FocusOpinionId = null;
        Raise(EventKinds.OutcomeSet, $"{Hm(now)} — Ý kiến số {opinion.Number} ({opinion.SubmitterName}): {outcome.ToVietnamese()}.", opinion.Id);
    }

    /// <param name="noteId">
    /// The id the sender chose for this note: sent again after a lost reply, the same note is answered, not a second.
    /// </param>
    public StaffNote AddStaffNote(Guid opinionId, string author, string text, DateTimeOffset now, Guid? noteId = null)
    {
        var opinion = FindOpinion(opinionId);
        if (noteId is { } id && opinion.Notes.FirstOrDefault(n => n.Id == id) is { } sent) return sent;
        var clean = (text ?? "").Trim();
        if (clean.Length == 0) throw new MeetingRuleException("Ghi chú trống.");
        if (clean.Length > MaxNoteLength) throw new MeetingRuleException($"Ghi chú tối đa {MaxNoteLength} ký tự.");
        var note = opinion.AddNote(SearchText.Clean(author), clean, now, noteId);
        Raise(EventKinds.StaffNoteAdded, $"{Hm(now)} — Ghi chú cho chủ trì về ý kiến số {opinion.Number}.", opinion.Id, staffOnly: true);
        return note;
    }

    private Opinion RequireAnswerable(Guid opinionId)
    {
        var opinion = FindOpinion(opinionId);
        if (opinion.MergedIntoId is not null) throw new MeetingRuleException($"Ý kiến số {opinion.Number} đã được gộp vào ý kiến khác.");
        if (opinion.IsClosed) throw new MeetingRuleException($"Ý kiến số {opinion.Number} đã bị từ chối hoặc rút, không thể giao trả lời.");
        return opinion;
    }
}
