namespace DoiThoai.Domain;

/// <summary>An opinion gathered before the meeting, as typed, imported or sent through the online form (Mẫu 4).</summary>
public sealed record CollectedOpinionDraft(
    string Name,
    string Place,
    OpinionField Field,
    string Content,
    CollectedChannel Channel,
    DateOnly? ReceivedOn,
    string? Phone = null);

/// <summary>What an import did: rows added, and rows already collected (same person, same words) left alone.</summary>
public sealed record CollectedImportResult(int Added, int Skipped)
{
    public string ToVietnamese() => Skipped > 0 ? $"thêm {Added} ý kiến, bỏ qua {Skipped} ý kiến đã có." : $"thêm {Added} ý kiến.";
}

public static class CollectedEventKinds
{
    public const string Collected = "OpinionCollected";
    public const string Imported = "CollectedOpinionsImported";
    public const string Edited = "CollectedOpinionEdited";
    public const string Classified = "CollectedOpinionClassified";
    public const string Merged = "CollectedOpinionMerged";
    public const string Unmerged = "CollectedOpinionUnmerged";
    public const string Assigned = "CollectedOpinionAssigned";
    public const string AnswerPrepared = "CollectedAnswerPrepared";
    public const string Removed = "CollectedOpinionRemoved";
}

/// <summary>
/// Opinions collected before the meeting (seed 004: from the Fatherland Front, the unions, village Party cells, letters,
/// e-mail and the online form), classified, merged, given to a department with a day to prepare the answer, and the
/// prepared answer itself — what the reports Mẫu 5 and Mẫu 6 print and agenda step 4 reads out.
/// They share the meeting's numbering with the hall's requests, so "ý kiến số N" is one opinion everywhere.
/// Their journal lines are staff-only: names and contents stay off public screens until the meeting shows them.
/// </summary>
public sealed partial class Meeting
{
    public const int MaxPreparedAnswerLength = 8000;
    /// <summary>One online form makes at most this many opinions (five fields and the "băn khoăn, bức xúc" box).</summary>
    public const int MaxOpinionsPerForm = 6;

    public IReadOnlyList<Opinion> CollectedOpinions() => _opinions.Where(o => o.IsCollected).OrderBy(o => o.Number).ToList();

    public Opinion CollectOpinion(CollectedOpinionDraft draft, DateTimeOffset now)
    {
        RequireCollecting();
        var clean = CleanCollected(draft, now);
        var opinion = AddCollected(clean, null);
        Raise(CollectedEventKinds.Collected,
            $"Ghi nhận ý kiến số {opinion.Number} thu thập trước hội nghị ({clean.Channel.ToVietnamese()}): {clean.Name}{PlaceSuffix(clean.Place)}.",
            opinion.Id, staffOnly: true);
        return opinion;
    }

