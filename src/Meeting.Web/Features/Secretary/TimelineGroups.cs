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
                if (step is not null || current.Count > 0) groups.Add(new TimelineGroup(step, current));
                step = entry;
                current = [];
            }
            else if (filter.Includes(entry.Kind))
            {
                current.Add(entry);
            }
        }
        if (step is not null || current.Count > 0) groups.Add(new TimelineGroup(step, current));
        return groups;
    }
}
