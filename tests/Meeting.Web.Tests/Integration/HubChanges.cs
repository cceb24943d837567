using DoiThoai.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>Collects the MeetingChanged messages one hub client receives, and lets a test wait for a sequence.</summary>
public sealed class HubChanges
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly List<MeetingChangeMessage> _received = [];
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Registers on the connection (before it starts) and returns the collector.</summary>
    public static HubChanges Listen(HubConnection connection)
    {
        var changes = new HubChanges();
        connection.On<MeetingChangeMessage>(nameof(IMeetingClient.MeetingChanged), changes.Add);
        return changes;
    }

    public IReadOnlyList<MeetingChangeMessage> Received
    {
        get { lock (_gate) return _received.ToList(); }
    }

    public long LastSequence
    {
        get { lock (_gate) return _received.Count == 0 ? 0 : _received.Max(c => c.Sequence); }
    }

    private void Add(MeetingChangeMessage change)
    {
        lock (_gate)
        {
            _received.Add(change);
            foreach (var waiter in _waiters.Where(w => change.Sequence >= w.Sequence)) waiter.Done.TrySetResult();
            _waiters.RemoveAll(w => w.Done.Task.IsCompleted);
        }
    }

    /// <summary>Completes once a change with this sequence (or a later one) has arrived.</summary>
    public async Task WaitForAsync(long sequence)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_received.Any(c => c.Sequence >= sequence)) return;
            _waiters.Add((sequence, done));
        }
        try
        {
            await done.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No change with sequence {sequence} within {Patience.TotalSeconds} s; received: {string.Join(", ", Received.Select(c => c.Sequence))}.");
        }
    }
}
