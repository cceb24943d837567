namespace DoiThoai.Domain;

/// <summary>Where one recommendation stands on the report's day: dealt with at the meeting, or on its way to a written answer.</summary>
public enum OpinionResolution
{
    /// <summary>Trả lời, giải quyết tại hội nghị.</summary>
    ResolvedAtMeeting,
    /// <summary>Answered in writing by the deadline.</summary>
    AnsweredOnTime,
    /// <summary>Answered in writing, after the deadline.</summary>
    AnsweredLate,
    /// <summary>Past the deadline and not answered.</summary>
    Overdue,
    /// <summary>To answer in writing, within the deadline the conclusion notice set.</summary>
    Pending,
    /// <summary>Chuyển cấp trên, with nothing tracked here.</summary>
    Forwarded,
    /// <summary>To answer in writing, the conclusion notice not issued yet: no deadline runs, so not "đang trong hạn".</summary>
    AwaitingNotice,
    /// <summary>Received but never given an outcome (not reached at the meeting, nothing tracked).</summary>
    NoOutcome,
}

/// <summary>How many recommendations stand where; the written ones split by their answer.</summary>
public sealed record ResolutionCounts(int ResolvedAtMeeting, int AnsweredOnTime, int AnsweredLate, int Overdue, int Pending, int Forwarded,
    int NoOutcome, int AwaitingNotice = 0)
{
    public static readonly ResolutionCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public int Total => ResolvedAtMeeting + InWriting + Forwarded + NoOutcome;
    /// <summary>Everything that goes to a written answer, answered or not.</summary>
    public int InWriting => AnsweredOnTime + AnsweredLate + Overdue + Pending + AwaitingNotice;
    public int AnsweredInWriting => AnsweredOnTime + AnsweredLate;
    /// <summary>Not answered yet, in time or not: what Mẫu 1 counts as "Đang giải quyết" (NoOutcome included, so the
    /// form's columns add up to <see cref="Total"/>).</summary>
    public int Unanswered => Overdue + Pending + AwaitingNotice + NoOutcome;

    public static ResolutionCounts operator +(ResolutionCounts a, ResolutionCounts b) => new(
        a.ResolvedAtMeeting + b.ResolvedAtMeeting, a.AnsweredOnTime + b.AnsweredOnTime, a.AnsweredLate + b.AnsweredLate,
        a.Overdue + b.Overdue, a.Pending + b.Pending, a.Forwarded + b.Forwarded, a.NoOutcome + b.NoOutcome, a.AwaitingNotice + b.AwaitingNotice);

    public static ResolutionCounts Sum(IEnumerable<ResolutionCounts> counts) => counts.Aggregate(Zero, (a, b) => a + b);

    public static ResolutionCounts Of(IEnumerable<OpinionResolution> resolutions)
    {
        var counts = new int[Enum.GetValues<OpinionResolution>().Length];
        foreach (var r in resolutions) counts[(int)r]++;
        return new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[7], counts[6]);
    }

    public static string Label(OpinionResolution resolution) => resolution switch
    {
        OpinionResolution.ResolvedAtMeeting => "Trả lời tại hội nghị",
        OpinionResolution.AnsweredOnTime => "Đã trả lời bằng văn bản đúng hạn",
        OpinionResolution.AnsweredLate => "Đã trả lời bằng văn bản quá hạn",
        OpinionResolution.Overdue => "Quá hạn, chưa trả lời",
        OpinionResolution.Pending => "Đang trong hạn trả lời",
        OpinionResolution.Forwarded => "Chuyển cấp trên",
        OpinionResolution.AwaitingNotice => "Chờ thông báo kết luận",
        _ => "Chưa xử lý",
    };
}

public sealed record FieldCount(OpinionField Field, int Opinions);

/// <summary>One dialogue held in the period: a row of Mẫu 1.</summary>
public sealed record MeetingFigures(
    Guid MeetingId,
    Guid UnitId,
    string UnitName,
    MeetingKind Kind,
    DialogueForm Form,
    DateOnly Date,
    string Title,
    string Content,
    string PlanNumber,
    IReadOnlyList<ChairPerson> Chairs,
    string Audience,
    int CollectedBefore,
    int RaisedAtMeeting,
    IReadOnlyList<FieldCount> ByField,
    ResolutionCounts Resolution)
{
    public int Opinions => CollectedBefore + RaisedAtMeeting;
}

/// <summary>A department's share: opinions it answered at the meeting, and the written answers it was given.</summary>
public sealed record DepartmentFigures(Guid UnitId, string UnitName, string Department, int AnsweredAtMeeting, int Assigned, int AnsweredOnTime,
    int AnsweredLate, int Overdue, int Pending);

/// <summary>One unit's line when a city or province reports across its communes.</summary>
public sealed record UnitFigures(Guid UnitId, string UnitName, IReadOnlyDictionary<MeetingKind, int> MeetingsByKind, int Opinions,
    ResolutionCounts Resolution)
{
    public int Meetings => MeetingsByKind.Values.Sum();
}

