namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    public const int MaxNoteLength = 1000;

    /// <summary>Assigns one or more departments to answer; the lead answers first, the others coordinate.</summary>
    /// <param name="seen">
    /// The lead the person saw when they chose (null: no check, for scripts). If another seat named a different lead
    /// meanwhile, the assignment is refused rather than silently taking the lead away from it.
    /// </param>
    public IReadOnlyList<Assignment> AssignDepartments(Guid opinionId, IReadOnlyList<DepartmentRef> departments, Guid leadId,
        DateTimeOffset now, SeenLead? seen = null)
    {
        var opinion = RequireAnswerable(opinionId);
        if (departments.Count == 0) throw new MeetingRuleException("Hãy chọn ít nhất một phòng, ban.");
        if (departments.Select(d => d.Id).Distinct().Count() != departments.Count) throw new MeetingRuleException("Một phòng, ban được chọn hai lần.");
        if (departments.All(d => d.Id != leadId)) throw new MeetingRuleException("Hãy chọn phòng, ban chủ trì trả lời trong số các phòng, ban được giao.");
        if (opinion.LeadAssignment?.DepartmentId == leadId && departments.All(d => opinion.Assignments.Any(a => a.DepartmentId == d.Id)))
            throw new MeetingRuleException("Các phòng, ban này đã được giao ý kiến này, với cùng phòng, ban chủ trì.");
        if (seen is not null && opinion.LeadAssignment?.DepartmentId != seen.DepartmentId)
            throw new MeetingRuleException(opinion.LeadAssignment is { } current
                ? $"Ý kiến số {opinion.Number} vừa được giao {current.DepartmentName} chủ trì trả lời (lúc {Hm(current.AssignedAt)}). Hãy xem lại rồi giao lại nếu cần."
                : $"Phòng, ban trả lời ý kiến số {opinion.Number} vừa thay đổi. Hãy xem lại rồi giao lại nếu cần.");
        var added = opinion.Assign(departments, leadId, now);
        var lead = departments.First(d => d.Id == leadId).Name;
        var others = departments.Where(d => d.Id != leadId).Select(d => d.Name).ToList();
        Raise(EventKinds.DepartmentsAssigned,
            $"{Hm(now)} — Giao {lead} chủ trì trả lời ý kiến số {opinion.Number}{(others.Count > 0 ? $", phối hợp: {string.Join(", ", others)}" : "")}.",
            opinion.Id);
        return added;
    }

    /// <summary>Records how the opinion ends. Refused while its turn is still running.</summary>
    /// <param name="expected">
    /// The outcome the opinion had on the person's screen when they chose (null: no check, for scripts). If another
    /// seat recorded a different one meanwhile, the command is refused and names it, rather than silently replacing it.
    /// Choosing the outcome already recorded (a double tap, two seats agreeing) changes nothing and is not an error.
    /// </param>
    /// <param name="by">Who chooses (the signed-in name), kept on the opinion to tell a seat that chose meanwhile.</param>
    public void SetOutcome(Guid opinionId, OpinionOutcome outcome, DateTimeOffset now, OpinionOutcome? expected = null, string? by = null)
    {
        if (outcome == OpinionOutcome.None) throw new MeetingRuleException("Hãy chọn kết quả xử lý ý kiến.");
        var opinion = RequireAnswerable(opinionId);
        if (Floor.OpinionId == opinion.Id && !Floor.IsFree)
            throw new MeetingRuleException("Ý kiến này đang trong lượt phát biểu hoặc trả lời. Hãy kết thúc lượt trước.");
        if (opinion.Outcome == outcome) return;
        if (expected is { } seen && opinion.Outcome != seen) throw new MeetingRuleException(OutcomeChangedMeanwhile(opinion));
        var who = SearchText.Clean(by);
        opinion.SetOutcome(outcome, now, who.Length > 0 ? who : null);
        if (FocusOpinionId == opinion.Id) FocusOpinionId = null;
        Raise(EventKinds.OutcomeSet, $"{Hm(now)} — Ý kiến số {opinion.Number} ({opinion.SubmitterName}): {outcome.ToVietnamese()}.", opinion.Id);
    }

    private static string OutcomeChangedMeanwhile(Opinion opinion)
    {
        if (opinion.Outcome == OpinionOutcome.None)
            return $"Kết quả xử lý ý kiến số {opinion.Number} vừa thay đổi. Hãy xem lại rồi chọn lại nếu cần.";
        var at = opinion.OutcomeAt is { } time ? $" lúc {Hm(time)}" : "";
        var by = opinion.OutcomeBy is { } name ? $" bởi {name}" : "";
        return $"Ý kiến số {opinion.Number} vừa được ghi kết quả “{opinion.Outcome.ToVietnamese()}”{at}{by}. Hãy xem lại rồi chọn lại nếu cần đổi.";
    }

    public const int MaxAnswerSummaryLength = 2000;

    /// <summary>
    /// The gist of what was answered (by the chair or a department), written by the secretary or the chair's side during
    /// or after the turn; the minutes' Thảo luận reads it. Emptying it removes it.
    /// </summary>
    /// <param name="seen">The summary on the writer's screen when they began: if another seat saved a different one
    /// meanwhile, this one is refused and names them, so neither edit is lost silently.</param>
    public void RecordAnswerSummary(Guid opinionId, string text, string? seen, string? by, DateTimeOffset now)
    {
        var opinion = RequireAnswerable(opinionId);
        var clean = SearchText.CleanText(text);
        if (clean.Length > MaxAnswerSummaryLength)
            throw new MeetingRuleException($"Tóm tắt trả lời tối đa {MaxAnswerSummaryLength} ký tự (hiện có {clean.Length}).");
        var current = opinion.AnswerSummary ?? "";
        if (clean == current) return;
        if (current != SearchText.CleanText(seen ?? ""))
            throw new MeetingRuleException($"Tóm tắt trả lời ý kiến số {opinion.Number} vừa được {opinion.AnswerSummaryBy ?? "người khác"} sửa. "
                + "Hãy xem nội dung mới rồi sửa lại nếu cần.");
        var who = SearchText.Clean(by);
        opinion.SetAnswerSummary(clean.Length == 0 ? null : clean, who.Length > 0 ? who : null);
        Raise(EventKinds.AnswerSummaryRecorded, $"{Hm(now)} — Ghi tóm tắt trả lời ý kiến số {opinion.Number}.", opinion.Id, staffOnly: true);
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

/// <summary>The lead department a person saw on an opinion when they chose (null: none was assigned yet).</summary>
public sealed record SeenLead(Guid? DepartmentId);
