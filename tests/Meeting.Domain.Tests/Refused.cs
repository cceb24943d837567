namespace DoiThoai.Domain.Tests;

/// <summary>Asserts that a command is refused with a Vietnamese message, and (optionally) that it changed nothing.</summary>
internal static class Refused
{
    public static MeetingRuleException With(string phrase, Action command)
    {
        var error = Assert.Throws<MeetingRuleException>(command);
        Assert.Contains(phrase, error.Message);
        return error;
    }

    /// <summary>The command is refused and the meeting is exactly as before: counts, numbers, queue, floor, events.</summary>
    public static MeetingRuleException AndUnchanged(Meeting meeting, string phrase, Action command)
    {
        var before = Snapshot.Of(meeting);
        var error = With(phrase, command);
        Assert.Equal(before, Snapshot.Of(meeting));
        return error;
    }

    private sealed record Snapshot(
        int Requests, int Opinions, int LastRequestNumber, int PendingEvents, int QueueVersion,
        string Statuses, string Queue, FloorKind Floor, MeetingStatus Status, int Step, string Delegates)
    {
        public static Snapshot Of(Meeting m) => new(
            m.Requests.Count,
            m.Opinions.Count,
            m.LastRequestNumber,
            m.PendingEvents.Count,
            m.QueueVersion,
            string.Join(",", m.Requests.Select(r => $"{r.Number}:{r.Status}")),
            string.Join(",", m.QueuedRequests().Select(r => r.Number)),
            m.Floor.Kind,
            m.Status,
            m.CurrentStepNumber,
            string.Join(",", m.Delegates.Select(d => $"{d.Name}|{d.Title}|{d.Organization}|{d.Group}|{d.Phone}|{d.CheckedInAt}")));
    }
}