/// <summary>
/// The figures of Mẫu 1, Mẫu 2 and the dashboard, computed from the meetings and the follow-up items of the units a
/// report covers. A meeting counts in the period it was held (the hall date it opened); its recommendations are read
/// as they stand on <see cref="Today"/> — answered, overdue or still in time. Merged duplicates, petitions and
/// requests closed without dialogue are not recommendations of the dialogue and are left out.
/// </summary>
public sealed record ReportFigures(
    ReportPeriod Period,
    DateOnly Today,
    IReadOnlyList<MeetingFigures> Meetings,
    IReadOnlyDictionary<MeetingKind, int> MeetingsByKind,
    int PlannedNotHeld,
    int CollectedBefore,
    int RaisedAtMeeting,
    IReadOnlyList<FieldCount> ByField,
    ResolutionCounts Resolution,
    IReadOnlyList<DepartmentFigures> Departments,
    IReadOnlyList<UnitFigures> Units)
{
    public int MeetingsHeld => Meetings.Count;
    public int Opinions => CollectedBefore + RaisedAtMeeting;

    /// <param name="units">The units the report covers (the chosen unit and those under it); their names label the rows.</param>
    public static ReportFigures Compute(IEnumerable<Meeting> meetings, IEnumerable<FollowUpItem> items, IReadOnlyList<Unit> units,
        ReportPeriod period, DateOnly today)
    {
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var covered = unitNames.Keys.ToHashSet();
        var inScope = meetings.Where(m => covered.Contains(m.UnitId)).ToList();
        var held = inScope.Where(m => HeldOn(m) is { } day && period.Contains(day))
            .OrderBy(m => UnitOrder(units, m.UnitId)).ThenBy(m => m.StartedAt).ToList();
        var planned = inScope.Count(m => m.StartedAt is null && period.Contains(HallDate(m.ScheduledStart)));
        var heldIds = held.Select(m => m.Id).ToHashSet();
        var itemsByOpinion = items.Where(i => heldIds.Contains(i.MeetingId)).ToLookup(i => i.OpinionId);

        var rows = new List<MeetingFigures>();
        var allResolutions = new List<(Meeting Meeting, Opinion Opinion, OpinionResolution Resolution)>();
        foreach (var meeting in held)
        {
            var opinions = Recommendations(meeting).ToList();
            var resolved = opinions.Select(o => (meeting, o, Resolve(o, itemsByOpinion[o.Id], today))).ToList();
            allResolutions.AddRange(resolved);
            rows.Add(new MeetingFigures(meeting.Id, meeting.UnitId, unitNames[meeting.UnitId], meeting.Kind, meeting.Form, HeldOn(meeting)!.Value,
                meeting.Title, meeting.Content, meeting.PlanNumber, meeting.Chairs, meeting.Audience,
                opinions.Count(o => o.Source == OpinionSource.BeforeMeeting), opinions.Count(o => o.Source != OpinionSource.BeforeMeeting),
                FieldsOf(opinions), ResolutionCounts.Of(resolved.Select(r => r.Item3))));
        }

        var allOpinions = allResolutions.Select(r => r.Opinion).ToList();
        return new ReportFigures(
            period,
            today,
            rows,
            ByKind(held),
            planned,
            allOpinions.Count(o => o.Source == OpinionSource.BeforeMeeting),
            allOpinions.Count(o => o.Source != OpinionSource.BeforeMeeting),
            FieldsOf(allOpinions),
            ResolutionCounts.Of(allResolutions.Select(r => r.Resolution)),
            DepartmentRows(allResolutions, itemsByOpinion, unitNames, today),
            UnitRows(units, held, rows));
    }

    /// <summary>The hall date a meeting opened; null for one not held.</summary>
    public static DateOnly? HeldOn(Meeting meeting) => meeting.StartedAt is { } started ? HallDate(started) : null;

    /// <summary>The recommendations a meeting received: no merged duplicates, nothing closed without dialogue, no petitions
    /// (đơn thư, khiếu kiện are handled under their own procedure, not dialogued).</summary>
    public static IEnumerable<Opinion> Recommendations(Meeting meeting) =>
        meeting.Opinions.Where(o => o.MergedIntoId is null && !o.IsClosed && !o.IsPetition).OrderBy(o => o.Number);

    /// <summary>
    /// Resolved at the meeting as the minutes and the notice count it (the chair said so, or a collected opinion's prepared
    /// answer was reported at step 4); for the level above (<see cref="Opinion.GoesToLevelAbove"/>) forwarded, before and
    /// after the notice alike; otherwise the tracked items decide (every one answered → answered, late if any
    /// was; any past its deadline → overdue; else still in time). Without items, what the notice will hand to a department
    /// waits for it, a forwarded one was sent up, and one without outcome was never dealt with.
    /// </summary>
    public static OpinionResolution Resolve(Opinion opinion, IEnumerable<FollowUpItem> items, DateOnly today)
    {
        if (MinutesDraft.ResolvedAtMeeting(opinion)) return OpinionResolution.ResolvedAtMeeting;
        // Sent up stays sent up: the department's item after the notice is the proposal upwards, not an answer of ours.
        if (opinion.GoesToLevelAbove) return OpinionResolution.Forwarded;
        var tracked = items.ToList();
        if (tracked.Count > 0)
        {
            var states = tracked.Select(i => i.StateOn(today)).ToList();
            if (states.All(s => s == FollowUpState.Answered))
                return tracked.Any(i => i.AnsweredLate) ? OpinionResolution.AnsweredLate : OpinionResolution.AnsweredOnTime;
            return states.Contains(FollowUpState.Overdue) ? OpinionResolution.Overdue : OpinionResolution.Pending;
        }
        return opinion.Outcome switch
        {
            OpinionOutcome.AnswerInWriting or OpinionOutcome.NotedOutOfTopic => OpinionResolution.AwaitingNotice,
            // Collected before the meeting and not answered at step 4: the notice hands it to a department.
            OpinionOutcome.None when opinion.IsCollected => OpinionResolution.AwaitingNotice,
            _ => OpinionResolution.NoOutcome,
        };
    }

    private static DateOnly HallDate(DateTimeOffset at) => DateOnly.FromDateTime(Clock.ToHallTime(at).DateTime);

    private static int UnitOrder(IReadOnlyList<Unit> units, Guid unitId)
    {
        for (var i = 0; i < units.Count; i++) if (units[i].Id == unitId) return i;
        return units.Count;
    }

    private static IReadOnlyDictionary<MeetingKind, int> ByKind(IEnumerable<Meeting> meetings)
    {
        var list = meetings.ToList();
        return Enum.GetValues<MeetingKind>().ToDictionary(k => k, k => list.Count(m => m.Kind == k));
    }

    /// <summary>Every field, in the order of Mẫu 4, with its count (zeros included, so charts keep their colours).</summary>
    private static IReadOnlyList<FieldCount> FieldsOf(IReadOnlyCollection<Opinion> opinions) =>
        Enum.GetValues<OpinionField>().Select(f => new FieldCount(f, opinions.Count(o => o.Field == f))).ToList();

    /// <summary>
    /// Per department: opinions it answered at the meeting (called to explain, and resolved there); written answers it
    /// was given — each item the conclusion notice handed it (before the notice no department has a written answer to give).
    /// </summary>
    private static IReadOnlyList<DepartmentFigures> DepartmentRows(
        IReadOnlyList<(Meeting Meeting, Opinion Opinion, OpinionResolution Resolution)> resolutions,
        ILookup<Guid, FollowUpItem> itemsByOpinion, IReadOnlyDictionary<Guid, string> unitNames, DateOnly today)
    {
        var rows = new Dictionary<(Guid Unit, string Department), int[]>();
        int[] Row(Guid unit, string department)
        {
            var key = (unit, SearchText.Clean(department));
            if (!rows.TryGetValue(key, out var row)) rows[key] = row = new int[6];
            return row;
        }

        foreach (var (meeting, opinion, resolution) in resolutions)
        {
            if (resolution == OpinionResolution.ResolvedAtMeeting)
            {
                foreach (var a in opinion.Assignments.Where(a => a.AnsweredAt is not null)) Row(meeting.UnitId, a.DepartmentName)[0]++;
                continue;
            }
            foreach (var item in itemsByOpinion[opinion.Id])
            {
                var row = Row(meeting.UnitId, item.DepartmentName);
                row[1]++;
                row[item.StateOn(today) switch
                {
                    FollowUpState.Answered => item.AnsweredLate ? 3 : 2,
                    FollowUpState.Overdue => 4,
                    _ => 5,
                }]++;
            }
        }
        return rows
            .Select(r => new DepartmentFigures(r.Key.Unit, unitNames.GetValueOrDefault(r.Key.Unit, ""), r.Key.Department,
                r.Value[0], r.Value[1], r.Value[2], r.Value[3], r.Value[4], r.Value[5]))
            .OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Assigned + d.AnsweredAtMeeting)
            .ThenBy(d => d.UnitName, StringComparer.Ordinal).ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A line for each unit that held a dialogue, and for each commune (a unit with none under it) even without one:
    /// a city or province sees which communes have not held theirs.
    /// </summary>
    private static IReadOnlyList<UnitFigures> UnitRows(IReadOnlyList<Unit> units, IReadOnlyList<Meeting> held, IReadOnlyList<MeetingFigures> rows)
    {
        var parents = units.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).ToHashSet();
        return units
            .Where(u => !parents.Contains(u.Id) || held.Any(m => m.UnitId == u.Id))
            .Select(u =>
            {
                var mine = rows.Where(r => r.UnitId == u.Id).ToList();
                return new UnitFigures(u.Id, u.Name, ByKind(held.Where(m => m.UnitId == u.Id)), mine.Sum(r => r.Opinions),
                    ResolutionCounts.Sum(mine.Select(r => r.Resolution)));
            })
            .ToList();
    }
}
