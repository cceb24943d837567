using System.Text.Json;
using System.Threading.Channels;
using DoiThoai.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace DoiThoai.Web.Live;

/// <summary>
/// The nodes of one installation (DoiThoai:Redis set, the database on PostgreSQL) tell each other what they committed,
/// over one Redis pub/sub channel. Hub clients need none of this: SignalR's Redis backplane already carries the
/// committing node's sends to every node's connections. What each node keeps in memory does: the Blazor seats' shared
/// copy of a meeting, their listeners, and the phones' board of a meeting's writer. A node that missed messages (Redis
/// restarted, the node was busy) reads the missing journal entries by sequence before it passes on the next ones.
/// A second channel names the caches (<see cref="NodeCaches"/>) a node's change made stale on the others.
/// </summary>
public sealed class ClusterBus : IHostedService, IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly RedisChannel _cachesChannel;
    private readonly NodeCaches _caches;
    private readonly MeetingFeed _feed;
    private readonly MeetingCommands _commands;
    private readonly IDbContextFactory<AppDb> _dbFactory;
    private readonly ILogger<ClusterBus> _logger;
    private readonly string _node = Guid.NewGuid().ToString("N");
    // One at a time, in arrival order: a catch-up read finishes before the next message is passed on.
    private readonly Channel<Relayed> _inbox = Channel.CreateUnbounded<Relayed>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _reading;
    private Task? _subscribing;
    private readonly CancellationTokenSource _stopping = new();

    public ClusterBus(IConnectionMultiplexer redis, ClusterOptions options, MeetingFeed feed, MeetingCommands commands,
        NodeCaches caches, IDbContextFactory<AppDb> dbFactory, ILogger<ClusterBus> logger)
    {
        _redis = redis;
        _channel = RedisChannel.Literal(options.Prefix + ":committed");
        _cachesChannel = RedisChannel.Literal(options.Prefix + ":caches");
        _caches = caches;
        _feed = feed;
        _commands = commands;
        _dbFactory = dbFactory;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reading = Task.Run(ReadAsync, CancellationToken.None);
        _feed.Relay = Publish;
        _caches.Relay = name => _redis.GetSubscriber().PublishAsync(_cachesChannel, $"{_node} {name}", CommandFlags.FireAndForget);
        // Redis down at start: the node starts anyway (its /health/ready says 503) and subscribes once Redis answers;
        // from then on the client restores the subscriptions by itself after a reconnect.
        _subscribing = Task.Run(() => SubscribeWhenReachableAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SubscribeWhenReachableAsync(CancellationToken ct)
    {
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await ListenAsync();
                (await _redis.GetSubscriber().SubscribeAsync(_cachesChannel)).OnMessage(message =>
                {
                    var text = (string)message.Message!;
                    var split = text.IndexOf(' ');
                    if (split > 0 && text[..split] != _node) _caches.Forget(text[(split + 1)..]);
                });
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (attempt == 1) _logger.LogWarning(ex, "Redis does not answer: this node does not hear the other nodes until it does");
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Hears the other nodes' commits (again, after <see cref="StopListeningAsync"/>).</summary>
    internal async Task ListenAsync()
    {
        var queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        queue.OnMessage(message =>
        {
            if (JsonSerializer.Deserialize<Relayed>((string)message.Message!) is { } relayed && relayed.Node != _node)
                _inbox.Writer.TryWrite(relayed);
        });
    }

    /// <summary>For tests: what a node misses while Redis or its link is down.</summary>
    internal Task StopListeningAsync() => _redis.GetSubscriber().UnsubscribeAsync(_channel);

    /// <summary>What this node committed, for the others (fire and forget: a node that misses it catches up later).</summary>
    private void Publish(IReadOnlyList<MeetingChange> changes)
    {
        if (changes.Count == 0) return;
        var body = JsonSerializer.Serialize(new Relayed(_node, changes));
        _ = _redis.GetSubscriber().PublishAsync(_channel, body, CommandFlags.FireAndForget);
    }

    private async Task ReadAsync()
    {
        await foreach (var relayed in _inbox.Reader.ReadAllAsync())
        {
            try
            {
                foreach (var meeting in relayed.Changes.GroupBy(c => c.MeetingId))
                {
                    var changes = meeting.OrderBy(c => c.Sequence).ToList();
                    var known = _feed.LastSequence(meeting.Key);
                    if (known > 0 && changes[0].Sequence > known + 1)
                        changes.InsertRange(0, await MissedAsync(meeting.Key, known, changes[0].Sequence, _stopping.Token));
                    changes.RemoveAll(c => c.Sequence <= known);
                    if (changes.Count == 0) continue;
                    _commands.HeardOf(meeting.Key, changes[^1].Sequence);
                    _feed.PublishFromOtherNode(changes);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Passing on another node's changes failed");
            }
        }
    }

    private async Task<List<MeetingChange>> MissedAsync(Guid meetingId, long after, long before, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var entries = await db.Journal.AsNoTracking()
            .Where(e => e.MeetingId == meetingId && e.Sequence > after && e.Sequence < before)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        return entries.Select(MeetingChange.From).ToList();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _feed.Relay = null;
        _caches.Relay = null;
        await _stopping.CancelAsync();
        _inbox.Writer.TryComplete();
        // Bounded by the host's shutdown time: a catch-up query that does not answer must not hold the node's stop
        // forever (a CI run hung here once, in a test host's disposal).
        try
        {
            await Task.WhenAll(_reading ?? Task.CompletedTask, _subscribing ?? Task.CompletedTask).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("The cluster bus stopped without waiting for its reader: the host's shutdown time ran out");
        }
        // The subscription ends inside Redis's own callback, and this method resumed inline on that thread: the rest of
        // the host's stop (a test host's synchronous disposal included) goes on from the pool, not on Redis's thread.
        await Task.Yield();
    }

    /// <summary>Ready only with Redis answering: without it this node's seats would not hear the other nodes.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis", ex);
        }
    }

    private sealed record Relayed(string Node, IReadOnlyList<MeetingChange> Changes);
}

/// <summary>DoiThoai:Redis (a StackExchange.Redis configuration, e.g. 127.0.0.1:6379) and the prefix of its channels.</summary>
public sealed record ClusterOptions(string Redis, string Prefix)
{
    public static ClusterOptions? From(IConfiguration configuration) =>
        configuration[$"{DoiThoaiOptions.Section}:Redis"] is { Length: > 0 } redis
            ? new ClusterOptions(redis, configuration[$"{DoiThoaiOptions.Section}:RedisPrefix"] is { Length: > 0 } prefix ? prefix : "doithoai")
            : null;
}

public static class ClusterSetup
{
    /// <summary>
    /// With DoiThoai:Redis set: SignalR's Redis backplane (a hub group spans the nodes), the bus between the nodes'
    /// in-memory state, and Redis in the readiness check. Without it the app is one node, as on a commune's laptop.
    /// </summary>
    public static void AddCluster(this IServiceCollection services, ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        if (ClusterOptions.From(configuration) is not { } cluster) return;
        var redis = ConfigurationOptions.Parse(cluster.Redis);
        // Start without Redis rather than fail: the node reconnects, and /health/ready says 503 meanwhile.
        redis.AbortOnConnectFail = false;
        services.AddSingleton(cluster);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = redis.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(cluster.Prefix);
        });
        services.AddSingleton<ClusterBus>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
        services.AddHealthChecks().AddCheck<ClusterBus>("redis", tags: [Features.Operations.Health.ReadyTag]);
    }
}
