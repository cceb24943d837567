using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

public sealed class StorageTests
{
    [Fact]
    public async Task Every_model_change_has_its_migration_so_a_restart_that_skips_migrating_misses_nothing()
    {
        await using var app = new TestApp();
        _ = await app.DemoMeetingAsync();
        await using var db = await app.OpenDbAsync();

        // Start-up migrates only when a migration waits (StartupSeeder): a model change without its migration would
        // never reach the database file. This is the check MigrateAsync would have made on every start.
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run `dotnet ef migrations add`.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Data_from_an_unknown_schema_is_set_aside_in_a_demo_and_refused_untouched_in_a_real_installation()
    {
        var folder = TestApp.NewDataDirectory();
        await using (var first = new TestApp(folder))
            _ = await first.DemoMeetingAsync();
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(folder, Storage.DatabaseFile);
        // As a database made before the migrations were folded looks: a history this version does not know.
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync();
            await using var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory VALUES ('20261123110600_Delegates', '10.0.15');";
            await insert.ExecuteNonQueryAsync();
        }

        // A real installation's data is never touched: the start stops, with the reason in Vietnamese (Program prints
        // it and exits; the test host, which starts the app whatever the entry point returns, asks the seeder itself).
        await using (var real = new TestApp(folder, settings: new Dictionary<string, string?> { ["DoiThoai:Demo"] = "false" }))
        {
            var refused = await Assert.ThrowsAsync<StartupSeeder.StartupRefused>(() => StartupSeeder.RunAsync(real.Services));
            Assert.Contains("do một phiên bản DoiThoai khác tạo", refused.Message);
            Assert.Contains("Chưa thay đổi gì", refused.Message);
            await using var kept = await real.OpenDbAsync();
            Assert.Contains("20261123110600_Delegates", await kept.Database.GetAppliedMigrationsAsync());
            Assert.True(await kept.Meetings.AnyAsync());
        }
        SqliteConnection.ClearAllPools();
        Assert.Empty(Directory.GetDirectories(folder, "demo-cu-*"));

        // Demo data is disposable: set aside whole, and a fresh demo made.
        await using var demo = new TestApp(folder);
        var meeting = await demo.DemoMeetingAsync();
        Assert.NotNull(meeting);
        var aside = Assert.Single(Directory.GetDirectories(folder, "demo-cu-*"));
        Assert.True(File.Exists(Path.Combine(aside, Storage.DatabaseFile)));
        await using var db = await demo.OpenDbAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Database_file_is_in_WAL_mode_and_every_app_connection_syncs_fully()
    {
        await using var app = new TestApp();
        _ = await app.DemoMeetingAsync();

        for (var i = 0; i < 3; i++)
        {
            await using var db = await app.OpenDbAsync();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
            Assert.Equal(2L, Convert.ToInt64(await PragmaAsync(connection, "synchronous")));
            Assert.Equal(1L, Convert.ToInt64(await PragmaAsync(connection, "foreign_keys")));
            // No commit copies the log into the file; the background checkpointer does.
            Assert.Equal(0L, Convert.ToInt64(await PragmaAsync(connection, "wal_autocheckpoint")));
        }

        // WAL is a property of the file: a connection that is not the app's sees it too.
        var path = Path.Combine(app.DataDirectory, "doithoai.db");
        Assert.True(File.Exists(path));
        await using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await raw.OpenAsync();
        Assert.Equal("wal", await PragmaAsync(raw, "journal_mode"));
    }

    [Fact]
    public async Task The_background_checkpointer_copies_what_commands_wrote_into_the_database_file()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var checkpointer = app.AppServices.GetRequiredService<WalCheckpointer>();
        var path = Path.Combine(app.DataDirectory, "doithoai.db");
        CommandResult<bool>? lastCommand = null;
        for (var i = 0; i < 20; i++)
            lastCommand = await app.MustAsync(demo.Id, Hall.Secretary, StaffRoles.ProjectorControl, (m, now) => m.SetProjector(ProjectorMode.Message, $"Thông báo số {i}."));

        // Within a few intervals the checkpointer has copied the last change into the database file itself: a copy of
        // the file alone (without its log) holds it. Other readers may hold back part of a checkpoint, so look again.
        var copy = Path.Combine(app.DataDirectory, "copy.db");
        long inFile = 0;
        var deadline = DateTime.UtcNow + WalCheckpointer.Interval * 15;
        while (DateTime.UtcNow < deadline && inFile != lastCommand!.Sequence)
        {
            await Task.Delay(WalCheckpointer.Interval / 2);
            File.Copy(path, copy, overwrite: true);
            try
            {
                await using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
                await raw.OpenAsync();
                await using var command = raw.CreateCommand();
                command.CommandText = "SELECT COALESCE(MAX(Sequence), 0) FROM Journal";
                inFile = Convert.ToInt64(await command.ExecuteScalarAsync());
            }
            catch (SqliteException)
            {
                // Copied while a checkpoint was writing the file: copy again.
            }
        }
        Assert.Equal(lastCommand!.Sequence, inFile);
    }

    [Fact]
    public async Task A_checkpoint_waits_for_the_commit_in_progress_and_copies_the_whole_log()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var checkpointer = app.AppServices.GetRequiredService<WalCheckpointer>();
        var commands = app.AppServices.GetRequiredService<MeetingCommands>();
        for (var i = 0; i < 5; i++)
            await app.MustAsync(demo.Id, Hall.Secretary, StaffRoles.ProjectorControl, (m, now) => m.SetProjector(ProjectorMode.Message, $"Thông báo số {i}."));

        // The writers' gate held, as a commit holds it: the checkpoint does not start beside it.
        await commands.StoreGate.WaitAsync();
        Task checkpoint;
        try
        {
            checkpoint = checkpointer.CheckpointAsync("PASSIVE", CancellationToken.None);
            await Task.Delay(500);
            Assert.False(checkpoint.IsCompleted, "the checkpoint ran while a commit held the gate");
        }
        finally
        {
            commands.StoreGate.Release();
        }
        await checkpoint.WaitAsync(TimeSpan.FromSeconds(30));
        // Between two commits nothing is written meanwhile: every frame of the log is copied.
        Assert.True(checkpointer.Last is { LogFrames: > 0 } last && last.Checkpointed == last.LogFrames, $"{checkpointer.Last}");
    }

    private static async Task<object?> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return await command.ExecuteScalarAsync();
    }
}
