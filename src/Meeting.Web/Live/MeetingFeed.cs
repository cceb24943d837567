using System.Collections.Concurrent;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.SignalR;

namespace DoiThoai.Web.Live;

/// <summary>A journal entry as it goes out to listeners, after it is committed.</summary>
public sealed record MeetingChange(Guid MeetingId, long Sequence, string Kind, string Text, bool StaffOnly, DateTimeOffset At)
{
    public static MeetingChange From(JournalEntry e) => new(e.MeetingId, e.Sequence, e.Kind, e.Text, e.StaffOnly, e.At);
}

/// <summary>
/// Fans committed changes out to the Blazor circuits of this server (in process) and to hub clients (SignalR groups).
/// Called in commit order by the command service, so every listener sees one order.
/// </summary>
public sealed class MeetingFeed(IHubContext<MeetingHub, IMeetingClient> hub, ILogger<MeetingFeed> logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action<MeetingChange>>> _listeners = new();

    /// <summary>Listeners must return at once (queue a re-render, never await work here).</summary>
    public IDisposable Subscribe(Guid meetingId, Action<MeetingChange> listener)
    {
        var key = Guid.NewGuid();
        _listeners.GetOrAdd(meetingId, _ => new())[key] = listener;
        return new Subscription(() =>
        {
            if (_listeners.TryGetValue(meetingId, out var set)) set.TryRemove(key, out _);
        });
    }

    public async Task PublishAsync(IReadOnlyList<MeetingChange> changes)
    {
        foreach (var change in changes)
        {
            if (_listeners.TryGetValue(change.MeetingId, out var set))
                foreach (var listener in set.Values)
                {
                    try { listener(change); }
                    catch (Exception ex) { logger.LogWarning(ex, "A meeting listener failed on {Kind}", change.Kind); }
                }
            try
            {
                await hub.Clients.Group(MeetingHub.StaffGroup(change.MeetingId)).MeetingChanged(MeetingChangeMessage.ForStaff(change));
                if (!change.StaffOnly)
                    await hub.Clients.Group(MeetingHub.PublicGroup(change.MeetingId)).MeetingChanged(MeetingChangeMessage.ForPublic(change));
            }
            catch (Exception ex)
            {
                // A client that misses this catches up from the journal by sequence number.
                logger.LogWarning(ex, "Broadcasting change {Sequence} of meeting {MeetingId} failed", change.Sequence, change.MeetingId);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
