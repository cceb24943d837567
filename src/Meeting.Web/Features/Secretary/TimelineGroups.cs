using DoiThoai.Domain;
using DoiThoai.Web.Data;

namespace DoiThoai.Web.Features.Secretary;

public enum TimelineFilter { All, Speakers, Assignments, Outcomes, Requests }

/// <summary>The journal cut into agenda steps: a StepStarted entry opens a group; what came before opening is its own group.</summary>
public sealed record TimelineGroup(JournalEntry? Step, IReadOnlyList<JournalEntry> Entries);

public static class TimelineGroups
{
    private static readonly HashSet<string> SpeakerKinds =
    [
        EventKinds.SpeakerCalled, EventKinds.SpeakerPutBack, EventKinds.TimerStarted, EventKinds.TimerPaused,
        EventKinds.TimerExtended, EventKinds.TurnFinished, EventKinds.PriorityTurnAdded, EventKinds.ChairAnswering,
        EventKinds.DepartmentCalled,
    ];

    private static readonly HashSet<string> AssignmentKinds = [EventKinds.DepartmentsAssigned, EventKinds.DepartmentCalled];

    private static readonly HashSet<string> OutcomeKinds = [EventKinds.OutcomeSet, EventKinds.MeetingEnded];

    private static readonly HashSet<string> RequestKinds =
    [
        EventKinds.RequestSubmitted, EventKinds.RequestApproved, EventKinds.RequestRejected, EventKinds.RequestMerged,
        EventKinds.RequestWithdrawn, EventKinds.RequestWrittenOnly, EventKinds.RequestEdited, EventKinds.QueueReordered,
    ];

    public static string Label(this TimelineFilter filter) => filter switch
    {
        TimelineFilter.Speakers => "Phát biểu",
        TimelineFilter.Assignments => "Giao trả lời",
        TimelineFilter.Outcomes => "Kết quả",
        TimelineFilter.Requests => "Đăng ký, tiếp nhận",
        _ => "Tất cả",
    };

    public static bool Includes(this TimelineFilter filter, string kind) => filter switch
    {
        TimelineFilter.Speakers => SpeakerKinds.Contains(kind),
        TimelineFilter.Assignments => AssignmentKinds.Contains(kind),
        TimelineFilter.Outcomes => OutcomeKinds.Contains(kind),
        TimelineFilter.Requests => RequestKinds.Contains(kind),
        _ => true,
    };

    /// <summary>Groups entries in sequence order (whatever order they came in); the filter keeps every group's heading.</summary>
    public static IReadOnlyList<TimelineGroup> Build(IEnumerable<JournalEntry> entries, TimelineFilter filter = TimelineFilter.All)
    {
        var groups = new List<TimelineGroup>();
        JournalEntry? step = null;
        var current = new List<JournalEntry>();
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Kind == EventKinds.StepStarted)
            {
                if (step is not null || current.Count > 0) groups.Add(new TimelineGroup(step, FoldDelegateRuns(current)));
                step = entry;
                current = [];
            }
            else if (filter.Includes(entry.Kind))
            {
                current.Add(entry);
            }
        }
        if (step is not null || current.Count > 0) groups.Add(new TimelineGroup(step, FoldDelegateRuns(current)));
        return groups;
    }

    /// <summary>
    /// A delegate list imported before the meeting is one line — "Thêm 170 đại biểu (Lê Hữu Thắng … Vũ Thị Mai)" — not
    /// one per person (the list has its own page); the line keeps the run's last sequence, time and actor.
    /// </summary>
    private static IReadOnlyList<JournalEntry> FoldDelegateRuns(List<JournalEntry> entries)
    {
        var folded = new List<JournalEntry>();
        for (var i = 0; i < entries.Count;)
        {
            var end = i;
            while (end + 1 < entries.Count && entries[i].Kind == EventKinds.DelegateAdded && entries[end + 1].Kind == EventKinds.DelegateAdded) end++;
            if (end == i) folded.Add(entries[i]);
            else
            {
                var last = entries[end];
                folded.Add(new JournalEntry
                {
                    MeetingId = last.MeetingId, Sequence = last.Sequence, Kind = last.Kind, StaffOnly = last.StaffOnly, Actor = last.Actor, At = last.At,
                    Text = $"Thêm {end - i + 1} đại biểu ({NameIn(entries[i].Text)} … {NameIn(last.Text)}).",
                });
            }
            i = end + 1;
        }
        return folded;
    }

    // "Thêm đại biểu Lê Hữu Thắng (Đại biểu thành phố)." → "Lê Hữu Thắng"
    private static string NameIn(string text)
    {
        const string head = "Thêm đại biểu ";
        var start = text.StartsWith(head, StringComparison.Ordinal) ? head.Length : 0;
        var end = text.IndexOf(" (", start, StringComparison.Ordinal);
        return (end > start ? text[start..end] : text[start..]).TrimEnd('.');
    }
}
