using Npgsql;

namespace DoiThoai.Web.Tests.Support;

/// <summary>
/// A fresh database on the PostgreSQL server named by <see cref="Variable"/> (.ci/run installs and starts Debian's
/// postgresql and sets it), dropped afterwards. Without the variable the PostgreSQL tests say skipped.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    /// <summary>A connection string to a role that may create databases, e.g. Host=127.0.0.1;Username=doithoai;Password=…</summary>
    public const string Variable = "DOITHOAI_TEST_POSTGRES";

    private readonly string _server;
    public string Database { get; }
    public string ConnectionString { get; }

    private TestPostgres(string server, string database)
    {
        _server = server;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrEmpty(server), $"{Variable} is not set: no PostgreSQL server to test on (.ci/run starts one).");
        var database = "doithoai_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server!, $"CREATE DATABASE {database}");
        return new TestPostgres(server!, database);
    }

    /// <summary>The app's settings for this database (add them to a <see cref="TestApp"/>'s).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["DoiThoai:Database"] = "Postgres",
        ["ConnectionStrings:DoiThoai"] = ConnectionString,
    };

    /// <summary>A Redis server for two nodes (.ci/run starts one); without it the cluster tests say skipped.</summary>
    public const string RedisVariable = "DOITHOAI_TEST_REDIS";

    /// <summary>
    /// <see cref="Settings"/> plus Redis, with channels of this database's own (tests run side by side on one Redis):
    /// the settings of every node of one installation.
    /// </summary>
    public Dictionary<string, string?> ClusterSettings()
    {
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        Skip.If(string.IsNullOrEmpty(redis), $"{RedisVariable} is not set: no Redis server to test two nodes on (.ci/run starts one).");
        var settings = Settings;
        settings["DoiThoai:Redis"] = redis;
        settings["DoiThoai:RedisPrefix"] = Database;
        return settings;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE may not end a session of another role (seen: an autovacuum worker in the test database, 42501).
        // Such a session ends by itself in moments, so the drop is tried again a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
                return;
            }
            catch (PostgresException ex) when (attempt < 10 && ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt));
            }
        }
    }
}
