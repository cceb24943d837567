using System.Diagnostics;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Data;

/// <summary>
/// Copies the write-ahead log into the database file in the background. SQLite's own automatic checkpoint runs inside
/// the commit that crosses 1,000 pages, so one phone in a burst waited for it (measured: the slowest second of a
/// 2,000-phone burst). The app's connections turn it off (Storage) and this service checkpoints every couple of
/// seconds on its own connection, PASSIVE, between two commits: it holds the writers' gate meanwhile.
/// </summary>
/// <remarks>
/// Only a commit that follows a checkpoint which copied the whole log starts the log over. Beside a commit, a
/// checkpoint leaves that commit's frames behind: in a 2,000-phone burst the log grew to 26,000 frames (~100 MB) in
/// 10 s. Between two commits it copies them all and the next commit starts the log over (at most ~5,300 frames in the
/// same burst), for a few ms of the writers' gate every 2 s (2-10 ms measured).
/// </remarks>
public sealed class WalCheckpointer(IDbContextFactory<AppDb> dbFactory, MeetingCommands commands, ILogger<WalCheckpointer> logger) : BackgroundService
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

    internal async Task CheckpointAsync(string mode, CancellationToken ct)
    {
        await commands.StoreGate.WaitAsync(ct);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
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
        finally
        {
            commands.StoreGate.Release();
        }
    }
}
