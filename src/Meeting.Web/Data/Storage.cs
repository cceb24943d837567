using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DoiThoai.Web.Data;

public sealed class DoiThoaiOptions
{
    public const string Section = "DoiThoai";

    /// <summary>Folder for the SQLite file and the Data Protection keys; relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Several nodes: a folder every node mounts (NFS, a shared disk) that holds answers' attached files (its files/);
    /// empty: the data folder's files/, as on one machine.
    /// </summary>
    public string? SharedDirectory { get; set; }

    /// <summary>The folder whose files/ holds the attached files.</summary>
    public string FilesRoot => Path.GetFullPath(SharedDirectory is { Length: > 0 } shared ? shared : DataDirectory);

    /// <summary>
    /// Demo mode (opt-in; ./run.sh turns it on in its own data folder): seeds the demo meeting and demo accounts once and
    /// shows them on the home page. Off, any account still opening with the public demo password is disabled at start.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>The address phones use (e.g. http://192.168.1.10:5080); when empty, the address the page was opened with.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The plain-http port phones use when a staff page was opened over HTTPS; read from the "Urls" setting.</summary>
    public int? PlainHttpPort { get; set; }

    public PhoneLimits PhoneLimits { get; set; } = new();

    /// <summary>For tests: every batch of commands declared to only add rows is checked against full change detection.</summary>
    public bool CheckChangeDetection { get; set; }

    /// <summary>Seconds after which an idle meeting's writer retires and frees the meeting's memory.</summary>
    public int WriterIdleSeconds { get; set; } = 600;

    /// <summary>A batch that takes this long to store is logged as a warning (every phone of it waited).</summary>
    public int SlowCommitMilliseconds { get; set; } = 200;
}

public sealed class PhoneLimits
{
    /// <summary>Speak-requests one phone (a device cookie the server signed) may send per minute.</summary>
    public int PerDevicePerMinute { get; set; } = 6;
    /// <summary>All signed devices behind one address (a hall behind one NAT: 200 phones × 6).</summary>
    public int PerAddressPerMinute { get; set; } = 1200;
    /// <summary>Senders without a valid device cookie (scripts, forged cookies), per network address.</summary>
    public int UnknownPerAddressPerMinute { get; set; } = 20;
    /// <summary>Senders without a valid device cookie, per meeting, whatever their address.</summary>
    public int PerMeetingPerMinute { get; set; } = 300;
}

public enum DatabaseProvider { Sqlite, Postgres }

public static class Storage
{
    public const string DatabaseFile = "doithoai.db";
    /// <summary>Data Protection keys: they sign projector links and phones' device cookies.</summary>
    public const string KeysFolder = "keys";

    public static string ResolveDataDirectory(IConfiguration configuration)
    {
        var dir = DataDirectoryPath(configuration);
        OwnerOnlyDirectory(dir);
        return dir;
    }

    /// <summary>The configured data folder without creating it (the backup command must not invent an empty one).</summary>
    public static string DataDirectoryPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration[$"{DoiThoaiOptions.Section}:DataDirectory"] ?? "data");

    /// <summary>rwx------ for folders, rw------- for files: people's names and phone numbers are for the app's account only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder owner-only, and makes an existing one so (an installation from before kept 755).</summary>
    public static void OwnerOnlyDirectory(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
            return;
        }
        Directory.CreateDirectory(dir, OwnerOnly);
        File.SetUnixFileMode(dir, OwnerOnly);
    }

    /// <summary>The database and its WAL files, owner-only (SQLite creates them with the process's umask, often 644).</summary>
    public static void OwnerOnlyDatabaseFiles(string dataDirectory)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in Directory.EnumerateFiles(dataDirectory, DatabaseFile + "*"))
            File.SetUnixFileMode(file, OwnerOnlyFile);
    }

    /// <summary>The database the app runs on: <c>DoiThoai:Database</c> = Sqlite (default) or Postgres.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        configuration[$"{DoiThoaiOptions.Section}:Database"] is not { Length: > 0 } name ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new StartupSeeder.StartupRefused($"DoiThoai:Database = \"{name}\" không hợp lệ: chọn Sqlite (mặc định, một máy) hoặc Postgres (nhiều máy chủ).");

    /// <summary>PostgreSQL's connection string, from <c>ConnectionStrings:DoiThoai</c>.</summary>
    public const string ConnectionStringName = "DoiThoai";

    public static IServiceCollection AddMeetingStorage(this IServiceCollection services, string dataDirectory, IConfiguration configuration)
    {
        if (ProviderOf(configuration) == DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs ? cs
                : throw new StartupSeeder.StartupRefused("DoiThoai:Database = Postgres cần chuỗi kết nối ConnectionStrings:DoiThoai (ví dụ Host=…;Database=doithoai;Username=…;Password=…).");
            services.AddDbContextFactory<PostgresAppDb>(o => PostgresAppDb.Configure(o, connectionString));
            services.AddSingleton<IDbContextFactory<AppDb>, ProviderContextFactory<PostgresAppDb>>();
        }
        else
        {
            var dbPath = Path.Combine(dataDirectory, DatabaseFile);
            services.AddDbContextFactory<AppDb>(o => o
                .UseSqlite($"Data Source={dbPath};Default Timeout=10")
                .AddInterceptors(new SqlitePragmas()));
        }
        // Identity's stores take a scoped context.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDb>>().CreateDbContext());
        var keys = services.AddDataProtection().SetApplicationName("DoiThoai");
        // Keys sign sign-ins, forms, projector links and phones' device cookies: every node must hold the same ones.
        if (ProviderOf(configuration) == DatabaseProvider.Postgres) keys.PersistKeysToDbContext<PostgresAppDb>();
        else keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, KeysFolder)));
        return services;
    }

    /// <summary>
    /// synchronous=FULL: an acknowledged speak-request is on disk before the phone sees "đã nhận", even if the laptop
    /// running the hall loses power. WAL lets readers (every screen) go on while one command writes. The log is copied
    /// into the database by <see cref="WalCheckpointer"/>, not inside a commit (wal_autocheckpoint=0).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=0;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
