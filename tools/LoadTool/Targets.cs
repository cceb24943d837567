using System.Net.Http.Json;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DoiThoai.LoadTool;

public sealed record TargetMeeting(Guid Id, string Code);

/// <summary>What the tool found in the target's store after a run: requests per marker (the app only; the floor keeps none).</summary>
public sealed record StoreCheck(int Stored, int Missing, int Duplicates);

/// <summary>A server under test, started and ready, with the meetings the phones use.</summary>
public sealed class Target : IAsyncDisposable
{
    public required string Name { get; init; }
    /// <summary>The first (or only) node: its GC, heap and RSS are the ones measured.</summary>
    public required ServerProcess Server { get; init; }
    /// <summary>Every node of the target (one unless --nodes); phones and seats are spread over them.</summary>
    public IReadOnlyList<ServerProcess> Nodes { get => _nodes ?? [Server]; init => _nodes = value; }
    private readonly IReadOnlyList<ServerProcess>? _nodes;
    /// <summary>Runs after the nodes stopped (drops a run's PostgreSQL database).</summary>
    public Func<Task>? Cleanup { get; init; }
    public required IReadOnlyList<TargetMeeting> Meetings { get; init; }
    /// <summary>A meeting of its own for the warm-up submissions, so they use up no limit of the measured ones.</summary>
    public required TargetMeeting WarmupMeeting { get; init; }
    /// <summary>Staff seats sign in through the login form (the app); the floor's hub has no accounts.</summary>
    public required bool SignIn { get; init; }
    /// <summary>Counts the stored requests whose names carry the run's markers below a bound (null: nothing stored).</summary>
    public Func<IReadOnlyCollection<int>, int, Task<StoreCheck>>? CheckStore { get; init; }

    /// <summary>The node client number <paramref name="index"/> talks to (round-robin).</summary>
    public Uri AddressFor(int index) => Nodes[(index % Nodes.Count + Nodes.Count) % Nodes.Count].BaseAddress;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        if (Cleanup is not null) await Cleanup();
    }
}

public static class Targets
{
    /// <summary>Demo accounts of the demo commune that may follow a meeting's staff feed.</summary>
    public static readonly string[] StaffAccounts = ["tiepnhan", "chutri", "thuky", "vanphong", "admin"];

