using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Data;

/// <summary>
/// Copies the write-ahead log into the database file in the background. SQLite's own automatic checkpoint runs inside
/// the commit that crosses 1,000 pages, so one phone in a burst waited for it (measured: the slowest second of a
/// 2,000-phone burst). The app's connections turn it off (Storage) and this service checkpoints every couple of
/// seconds on its own connection, PASSIVE: it never waits for, nor blocks, the writer.
/// </summary>
public sealed class WalCheckpointer(IDbContextFactory<AppDb> dbFactory, ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The last checkpoint: frames in the log and frames copied into the database (for tests and logs).</summary>
    public (long LogFrames, long Checkpointed)? Last { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await CheckpointAsync("PASSIVE", stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Leave a short log behind for a backup or the next start.
        await CheckpointAsync("TRUNCATE", cancellationToken);
    }

    private async Task CheckpointAsync(string mode, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            var started = Stopwatch.GetTimestamp();
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) Last = (reader.GetInt64(1), reader.GetInt64(2));
            logger.LogDebug("Checkpoint {Mode}: {Frames} frames in the log, {Checkpointed} copied, {Milliseconds:0.0} ms",
                mode, Last?.LogFrames, Last?.Checkpointed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (ObjectDisposedException)
        {
            // The app is shutting down under a tick: its services are gone, and so is the need.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A checkpoint that cannot run now (the database busy, the disk full) is tried again next time.
            logger.LogWarning(ex, "Checkpointing the database log failed");
        }
    }
}
