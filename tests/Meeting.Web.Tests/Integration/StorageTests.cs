using DoiThoai.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

public sealed class StorageTests
{
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
        }

        // WAL is a property of the file: a connection that is not the app's sees it too.
        var path = Path.Combine(app.DataDirectory, "doithoai.db");
        Assert.True(File.Exists(path));
        await using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await raw.OpenAsync();
        Assert.Equal("wal", await PragmaAsync(raw, "journal_mode"));
    }

    private static async Task<object?> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return await command.ExecuteScalarAsync();
    }
}
