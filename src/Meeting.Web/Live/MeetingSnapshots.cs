using System.Collections.Concurrent;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Live;

/// <summary>
/// One read-only copy of each followed meeting per node, shared by every staff seat (chair, reception, secretary,
/// projector…): a burst of changes costs one reload per <see cref="RefreshInterval"/>, whatever the number of seats,
/// and a seat's circuit holds a reference, not its own copy. Seats must treat the meeting as read-only; every change
/// goes through <see cref="MeetingCommands"/>.
/// </summary>
public sealed class MeetingSnapshots : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(150);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly IDbContextFactory<AppDb> _dbFactory;
    private readonly MeetingFeed _feed;
    private readonly ILogger<MeetingSnapshots> _logger;

    public MeetingSnapshots(IDbContextFactory<AppDb> dbFactory, MeetingFeed feed, ILogger<MeetingSnapshots> logger)
    {
        _dbFactory = dbFactory;
        _feed = feed;
        _logger = logger;
    }

    /// <summary>The latest copy (loaded now if nobody follows the meeting yet).</summary>
    public async Task<Meeting?> GetAsync(Guid meetingId, CancellationToken ct = default)
    {
        var entry = _entries.GetOrAdd(meetingId, id => new Entry(this, id));
        return await entry.CurrentAsync(ct);
    }

    /// <summary>Seats following a meeting on this node (for the metrics).</summary>
    public int Followers => _entries.Values.Sum(entry => entry.Followers);

    /// <summary>
    /// Calls <paramref name="refreshed"/> after each reload that follows committed changes (never more often than
    /// <see cref="RefreshInterval"/>). The listener must return at once (queue a re-render).
    /// </summary>
    public IDisposable Follow(Guid meetingId, Action refreshed)
    {
        var entry = _entries.GetOrAdd(meetingId, id => new Entry(this, id));
        return entry.AddListener(refreshed);
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values) entry.Dispose();
        _entries.Clear();
    }

    private sealed class Entry : IDisposable
    {
        private readonly MeetingSnapshots _owner;
        private readonly Guid _meetingId;
        private readonly IDisposable _subscription;
        private readonly ConcurrentDictionary<Guid, Action> _listeners = new();
        private readonly SemaphoreSlim _loading = new(1, 1);
        private Meeting? _current;
        private long _wanted;      // highest committed sequence heard of
        private long _loaded = -1; // sequence of the copy held
        private int _refreshQueued;

        public Entry(MeetingSnapshots owner, Guid meetingId)
        {
            _owner = owner;
            _meetingId = meetingId;
            _subscription = owner._feed.Subscribe(meetingId, change =>
            {
                InterlockedMax(ref _wanted, change.Sequence);
                QueueRefresh();
            });
        }

        public async Task<Meeting?> CurrentAsync(CancellationToken ct)
        {
            if (_loaded >= 0 && _loaded >= Interlocked.Read(ref _wanted)) return _current;
            await ReloadAsync(ct);
            var current = _current;
            // Nobody follows it (a page rendered once): keep no copy in memory.
            if (_listeners.IsEmpty) Forget();
            return current;
        }

        private void Forget()
        {
            _loading.Wait();
            try
            {
                if (!_listeners.IsEmpty) return;
                _current = null;
                _loaded = -1;
            }
            finally
            {
                _loading.Release();
            }
        }

        public int Followers => _listeners.Count;

        public IDisposable AddListener(Action listener)
        {
            var key = Guid.NewGuid();
            _listeners[key] = listener;
            return new Removal(() =>
            {
                _listeners.TryRemove(key, out _);
                if (_listeners.IsEmpty) Forget();
            });
        }

        private void QueueRefresh()
        {
            // Nobody follows this meeting on this node: the next reader loads it (it is behind _wanted).
            if (_listeners.IsEmpty) return;
            if (Interlocked.Exchange(ref _refreshQueued, 1) == 1) return;
            _ = Task.Run(async () =>
            {
                // Let the rest of a burst arrive: one reload covers it.
                await Task.Delay(RefreshInterval);
                Volatile.Write(ref _refreshQueued, 0);
                try
                {
                    await ReloadAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    _owner._logger.LogWarning(ex, "Reloading meeting {MeetingId} for the seats failed", _meetingId);
                    return;
                }
                foreach (var listener in _listeners.Values)
                {
                    try { listener(); }
                    catch (Exception ex) { _owner._logger.LogWarning(ex, "A seat failed to take the new state of {MeetingId}", _meetingId); }
                }
            });
        }

        private async Task ReloadAsync(CancellationToken ct)
        {
            await _loading.WaitAsync(ct);
            try
            {
                var wanted = Interlocked.Read(ref _wanted);
                if (_loaded >= 0 && _loaded >= wanted) return;
                await using var db = await _owner._dbFactory.CreateDbContextAsync(ct);
                var meeting = await db.LoadMeetingAsync(_meetingId, tracking: false, ct);
                _current = meeting;
                _loaded = Math.Max(wanted, meeting?.LastSequence ?? 0);
            }
            finally
            {
                _loading.Release();
            }
        }

        private static void InterlockedMax(ref long target, long value)
        {
            long seen;
            while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        public void Dispose() => _subscription.Dispose();

        private sealed class Removal(Action remove) : IDisposable
        {
            public void Dispose() => remove();
        }
    }
}
