using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Chair;

/// <summary>The chair moves a request to <paramref name="NewIndex"/> (0 = head) on the queue it saw.</summary>
public sealed record QueueMove(Guid RequestId, int NewIndex, int QueueVersion);

/// <summary>Departments chosen to answer an opinion; the lead answers first. <paramref name="SeenLeadId"/>: the lead shown when choosing.</summary>
public sealed record DepartmentAssignment(Guid OpinionId, IReadOnlyList<DepartmentRef> Departments, Guid LeadId, Guid? SeenLeadId);

/// <summary>An outcome chosen for an opinion; <paramref name="Seen"/> is the outcome the page showed when the button was pressed.</summary>
public sealed record OutcomeChoice(Guid OpinionId, OpinionOutcome Outcome, OpinionOutcome Seen);

public sealed record PriorityTurn(string Name, string Reason);

/// <summary>A follow-up turn (step 7) on an opinion already raised.</summary>
public sealed record FollowUpTurn(Guid OpinionId, string Name, string Place);

public sealed record StepEdit(int Number, string Title, int PlannedMinutes);

internal static class ChairText
{
    public static string Hm(DateTimeOffset time) => Clock.ToHallTime(time).ToString("HH:mm");

    /// <summary>Cuts long content at a word boundary so a queue card stays two or three lines.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd(',', '.', ';', ' ') + "…";
    }

    /// <summary>Opinions already raised on the floor that still wait for an outcome (the chair may come back to them).</summary>
    public static IReadOnlyList<Opinion> SpokenWithoutOutcome(Meeting meeting)
    {
        var spoken = meeting.Requests.Where(r => r.Status == SpeakRequestStatus.Spoken && r.OpinionId is not null)
            .Select(r => r.OpinionId!.Value).ToHashSet();
        return meeting.Opinions.Where(o => o.IsOpen && o.Outcome == OpinionOutcome.None && spoken.Contains(o.Id))
            .OrderBy(o => o.Number).ToList();
    }

    /// <summary>People who already had a turn (same invitation, or same name and place).</summary>
    public static HashSet<string> SpokenKeys(Meeting meeting) =>
        meeting.Requests.Where(r => r.Status == SpeakRequestStatus.Spoken && !r.IsPriority).Select(r => r.SpeakerKey).ToHashSet();
}
