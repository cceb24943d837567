namespace DoiThoai.Domain;

/// <summary>One part of the minutes (Mẫu 8) as the meeting's record writes it; the secretary may rewrite it.</summary>
public sealed record MinutesSection(string Key, string Heading, string Generated, bool SecretaryWrites = false);

public static class MinutesKeys
{
    public const string Opening = "opening";
    public const string Attendance = "attendance";
    public const string Content = "content";
    public const string Proceedings = "proceedings";
    public const string Conclusion = "conclusion";
    public const string Closing = "closing";
    public static string Opinion(int number) => $"opinion-{number}";
    public static string Answer(int number) => $"answer-{number}";

    private static readonly HashSet<string> Fixed = [Opening, Attendance, Content, Proceedings, Conclusion, Closing];

    /// <summary>
    /// Whether <paramref name="key"/> names a section the minutes can have; for an opinion's or an answer's section,
    /// <paramref name="opinionNumber"/> is the opinion it belongs to (the caller checks that the meeting has it).
    /// </summary>
    public static bool IsSection(string? key, out int? opinionNumber)
    {
        opinionNumber = null;
        if (key is null) return false;
        if (Fixed.Contains(key)) return true;
        var dash = key.IndexOf('-');
        if (dash < 0 || key[..dash] is not ("opinion" or "answer")) return false;
        var digits = key[(dash + 1)..];
        if (digits.Length is 0 or > 5 || digits[0] == '0' || !digits.All(char.IsAsciiDigit)) return false;
        opinionNumber = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}

/// <summary>
/// Builds the minutes from what the meeting already knows — plan, check-ins, agenda times, opinions and the journal —
/// in the order of Mẫu 8. It is rebuilt on every change; the secretary's edits are kept beside it (<see cref="MinutesMerge"/>).
/// </summary>
public static class MinutesDraft
{
    /// <summary>"đồng chí A, Bí thư…; đồng chí B, Chủ tịch… và đồng chí C, …": one to three chairs.</summary>
    public static string Chairs(Meeting meeting)
    {
        var named = meeting.Chairs.Select(c => c.Title.Length > 0 ? $"đồng chí {c.Name}, {c.Title}" : $"đồng chí {c.Name}").ToList();
        return named.Count <= 1 ? string.Concat(named) : string.Join("; ", named[..^1]) + " và " + named[^1];
    }

    public static IReadOnlyList<Opinion> Discussed(Meeting meeting)
    {
        var raised = meeting.Requests
            .Where(r => !r.IsFollowUp && r.OpinionId is not null && r.Status is SpeakRequestStatus.Called or SpeakRequestStatus.Speaking
                or SpeakRequestStatus.Spoken or SpeakRequestStatus.WrittenOnly)
            .Select(r => r.OpinionId!.Value).ToHashSet();
        return meeting.Opinions
            .Where(o => o.MergedIntoId is null && (raised.Contains(o.Id) || o.Outcome != OpinionOutcome.None))
            .OrderBy(o => o.Number).ToList();
    }

    /// <summary>
    /// What the conclusion notice accounts for: the opinions discussed in the hall (in the
    /// minutes' order), then those collected before the meeting (petitions go their own way, duplicates count once).
    /// </summary>
    public static IReadOnlyList<Opinion> InNotice(Meeting meeting)
    {
        var discussed = Discussed(meeting);
        var inHall = discussed.Select(o => o.Id).ToHashSet();
        return discussed.Concat(meeting.Opinions
                .Where(o => o.IsCollected && o.MergedIntoId is null && !o.IsPetition && !inHall.Contains(o.Id))
                .OrderBy(o => o.Number))
            .ToList();
    }

    /// <summary>Answered in the hall — or, for an opinion collected before, its prepared answer reported at step 4.</summary>
    public static bool ResolvedAtMeeting(Opinion opinion) =>
        opinion.Outcome == OpinionOutcome.AnsweredAtMeeting
        || (opinion.IsCollected && opinion.Outcome == OpinionOutcome.None && opinion.PreparedAnswer is not null);

