using System.Collections.Concurrent;
using System.Threading.Channels;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.SignalR;

namespace DoiThoai.Web.Live;

/// <summary>A journal entry as it goes out to listeners, after it is committed.</summary>
public sealed record MeetingChange(Guid MeetingId, long Sequence, string Kind, string Text, bool StaffOnly, DateTimeOffset At)
{
    public static MeetingChange From(JournalEntry e) => new(e.MeetingId, e.Sequence, e.Kind, e.Text, e.StaffOnly, e.At);
}

/// <summary>
/// Fans committed changes out to the Blazor circuits of this server (in process, at once: listeners only queue a
/// re-render) and to hub clients (SignalR groups) through one background pump, so a slow phone never holds up a
/// command and every listener still sees commit order.
/// </summary>
public sealed class MeetingFeed : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action<MeetingChange>>> _listeners = new();
    private readonly Channel<MeetingChange> _outbox = Channel.CreateUnbounded<MeetingChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IHubContext<MeetingHub, IMeetingClient> _hub;
    private readonly ILogger<MeetingFeed> _logger;
    private readonly Task _pump;

    public MeetingFeed(IHubContext<MeetingHub, IMeetingClient> hub, ILogger<MeetingFeed> logger)
    {
        _hub = hub;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

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

    /// <summary>Called by the command service in commit order, while it still holds the write gate.</summary>
    public void Publish(IReadOnlyList<MeetingChange> changes)
    {
        foreach (var change in changes)
        {
            if (_listeners.TryGetValue(change.MeetingId, out var set))
                foreach (var listener in set.Values)
                {
                    try { listener(change); }
                    catch (Exception ex) { _logger.LogWarning(ex, "A meeting listener failed on {Kind}", change.Kind); }
                }
            _outbox.Writer.TryWrite(change);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var change in _outbox.Reader.ReadAllAsync())
        {
            try
            {
                await _hub.Clients.Group(MeetingHub.StaffGroup(change.MeetingId)).MeetingChanged(MeetingChangeMessage.ForStaff(change));
                if (!change.StaffOnly)
                    await _hub.Clients.Group(MeetingHub.PublicGroup(change.MeetingId)).MeetingChanged(MeetingChangeMessage.ForPublic(change));
            }
            catch (Exception ex)
            {
                // A client that misses this catches up from the journal by sequence number.
                _logger.LogWarning(ex, "Broadcasting change {Sequence} of meeting {MeetingId} failed", change.Sequence, change.MeetingId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _pump;
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
