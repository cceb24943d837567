using System.Net;
using Microsoft.Extensions.Caching.Memory;

namespace DoiThoai.Web.Features.Account;

/// <summary>
/// Wrong passwords slow down whoever types them, per user name and source address, instead of locking the account:
/// a person in the hall who types ten wrong passwords for "chutri" waits longer and longer, while the chair's tablet
/// stays signed in and the chair can still sign in from another device. <see cref="FreeFailures"/> are free, then each
/// failure doubles the wait (1 s, 2 s, 4 s … up to <see cref="MaxDelay"/>). Only an administrator's lock ends sessions.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock) : IDisposable
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    // Bounded: a flood of made-up names cannot grow it without end (the oldest are evicted).
    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed class Record
    {
        public int Failures;
        public DateTimeOffset NotBefore;
    }

    public static string Key(string purpose, string? userName, IPAddress? source) =>
        $"{purpose}|{(userName ?? "").Trim().ToUpperInvariant()}|{source?.MapToIPv4()}";

    /// <summary>How long this name and source must wait before the next try (zero: try now).</summary>
    public TimeSpan WaitFor(string key)
    {
        if (!_records.TryGetValue(key, out Record? record) || record is null) return TimeSpan.Zero;
        lock (record)
        {
            var wait = record.NotBefore - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    public void Failed(string key)
    {
        var record = _records.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return new Record();
        })!;
        lock (record)
        {
            record.Failures++;
            if (record.Failures > FreeFailures) record.NotBefore = clock.GetUtcNow() + DelayAfter(record.Failures);
        }
    }

    public void Succeeded(string key) => _records.Remove(key);

    public static TimeSpan DelayAfter(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures - 1, 20);
        return doublings < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, doublings), MaxDelay.TotalSeconds));
    }

    /// <summary>"Hãy thử lại sau 8 giây" — rounded up, in minutes past one.</summary>
    public static string WaitText(TimeSpan wait) => wait.TotalSeconds <= 60
        ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} giây"
        : $"{(int)Math.Ceiling(wait.TotalMinutes)} phút";

    public void Dispose() => _records.Dispose();
}