    /// <summary>
    /// Adds a list read from a sheet. Every row is checked first: one bad row refuses the whole list. A row with the
    /// same person and the same words as an opinion already collected (or an earlier row) is skipped, so importing the
    /// same file twice adds nothing.
    /// </summary>
    public CollectedImportResult ImportCollectedOpinions(IReadOnlyList<CollectedOpinionDraft> rows, DateTimeOffset now)
    {
        RequireCollecting();
        if (rows.Count == 0) throw new MeetingRuleException("Không có ý kiến nào để nhập.");
        var cleaned = new List<CollectedOpinionDraft>();
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                cleaned.Add(CleanCollected(rows[i], now));
            }
            catch (MeetingRuleException refused)
            {
                throw new MeetingRuleException($"Ý kiến thứ {i + 1} trong danh sách nhập: {refused.Message}");
            }
        }
        var known = _opinions.Where(o => o.IsCollected).Select(o => SameWords(o.SubmitterName, o.Content)).ToHashSet();
        int added = 0, skipped = 0;
        foreach (var clean in cleaned)
        {
            if (!known.Add(SameWords(clean.Name, clean.Content)))
            {
                skipped++;
                continue;
            }
            AddCollected(clean, null);
            added++;
        }
        var result = new CollectedImportResult(added, skipped);
        Raise(CollectedEventKinds.Imported, $"Nhập ý kiến thu thập trước hội nghị: {result.ToVietnamese()}", staffOnly: true);
        return result;
    }

    /// <summary>
    /// The public online form (Mẫu 4): each filled box is one opinion through the "phiếu trực tuyến" channel. Open
    /// until the meeting starts (then the hall's own form takes over). The same form sent twice (a retry on a bad
    /// network) returns the opinions it made the first time.
    /// </summary>
    public IReadOnlyList<Opinion> SubmitOpinionForm(IReadOnlyList<CollectedOpinionDraft> boxes, string submissionKey, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(submissionKey) || submissionKey.Length > 64)
            throw new MeetingRuleException("Phiếu không hợp lệ, vui lòng tải lại trang.");
        var sent = _opinions.Where(o => o.SubmissionKey == submissionKey).OrderBy(o => o.Number).ToList();
        if (sent.Count > 0) return sent;
        if (Status == MeetingStatus.Live) throw new MeetingRuleException("Hội nghị đang diễn ra: xin gửi ý kiến bằng phiếu đăng ký phát biểu của hội nghị.");
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc, không nhận thêm ý kiến qua phiếu này.");
        if (boxes.Count == 0) throw new MeetingRuleException("Xin ghi ít nhất một ý kiến vào phiếu.");
        if (boxes.Count > MaxOpinionsPerForm) throw new MeetingRuleException("Phiếu có quá nhiều ý kiến.");
        var cleaned = boxes.Select(b => CleanCollected(b with { Channel = CollectedChannel.OnlineForm }, now)).ToList();
        var made = cleaned.Select(clean => AddCollected(clean, submissionKey)).ToList();
        Raise(CollectedEventKinds.Collected,
            $"Nhận phiếu xin ý kiến trực tuyến của {cleaned[0].Name}{PlaceSuffix(cleaned[0].Place)}: {made.Count} ý kiến (số {string.Join(", ", made.Select(o => o.Number))}).",
            made[0].Id, staffOnly: true);
        return made;
    }

    /// <summary>Corrects what was typed or imported (a name, a village, the wording, the channel).</summary>
    public Opinion EditCollectedOpinion(Guid opinionId, CollectedOpinionDraft draft, DateTimeOffset now)
    {
        var opinion = RequireCollected(opinionId);
        RequireNotEnded();
        var clean = CleanCollected(draft, now);
        opinion.EditCollected(clean);
        Raise(CollectedEventKinds.Edited, $"Sửa ý kiến số {opinion.Number} ({clean.Name}).", opinion.Id, staffOnly: true);
        return opinion;
    }

    /// <summary>Phân loại: field, authority (within / level above / level below), out of the dialogue's topic, a petition.</summary>
    public void ClassifyCollectedOpinion(Guid opinionId, OpinionField field, Authority authority, bool outOfTopic, bool petition, DateTimeOffset now)
    {
        var opinion = RequireOpenCollected(opinionId);
        RequireNotEnded();
        if (!Enum.IsDefined(field)) throw new MeetingRuleException("Hãy chọn lĩnh vực.");
        if (!Enum.IsDefined(authority)) throw new MeetingRuleException("Hãy chọn thẩm quyền giải quyết.");
        if (opinion.Field == field && opinion.Authority == authority && opinion.IsOutOfTopic == outOfTopic && opinion.IsPetition == petition) return;
        opinion.Classify(field, authority, outOfTopic, petition);
        var tags = new List<string> { field.ToVietnamese(), authority.ToVietnamese().ToLowerInvariant() };
        if (outOfTopic) tags.Add("ngoài nội dung đối thoại");
        if (petition) tags.Add("đơn thư khiếu nại, tố cáo");
        Raise(CollectedEventKinds.Classified, $"Phân loại ý kiến số {opinion.Number}: {string.Join("; ", tags)}.", opinion.Id, staffOnly: true);
    }

    /// <summary>
    /// Gộp: the duplicate joins the opinion it repeats and leaves the reports (they count the people who raised it).
    /// Opinions already merged into the duplicate follow it, so no chain is left behind.
    /// </summary>
    public void MergeCollectedOpinion(Guid duplicateId, Guid intoId, DateTimeOffset now)
    {
        if (duplicateId == intoId) throw new MeetingRuleException("Không thể gộp một ý kiến vào chính nó.");
        var duplicate = RequireOpenCollected(duplicateId);
        var target = RequireCollected(intoId);
        RequireNotEnded();
        if (target.MergedIntoId is { } further)
            throw new MeetingRuleException($"Ý kiến số {target.Number} đã được gộp vào ý kiến số {FindOpinion(further).Number}; hãy gộp vào ý kiến đó.");
        foreach (var follower in _opinions.Where(o => o.MergedIntoId == duplicate.Id)) follower.MergeInto(target);
        duplicate.MergeInto(target);
        Raise(CollectedEventKinds.Merged, $"Gộp ý kiến số {duplicate.Number} ({duplicate.SubmitterName}) vào ý kiến số {target.Number}.", duplicate.Id, staffOnly: true);
    }

    public void UnmergeCollectedOpinion(Guid opinionId, DateTimeOffset now)
    {
        var opinion = RequireCollected(opinionId);
        RequireNotEnded();
        if (opinion.MergedIntoId is null) throw new MeetingRuleException($"Ý kiến số {opinion.Number} chưa được gộp vào ý kiến nào.");
        opinion.Unmerge();
        Raise(CollectedEventKinds.Unmerged, $"Tách ý kiến số {opinion.Number} ({opinion.SubmitterName}) ra thành ý kiến riêng.", opinion.Id, staffOnly: true);
    }

    /// <summary>
    /// Phân công: the departments that prepare the answer (exactly these; one leads) and the last day it may be ready,
    /// which is no later than the meeting. Returns false when nothing changed (a bulk assignment passes over such rows).
    /// </summary>
    public bool AssignCollectedOpinion(Guid opinionId, IReadOnlyList<DepartmentRef> departments, Guid leadId, DateOnly prepareDue, DateTimeOffset now)
    {
        var opinion = RequireOpenCollected(opinionId);
        RequireNotEnded();
        if (departments.Count == 0) throw new MeetingRuleException("Hãy chọn ít nhất một phòng, ban.");
        if (departments.Select(d => d.Id).Distinct().Count() != departments.Count) throw new MeetingRuleException("Một phòng, ban được chọn hai lần.");
        if (departments.All(d => d.Id != leadId)) throw new MeetingRuleException("Hãy chọn phòng, ban chủ trì trong số các phòng, ban được giao.");
        if (prepareDue > DayInHall(ScheduledStart))
            throw new MeetingRuleException($"Hạn chuẩn bị trả lời {CollectedDay(prepareDue)} sau ngày hội nghị {CollectedDay(DayInHall(ScheduledStart))}; hãy chọn ngày trước hoặc đúng ngày hội nghị.");
        // A due day already set may have passed; only a new one must still be ahead.
        if (prepareDue != opinion.PrepareDue && prepareDue < DayInHall(now))
            throw new MeetingRuleException($"Hạn chuẩn bị trả lời {CollectedDay(prepareDue)} đã qua; hãy chọn từ hôm nay ({CollectedDay(DayInHall(now))}) trở đi.");
        var dueChanged = opinion.PrepareDue != prepareDue;
        var changed = opinion.ReplaceAssignments(departments, leadId, now);
        opinion.SetPrepareDue(prepareDue);
        if (!changed && !dueChanged) return false;
        var lead = departments.First(d => d.Id == leadId).Name;
        var others = departments.Where(d => d.Id != leadId).Select(d => d.Name).ToList();
        Raise(CollectedEventKinds.Assigned,
            $"Giao {lead} chủ trì chuẩn bị trả lời ý kiến số {opinion.Number}{(others.Count > 0 ? $", phối hợp: {string.Join(", ", others)}" : "")}; hạn {CollectedDay(prepareDue)}.",
            opinion.Id, staffOnly: true);
        return true;
    }

    /// <summary>The answer the lead department prepared, for the answer report (Mẫu 6) and agenda step 4.</summary>
    public void RecordPreparedAnswer(Guid opinionId, string text, DateTimeOffset now)
    {
        var opinion = RequireOpenCollected(opinionId);
        RequireNotEnded();
        var clean = SearchText.CleanText(text);
        if (clean.Length == 0) throw new MeetingRuleException("Hãy nhập nội dung trả lời đã chuẩn bị.");
        if (clean.Length > MaxPreparedAnswerLength)
            throw new MeetingRuleException($"Nội dung trả lời tối đa {MaxPreparedAnswerLength} ký tự (hiện có {clean.Length}).");
        if (clean == opinion.PreparedAnswer) return;
        opinion.RecordPreparedAnswer(clean, now);
        Raise(CollectedEventKinds.AnswerPrepared, $"Đã có nội dung trả lời ý kiến số {opinion.Number}.", opinion.Id, staffOnly: true);
    }

    /// <summary>Removes an opinion entered by mistake. One that others were merged into stays until they are split off.</summary>
    public void RemoveCollectedOpinion(Guid opinionId, DateTimeOffset now)
    {
        var opinion = RequireCollected(opinionId);
        RequireNotEnded();
        if (_opinions.Any(o => o.MergedIntoId == opinion.Id))
            throw new MeetingRuleException($"Có ý kiến đã gộp vào ý kiến số {opinion.Number}; hãy tách các ý kiến đó trước khi xóa.");
        if (_requests.Any(r => r.OpinionId == opinion.Id))
            throw new MeetingRuleException($"Ý kiến số {opinion.Number} đã được nêu tại hội nghị nên không xóa được.");
        _opinions.Remove(opinion);
        Raise(CollectedEventKinds.Removed, $"Xóa ý kiến số {opinion.Number} ({opinion.SubmitterName}) khỏi danh sách thu thập.", opinion.Id, staffOnly: true);
    }

    private Opinion AddCollected(CollectedOpinionDraft clean, string? submissionKey)
    {
        var opinion = Opinion.Collected(Id, ++LastRequestNumber, clean, submissionKey);
        _opinions.Add(opinion);
        return opinion;
    }

    private void RequireCollecting()
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc, không nhận thêm ý kiến thu thập trước hội nghị.");
    }

    private void RequireNotEnded()
    {
        if (Status == MeetingStatus.Ended)
            throw new MeetingRuleException("Hội nghị đã kết thúc; danh sách ý kiến thu thập trước hội nghị được giữ nguyên như đã báo cáo.");
    }

    private Opinion RequireCollected(Guid opinionId)
    {
        var opinion = FindOpinion(opinionId);
        if (!opinion.IsCollected)
            throw new MeetingRuleException($"Ý kiến số {opinion.Number} được nêu tại hội nghị, không thuộc danh sách thu thập trước hội nghị.");
        return opinion;
    }

    private Opinion RequireOpenCollected(Guid opinionId)
    {
        var opinion = RequireCollected(opinionId);
        if (opinion.MergedIntoId is { } into)
            throw new MeetingRuleException($"Ý kiến số {opinion.Number} đã được gộp vào ý kiến số {FindOpinion(into).Number}; hãy xử lý ý kiến đó.");
        return opinion;
    }

    private static CollectedOpinionDraft CleanCollected(CollectedOpinionDraft draft, DateTimeOffset now)
    {
        var name = SearchText.Clean(draft.Name);
        var place = SearchText.Clean(draft.Place);
        var content = SearchText.CleanText(draft.Content);
        if (name.Length == 0) throw new MeetingRuleException("Hãy ghi họ tên người (hoặc tên tổ chức) nêu ý kiến.");
        if (name.Length > MaxNameLength) throw new MeetingRuleException($"Họ tên tối đa {MaxNameLength} ký tự.");
        if (place.Length > MaxPlaceLength) throw new MeetingRuleException($"Địa chỉ (thôn, xóm, cơ quan) tối đa {MaxPlaceLength} ký tự.");
        if (content.Length == 0) throw new MeetingRuleException("Hãy ghi nội dung ý kiến, kiến nghị.");
        if (content.Length > MaxContentLength) throw new MeetingRuleException($"Nội dung tối đa {MaxContentLength} ký tự (hiện có {content.Length}).");
        if (!Enum.IsDefined(draft.Field)) throw new MeetingRuleException("Hãy chọn lĩnh vực.");
        if (draft.Channel == CollectedChannel.None || !Enum.IsDefined(draft.Channel))
            throw new MeetingRuleException("Hãy chọn nguồn ý kiến (MTTQ, hội, đoàn thể, chi bộ, đơn thư, e-mail…).");
        if (draft.ReceivedOn is { } received && received > DayInHall(now))
            throw new MeetingRuleException($"Ngày nhận {CollectedDay(received)} chưa đến; hãy kiểm tra lại ngày.");
        var phone = MeetingDelegate.CleanPhone(draft.Phone);
        return draft with { Name = name, Place = place, Content = content, Phone = phone };
    }

    /// <summary>The same person with the same words, whatever the case, accents typed or spacing.</summary>
    private static string SameWords(string name, string content) => $"{SearchText.Fold(name)}|{SearchText.Fold(content)}";

    private static DateOnly DayInHall(DateTimeOffset at) => DateOnly.FromDateTime(Clock.ToHallTime(at).DateTime);

    private static string CollectedDay(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