    public static IReadOnlyList<MinutesSection> Build(Meeting meeting, IReadOnlyList<MeetingEvent> journal)
    {
        var sections = new List<MinutesSection>
        {
            new(MinutesKeys.Opening, "", Opening(meeting)),
            new(MinutesKeys.Attendance, "1. Thành phần", Attendance(meeting)),
            new(MinutesKeys.Content, "2. Nội dung đối thoại", meeting.Content),
            new(MinutesKeys.Proceedings, "3. Diễn biến hội nghị", Proceedings(meeting)),
        };
        var discussed = Discussed(meeting);
        for (var i = 0; i < discussed.Count; i++)
        {
            var opinion = discussed[i];
            sections.Add(new(MinutesKeys.Opinion(opinion.Number), i == 0 ? "4. Thảo luận" : "",
                $"Ý kiến số {opinion.Number}: Ông (bà) {opinion.SubmitterName}{Place(opinion.SubmitterPlace)}: {opinion.Content}", SecretaryWrites: true));
            sections.Add(new(MinutesKeys.Answer(opinion.Number), "", Answer(opinion, journal), SecretaryWrites: true));
        }
        if (discussed.Count == 0) sections.Add(new(MinutesKeys.Opinion(0), "4. Thảo luận", "Không có ý kiến phát biểu.", SecretaryWrites: true));
        sections.Add(new(MinutesKeys.Conclusion, "5. Kết luận Hội nghị", Conclusion(meeting), SecretaryWrites: true));
        sections.Add(new(MinutesKeys.Closing, "", meeting.EndedAt is { } end
            ? $"Hội nghị kết thúc hồi {HourMinute(end)} cùng ngày./."
            : "Hội nghị kết thúc hồi … giờ … phút./."));
        return sections;
    }

    private static string Opening(Meeting meeting)
    {
        var at = Clock.ToHallTime(meeting.StartedAt ?? meeting.ScheduledStart);
        return $"Vào hồi {HourMinute(at)} ngày {at:dd/MM/yyyy}, tại {meeting.Venue}, đã tổ chức Hội nghị đối thoại giữa "
            + $"{Chairs(meeting)} với {meeting.Audience}.";
    }

    /// <summary>"1. Thành phần" of the minutes; the per-meeting report repeats it word for word.</summary>
    public static string Attendance(Meeting meeting)
    {
        var lines = new List<string> { $"- Chủ trì hội nghị: {Chairs(meeting)}." };
        var groups = meeting.AttendanceByGroup();
        foreach (var group in groups)
        {
            var count = string.Join("; ", new[]
            {
                group.Invited > 0 ? $"{group.Present}/{group.Invited} người được mời có mặt" : null,
                group.WalkIns > 0 ? $"{group.WalkIns} người đến không có giấy mời" : null,
            }.Where(part => part is not null));
            var city = group.Group == DelegateGroup.CityDelegate
                ? meeting.Delegates.Where(d => d.Group == DelegateGroup.CityDelegate && d.IsPresent).ToList()
                : [];
            // City delegates are named (the form lists them); every group is listed, also one nobody of came from.
            lines.Add(city.Count > 0
                ? $"- {group.Group.ToVietnamese()}: {string.Join("; ", city.Select(d => d.Title.Length > 0 ? $"đồng chí {d.Name}, {d.Title}" : $"đồng chí {d.Name}"))} ({count})."
                : $"- {group.Group.ToVietnamese()}: {count}.");
        }
        var (present, invited, walkIns) = (groups.Sum(g => g.Present), groups.Sum(g => g.Invited), groups.Sum(g => g.WalkIns));
        lines.Add(groups.Count == 0
            ? "- Tổng số đại biểu và Nhân dân dự hội nghị: … người."
            : $"- Tổng số đại biểu và Nhân dân dự hội nghị: {present + walkIns} người ({present}/{invited} người được mời có mặt"
              + (walkIns > 0 ? $"; {walkIns} người đến không có giấy mời)." : ")."));
        return string.Join("\n", lines);
    }

    private static string Proceedings(Meeting meeting)
    {
        var started = meeting.Agenda.Where(s => s.StartedAt is not null).OrderBy(s => s.Number).ToList();
        if (started.Count == 0) return "";
        return string.Join("\n", started.Select(s => $"- {HourMinute(s.StartedAt!.Value)}: {s.Title}."));
    }

