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
/// re-render), to staff hub clients (every change, in commit order) and to phones. Phones get at most one message
/// per <see cref="PublicInterval"/> per meeting — the latest sequence and which request numbers changed — so a burst
/// of a hundred requests costs each phone a few messages at most. Status pages follow their own line only
/// (<see cref="MeetingHub.FollowLine"/>) and are sent a message only when it changed.
/// </summary>
public sealed class MeetingFeed : IAsyncDisposable
{
    public static readonly TimeSpan PublicInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action<MeetingChange>>> _listeners = new();
    private readonly ConcurrentDictionary<Guid, PublicPending> _public = new();
    // Staff sends go out on the committing thread, each meeting's in order (StaffSends); phones' through a pump of their
    // own, so a send to hundreds of phones never delays the next change to the staff seats.
    private readonly ConcurrentDictionary<Guid, StaffSends> _staffSends = new();
    private readonly Channel<Func<Task>> _publicOutbox = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IHubContext<MeetingHub, IMeetingClient> _hub;
    private readonly ILogger<MeetingFeed> _logger;
    private readonly TimeProvider _clock;
    private readonly Task _publicPump;

    public MeetingFeed(IHubContext<MeetingHub, IMeetingClient> hub, ILogger<MeetingFeed> logger, TimeProvider clock)
    {
        _hub = hub;
        _logger = logger;
        _clock = clock;
        _publicPump = Task.Run(() => PumpAsync(_publicOutbox));
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

    /// <summary>With several nodes (<see cref="ClusterBus"/>): passes what this node committed to the others.</summary>
    public Action<IReadOnlyList<MeetingChange>>? Relay { get; set; }

    /// <summary>The highest sequence of the meeting this node has passed on (its own commits and the other nodes').</summary>
    public long LastSequence(Guid meetingId) => _lastSequence.TryGetValue(meetingId, out var sequence) ? sequence : 0;

    private readonly ConcurrentDictionary<Guid, long> _lastSequence = new();

    /// <summary>Called in commit order, after the commit.</summary>
    public void Publish(IReadOnlyList<MeetingChange> changes, PublicBoard? board = null)
    {
        PublishToStaff(changes);
        PublishToPhones(changes, board);
    }

    /// <summary>
    /// The staff's half of <see cref="Publish"/>: this node's seats and staff hub clients, and the other nodes. A
    /// writer calls it as soon as it has committed, before it builds the phones' board, which staff do not read.
    /// </summary>
    public void PublishToStaff(IReadOnlyList<MeetingChange> changes)
    {
        foreach (var change in changes)
        {
            Notify(change);
            SendToStaff(change);
        }
        Relay?.Invoke(changes);
    }

    /// <summary>The phones' half of <see cref="Publish"/>, after <see cref="PublishToStaff"/>, with the board of the same commit.</summary>
    public void PublishToPhones(IReadOnlyList<MeetingChange> changes, PublicBoard? board)
    {
        var lastPublic = changes.LastOrDefault(c => !c.StaffOnly);
        if (lastPublic is null && (board is null || board.Changed.Count == 0)) return;
        var meetingId = changes.Count > 0 ? changes[0].MeetingId : board!.MeetingId;
        var sequence = Math.Max(changes.Count > 0 ? changes[^1].Sequence : 0, board?.Sequence ?? 0);
        var pending = _public.GetOrAdd(meetingId, _ => new PublicPending());
        lock (pending)
        {
            // The message carries the highest sequence committed, so a phone never drops it as old; its kind is that
            // change's when phones may know it, else "lines changed" (a staff-only event moved someone's line).
            if (sequence > pending.Sequence)
            {
                pending.Sequence = sequence;
                pending.Kind = lastPublic is not null && lastPublic.Sequence == sequence ? lastPublic.Kind : MeetingChangeMessage.LinesChanged;
                pending.At = lastPublic?.At ?? changes.LastOrDefault()?.At ?? _clock.GetUtcNow();
            }
            if (board is not null) pending.Changed.UnionWith(board.Changed);
            if (pending.Scheduled) return;
            pending.Scheduled = true;
            var wait = pending.SentAt + PublicInterval - _clock.GetUtcNow();
            if (wait <= TimeSpan.Zero) _publicOutbox.Writer.TryWrite(() => FlushPublicAsync(meetingId, pending));
            else _ = Task.Delay(wait, _clock).ContinueWith(_ => _publicOutbox.Writer.TryWrite(() => FlushPublicAsync(meetingId, pending)), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Another node committed these (in order, none missing): this node's own listeners hear them. Its hub clients do
    /// not need them from here: the committing node's sends reach them through SignalR's Redis backplane.
    /// </summary>
    public void PublishFromOtherNode(IReadOnlyList<MeetingChange> changes)
    {
        foreach (var change in changes) Notify(change);
    }

    private void Notify(MeetingChange change)
    {
        _lastSequence.AddOrUpdate(change.MeetingId, change.Sequence, (_, seen) => Math.Max(seen, change.Sequence));
        if (!_listeners.TryGetValue(change.MeetingId, out var set)) return;
        foreach (var listener in set.Values)
        {
            try { listener(change); }
            catch (Exception ex) { _logger.LogWarning(ex, "A meeting listener failed on {Kind}", change.Kind); }
        }
    }

    private Task FlushPublicAsync(Guid meetingId, PublicPending pending)
    {
        MeetingChangeMessage message;
        lock (pending)
        {
            pending.Scheduled = false;
            pending.SentAt = _clock.GetUtcNow();
            message = new MeetingChangeMessage(pending.Sequence, pending.Kind, null, pending.At, pending.Changed.Order().ToList());
            pending.Changed.Clear();
        }
        // Everyone following the whole meeting, and each phone whose own line changed: a phone whose line did not
        // change is sent nothing, so a burst costs the server the changed lines, not the phones in the hall.
        var lines = message.Changed!.Select(number => MeetingHub.LineGroup(meetingId, number)).ToList();
        var all = _hub.Clients.Group(MeetingHub.PublicGroup(meetingId)).MeetingChanged(message);
        return lines.Count == 0 ? all : Task.WhenAll(all, _hub.Clients.Groups(lines).MeetingChanged(message));
    }

    private async Task PumpAsync(Channel<Func<Task>> outbox)
    {
        await foreach (var send in outbox.Reader.ReadAllAsync())
        {
            try
            {
                await send();
            }
            catch (Exception ex)
            {
                // A client that misses this catches up: staff from the journal by sequence, phones from their own line.
                _logger.LogWarning(ex, "Broadcasting a meeting change failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _publicOutbox.Writer.TryComplete();
        // Bounded: a send to an unreachable Redis backplane never ends, and the node's stop waited on it forever (a
        // CI run hung in a test host's disposal). Clients catch up on what was not sent.
        try
        {
            await Task.WhenAll(_staffSends.Values.Select(s => s.Last).Append(_publicPump)).WaitAsync(ShutdownWait);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Stopped with broadcasts still being sent: clients catch up from the journal and their own lines");
        }
    }

    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends a change to the meeting's staff at once when the one before it has gone out (the usual case), else right
    /// after it. Through a pump it waited for a thread-pool thread first, behind the phones' requests, in a burst.
    /// </summary>
    private void SendToStaff(MeetingChange change)
    {
        var sends = _staffSends.GetOrAdd(change.MeetingId, _ => new StaffSends());
        lock (sends) sends.Last = sends.Last.IsCompleted ? SendToStaffAsync(change) : AfterAsync(sends.Last, change);
    }

    private async Task AfterAsync(Task previous, MeetingChange change)
    {
        await previous;
        await SendToStaffAsync(change);
    }

    private async Task SendToStaffAsync(MeetingChange change)
    {
        try
        {
            await _hub.Clients.Group(MeetingHub.StaffGroup(change.MeetingId)).MeetingChanged(MeetingChangeMessage.ForStaff(change));
        }
        catch (Exception ex)
        {
            // A seat that misses this catches up from the journal by sequence.
            _logger.LogWarning(ex, "Sending a meeting change to staff failed");
        }
    }

    private sealed class StaffSends
    {
        public Task Last = Task.CompletedTask;
    }

    private sealed class PublicPending
    {
        public long Sequence;
        public string Kind = MeetingChangeMessage.LinesChanged;
        public DateTimeOffset At;
        public readonly HashSet<int> Changed = [];
        public bool Scheduled;
        public DateTimeOffset SentAt = DateTimeOffset.MinValue;
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
