using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace DoiThoai.Web.Live;

/// <summary>
/// Bounds the calls one hub connection may make. A phone calls Follow once per (re)connection and a staff editor
/// FollowStaff as rarely; a connection that calls faster than <see cref="Burst"/> at once, then one every
/// <see cref="RefillSeconds"/> s, is a script flooding the server, and is disconnected.
/// One partitioned limiter for all connections: its buckets are refilled by one shared timer and dropped once idle
/// and full, where a limiter per connection kept a timer of its own for each of thousands of phones (~1.7 KB each).
/// </summary>
public sealed class HubCallLimit(ILogger<HubCallLimit> logger) : IHubFilter, IDisposable
{
    public const int Burst = 10;
    public const int RefillSeconds = 2;

    private readonly PartitionedRateLimiter<string> _byConnection = PartitionedRateLimiter.Create<string, string>(connectionId =>
        RateLimitPartition.GetTokenBucketLimiter(connectionId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(RefillSeconds),
            QueueLimit = 0, AutoReplenishment = false,
        }));

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var lease = _byConnection.AttemptAcquire(invocation.Context.ConnectionId);
        if (!lease.IsAcquired)
        {
            logger.LogWarning("Hub connection {Connection} called {Method} too often; disconnected.",
                invocation.Context.ConnectionId, invocation.HubMethodName);
            // Closed rather than answered with an error: the dispatcher would log every refused call as an error.
            invocation.Context.Abort();
            return null;
        }
        return await next(invocation);
    }

    public void Dispose() => _byConnection.Dispose();
}
