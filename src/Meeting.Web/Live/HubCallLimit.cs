using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace DoiThoai.Web.Live;

/// <summary>
/// Bounds the calls one hub connection may make. A phone calls Follow once per (re)connection and a staff editor
/// FollowStaff as rarely; a connection that calls faster than <see cref="Burst"/> at once, then one every
/// <see cref="RefillSeconds"/> s, is a script flooding the server, and is disconnected.
/// </summary>
public sealed class HubCallLimit(ILogger<HubCallLimit> logger) : IHubFilter
{
    public const int Burst = 10;
    public const int RefillSeconds = 2;
    private static readonly object Key = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Items[Key] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(RefillSeconds),
            QueueLimit = 0, AutoReplenishment = true,
        });
        return next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.Context.Items.TryGetValue(Key, out var value) && value is RateLimiter limiter)
        {
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                logger.LogWarning("Hub connection {Connection} called {Method} too often; disconnected.",
                    invocation.Context.ConnectionId, invocation.HubMethodName);
                // Closed rather than answered with an error: the dispatcher would log every refused call as an error.
                invocation.Context.Abort();
                return null;
            }
        }
        return await next(invocation);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(Key, out var value) && value is IDisposable limiter) limiter.Dispose();
        }
    }
}