    /// <summary>
    /// What the minutes say under an opinion: what was decided before the meeting, who answered and what (the summary
    /// the secretary or the chair's side recorded, or the answer prepared for step 4), and how it ended. No clock times:
    /// minutes read as a record, not a log.
    /// </summary>
    private static string Answer(Opinion opinion, IReadOnlyList<MeetingEvent> journal)
    {
        var subjects = opinion.Assignments.Select(a => a.Id).Append(opinion.Id).ToHashSet();
        var opened = journal.ToList().FindIndex(e => e.Kind == EventKinds.MeetingStarted);
        var lines = journal.Take(opened < 0 ? journal.Count : opened)
            .Where(e => e.Kind == EventKinds.DepartmentsAssigned && e.SubjectId is { } id && subjects.Contains(id))
            .Select(e => "- Trước hội nghị: " + WithoutTime(e.Text))
            .ToList();

        var chairAnswered = journal.Skip(Math.Max(opened, 0))
            .Any(e => e.Kind == EventKinds.ChairAnswering && e.SubjectId == opinion.Id);
        var answerers = new List<string>();
        if (chairAnswered) answerers.Add("Đồng chí chủ trì hội nghị");
        answerers.AddRange(opinion.Assignments.Where(a => a.AnsweredAt is not null).OrderBy(a => a.AnsweredAt).Select(a => a.DepartmentName));
        var summary = opinion.AnswerSummary ?? Blank;
        if (answerers.Count > 0) lines.Add($"- {string.Join(", ", answerers)} trả lời: {summary}");
        else if (opinion.AnswerSummary is { } written) lines.Add($"- Trả lời: {written}");
        else if (opinion.IsCollected && opinion.PreparedAnswer is { } prepared)
            lines.Add($"- Trả lời (đã chuẩn bị, báo cáo tại hội nghị){(opinion.LeadAssignment is { } l ? $" của {l.DepartmentName}" : "")}: {prepared}");

        lines.Add("- Kết quả: " + Outcome(opinion));
        return string.Join("\n", lines);
    }

    /// <summary>The ellipsis the secretary fills in: nothing invented for what was not recorded.</summary>
    private const string Blank = "…";

    private static string Outcome(Opinion opinion)
    {
        var lead = opinion.LeadAssignment?.DepartmentName;
        var others = opinion.Assignments.Where(a => !a.IsLead).Select(a => a.DepartmentName).ToList();
        var handed = lead is null ? "chưa giao phòng, ban chủ trì" : $"giao {lead} chủ trì{(others.Count > 0 ? $", phối hợp với {string.Join(", ", others)}" : "")}";
        return opinion.Outcome switch
        {
            OpinionOutcome.AnsweredAtMeeting => "đã trả lời, giải quyết tại hội nghị.",
            OpinionOutcome.AnswerInWriting => $"trả lời bằng văn bản; {handed}.",
            OpinionOutcome.ForwardedToLevelAbove => $"đề xuất cấp trên giải quyết; {handed} tham mưu văn bản.",
            OpinionOutcome.NotedOutOfTopic => $"ngoài nội dung đối thoại, ghi nhận và trả lời bằng văn bản; {handed}.",
            _ when ResolvedAtMeeting(opinion) => "đã trả lời tại hội nghị (nội dung chuẩn bị trước).",
            _ => lead is null ? "chưa có kết quả." : $"chưa có kết quả; {handed}.",
        };
    }

    /// <summary>"20:52 — Giao Phòng Kinh tế …" → "Giao Phòng Kinh tế …".</summary>
    private static string WithoutTime(string text) =>
        text.Length > 8 && char.IsDigit(text[0]) && text[2] == ':' && text[5..].StartsWith(" — ", StringComparison.Ordinal) ? text[8..] : text;

    private static string Conclusion(Meeting meeting)
    {
        var counts = NoticeCounts.Of(meeting);
        return $"Tại hội nghị đã có {counts.Resolved} ý kiến được giải quyết; {counts.Unresolved} ý kiến chưa giải quyết, "
            + "giao các cơ quan, đơn vị tiếp tục tham mưu trả lời bằng văn bản theo thời hạn quy định.";
    }

    private static string Place(string place) => place.Length > 0 ? $", {place}" : "";

    public static string HourMinute(DateTimeOffset at)
    {
        var hall = Clock.ToHallTime(at);
        return $"{hall:HH} giờ {hall:mm}";
    }
}