    /// <summary>
    /// The settings run.sh exports before starting the app (runtime.env beside its dll; a build without one gets none),
    /// so the tool measures the app as it is started.
    /// </summary>
    public static Dictionary<string, string> RuntimeEnvironment(string appDll)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(appDll))!, "runtime.env");
        if (!File.Exists(file)) return [];
        return File.ReadLines(file).Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            .Select(line => line.Split('=', 2))
            .Where(pair => Environment.GetEnvironmentVariable(pair[0]) is null)
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    /// <summary>
    /// The app: a fresh data folder prepared through the app's own code (its Program builds the services, migrates and
    /// seeds the demo accounts; <see cref="MeetingCommands.AddMeetingAsync"/> stores the run's announced meetings), then
    /// Meeting.Web.dll as a child process on a free loopback port.
    /// </summary>
    public static async Task<Target> StartAppAsync(LoadOptions options, string workDirectory, CancellationToken ct)
    {
        var dataDirectory = Path.Combine(workDirectory, "doithoai-data");
        Directory.CreateDirectory(dataDirectory);
        var cluster = options.Nodes > 1 ? await ClusterDatabase.CreateAsync(options, ct) : null;
        var storage = cluster?.Settings ?? new Dictionary<string, string>();
        var meetings = await PrepareAppDataAsync(dataDirectory, options.Meetings + 1, storage, ct);

        var settings = new Dictionary<string, string>(storage)
        {
            ["DoiThoai:Demo"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        if (options.PerDevicePerMinute is { } device) settings["DoiThoai:PhoneLimits:PerDevicePerMinute"] = device.ToString();
        // Raised limits (every scenario but the default-limits one) raise the per-address cap too: the tool is one address.
        if (options.PerMeetingPerMinute is { } perMeeting)
        {
            settings["DoiThoai:PhoneLimits:PerMeetingPerMinute"] = perMeeting.ToString();
            settings["DoiThoai:PhoneLimits:PerAddressPerMinute"] = perMeeting.ToString();
        }
        foreach (var (key, value) in options.AppSettings) settings[key] = value;

        var nodes = new List<ServerProcess>();
        for (var n = 1; n <= options.Nodes; n++)
        {
            // One node: the prepared data folder. Several: each its own folder (lock, logs), the data in PostgreSQL.
            var nodeData = options.Nodes == 1 ? dataDirectory : Path.Combine(workDirectory, $"doithoai-node{n}-data");
            var port = ServerProcess.FreeLoopbackPort();
            var args = new List<string> { "--urls", $"http://127.0.0.1:{port}", $"--DoiThoai:DataDirectory={nodeData}" };
            args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
            nodes.Add(await ServerProcess.StartAsync(AppDll(options), args, port, "/account/login",
                Path.Combine(workDirectory, options.Nodes == 1 ? "doithoai.log" : $"doithoai-node{n}.log"), TimeSpan.FromSeconds(90),
                RuntimeEnvironment(AppDll(options))));
        }
        return new Target
        {
            Name = "DoiThoai",
            Server = nodes[0],
            Nodes = nodes,
            Meetings = meetings[..^1],
            WarmupMeeting = meetings[^1],
            SignIn = true,
            CheckStore = (markers, below) => CheckAppStoreAsync(dataDirectory, storage, meetings, markers, below),
            Cleanup = cluster is null ? null : cluster.DropAsync,
        };
    }

    /// <summary>The floor: this tool's own assembly in floor mode, as a child process measured the same way.</summary>
    public static async Task<Target> StartFloorAsync(LoadOptions options, string workDirectory, CancellationToken ct)
    {
        var port = ServerProcess.FreeLoopbackPort();
        var self = typeof(Targets).Assembly.Location;
        var server = await ServerProcess.StartAsync(self,
            ["floor", "--urls", $"http://127.0.0.1:{port}", "--meetings", (options.Meetings + 1).ToString()],
            port, "/ready", Path.Combine(workDirectory, "floor.log"), TimeSpan.FromSeconds(60));
        try
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var meetings = (await http.GetFromJsonAsync<List<TargetMeeting>>("/meetings", ct) ?? []).OrderBy(m => m.Code).ToList();
            return new Target { Name = "floor", Server = server, Meetings = meetings[..^1], WarmupMeeting = meetings[^1], SignIn = false };
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public static string AppDll(LoadOptions options)
    {
        if (options.AppDll is { } given) return Path.GetFullPath(given);
        var root = RepositoryRoot() ?? throw new InvalidOperationException("DoiThoai.sln not found above the tool; pass --app-dll.");
        // The same configuration as this tool's own build (bin/Release/... or bin/Debug/...).
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        // The plain build the tests and the tool were built with (the precompiled one that run.sh starts is given by
        // --app-dll: a copy published earlier may be older than the sources).
        return Path.Combine(root, "src", "Meeting.Web", "bin", configuration, "net10.0", "Meeting.Web.dll");
    }

    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DoiThoai.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>Creates <paramref name="count"/> announced meetings of the demo commune (the last one serves the warm-up).</summary>
    private static async Task<List<TargetMeeting>> PrepareAppDataAsync(string dataDirectory, int count,
        IReadOnlyDictionary<string, string> storage, CancellationToken ct)
    {
        var meetings = new List<TargetMeeting>();
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MEETING_WEB", ContentRoot());
        await using (var app = new SetupFactory(dataDirectory, storage))
        {
            var commands = app.Services.GetRequiredService<MeetingCommands>();
            for (var i = 1; i <= count; i++)
            {
                var meeting = NewMeeting(commands.Now, i);
                await commands.AddMeetingAsync(meeting, "Công cụ thử tải", ct);
                meetings.Add(new TargetMeeting(meeting.Id, meeting.PublicCode));
            }
        }
        SqliteConnection.ClearAllPools();
        return meetings;
    }

    /// <summary>The factory finds the app's content root by ASPNETCORE_TEST_CONTENTROOT_MEETING_WEB first (its manifest lookup misses in a console).</summary>
    public static string ContentRoot() => RepositoryRoot() is { } root && Directory.Exists(Path.Combine(root, "src", "Meeting.Web"))
        ? Path.Combine(root, "src", "Meeting.Web")
        : AppContext.BaseDirectory;

    /// <summary>An announced meeting of the demo commune, numbered <paramref name="number"/>.</summary>
    public static Meeting NewMeeting(DateTimeOffset now, int number)
    {
        var meeting = Meeting.Create(new MeetingPlan(
            Title: $"Hội nghị đối thoại thử tải số {number}",
            Kind: MeetingKind.Periodic,
            Chairs: [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy, Chủ tịch HĐND xã")],
            Venue: "Hội trường xã Giao Minh",
            ScheduledStart: now.AddHours(1),
            ExpectedAttendance: 200,
            PlanNumber: $"Số {number}-KH/TT",
            PlacesList: ["Xóm 1", "Xóm 2", "Xóm 3"],
            UnitId: DemoUnits.GiaoMinhId));
        meeting.Announce();
        return meeting;
    }

    private static async Task<StoreCheck> CheckAppStoreAsync(string dataDirectory, IReadOnlyDictionary<string, string> storage,
        IReadOnlyList<TargetMeeting> meetings, IReadOnlyCollection<int> acceptedMarkers, int below)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMeetingStorage(dataDirectory, new ConfigurationBuilder().AddInMemoryCollection(storage!).Build());
        await using var provider = services.BuildServiceProvider();
        await using var db = await provider.GetRequiredService<IDbContextFactory<AppDb>>().CreateDbContextAsync();
        var ids = meetings.Select(m => m.Id).ToList();
        var names = await db.SpeakRequests.AsNoTracking().Where(r => ids.Contains(r.MeetingId)).Select(r => r.Name).ToListAsync();
        var counts = names.Select(Markers.Parse).Where(m => m is { } k && k < below).GroupBy(m => m!.Value).ToDictionary(g => g.Key, g => g.Count());
        var missing = acceptedMarkers.Count(m => !counts.ContainsKey(m));
        var duplicates = counts.Values.Sum(c => c - 1);
        SqliteConnection.ClearAllPools();
        return new StoreCheck(counts.Count, missing, duplicates);
    }

    /// <summary>The app's own Program and services over the run's data folder, in memory (no port), to prepare data.</summary>
    internal sealed class SetupFactory(string dataDirectory, IReadOnlyDictionary<string, string> storage) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("DoiThoai:DataDirectory", dataDirectory);
            foreach (var (key, value) in storage) builder.UseSetting(key, value);
            builder.UseSetting("DoiThoai:Demo", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            builder.UseEnvironment("Production");
        }
    }
}

/// <summary>--nodes: a fresh PostgreSQL database for the run (dropped afterwards) and the nodes' Redis settings.</summary>
internal sealed class ClusterDatabase
{
    private readonly string _server;
    private readonly string _name;
    public IReadOnlyDictionary<string, string> Settings { get; }

    private ClusterDatabase(string server, string name, string redis)
    {
        _server = server;
        _name = name;
        Settings = new Dictionary<string, string>
        {
            ["DoiThoai:Database"] = "Postgres",
            ["ConnectionStrings:DoiThoai"] = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
            ["DoiThoai:Redis"] = redis,
            ["DoiThoai:RedisPrefix"] = name,
        };
    }

    public static async Task<ClusterDatabase> CreateAsync(LoadOptions options, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Postgres) || string.IsNullOrEmpty(options.Redis))
            throw new ArgumentException("--nodes N needs --postgres CONNECTION and --redis HOST:PORT (or DOITHOAI_TEST_POSTGRES / DOITHOAI_TEST_REDIS; scripts/test-servers.sh starts both).");
        var name = $"doithoai_load_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
        await ExecuteAsync(options.Postgres, $"CREATE DATABASE {name}", ct);
        return new ClusterDatabase(options.Postgres, name, options.Redis);
    }

    public async Task DropAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
