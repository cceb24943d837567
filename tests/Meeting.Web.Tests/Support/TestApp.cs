using System.Security.Claims;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Web.Tests.Support;

/// <summary>
/// The real app over a SQLite file in its own folder under the test output. Demo mode seeds the demo meeting
/// (Giao Minh, announced, with requests) and demo accounts. Dispose and create another over the same folder to
/// simulate a server restart. With <c>realServer</c> it listens on a real loopback port for browser tests.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public string DataDirectory { get; }
    /// <summary>The hosting environment; "Development" shows what a developer's machine would.</summary>
    public string Environment { get; init; } = "Production";
    /// <summary>The app's warnings and errors (see <see cref="ServerLog"/>).</summary>
    public ServerLog Log { get; } = new();
    private readonly bool _realServer;
    private readonly Dictionary<string, string?> _settings;

    public TestApp(string? dataDirectory = null, bool realServer = false, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory ?? NewDataDirectory();
        _realServer = realServer;
        _settings = new Dictionary<string, string?>
        {
            ["DoiThoai:DataDirectory"] = DataDirectory,
            ["DoiThoai:Demo"] = "true",
            ["DoiThoai:PhoneLimits:PerDevicePerMinute"] = "1000",
            ["DoiThoai:PhoneLimits:PerMeetingPerMinute"] = "10000",
            ["DoiThoai:PhoneLimits:PerAddressPerMinute"] = "100000",
            // Every batch declared to only add rows is checked against full change detection.
            ["DoiThoai:CheckChangeDetection"] = "true",
            ["Urls"] = realServer ? "http://127.0.0.1:0" : null,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        // A test that names its own addresses (http and https) binds those; otherwise one loopback port.
        if (_realServer && settings?.ContainsKey("Urls") == true) UseKestrel();
        else if (_realServer) UseKestrel(0);
    }

    public static string NewDataDirectory() =>
        Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N")[..12]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    /// <summary>Base address: the loopback URL with a real server, else the in-memory test server's.</summary>
    public Uri BaseAddress
    {
        get
        {
            if (_realServer) StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public IServiceProvider AppServices
    {
        get
        {
            if (_realServer) StartServer(); else _ = Server;
            return Services;
        }
    }

    public MeetingCommands Commands => AppServices.GetRequiredService<MeetingCommands>();

    public async Task<AppDb> OpenDbAsync() =>
        await AppServices.GetRequiredService<IDbContextFactory<AppDb>>().CreateDbContextAsync();

    /// <summary>The demo meeting the seeder created.</summary>
    public async Task<DoiThoai.Domain.Meeting> DemoMeetingAsync()
    {
        await using var db = await OpenDbAsync();
        var id = await db.Meetings.Select(m => m.Id).FirstAsync();
        return (await db.LoadMeetingAsync(id, tracking: false))!;
    }

    /// <summary>A signed-in staff member as the server sees them, for calling commands directly.</summary>
    public static ClaimsPrincipal Staff(string role, string name = "test", Guid? unitId = null) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role),
            new Claim(DoiThoai.Web.Features.Units.UnitAccess.UnitClaim, (unitId ?? DemoUnits.GiaoMinhId).ToString())], "Test"));

    /// <summary>A real SignalR client to /hubs/meeting (in-memory transport, or the real port).</summary>
    /// <param name="cookie">A signed-in staff member's cookie header (see <see cref="StaffClient.SignInCookieAsync"/>).</param>
    public HubConnection HubClient(string? cookie = null)
    {
        var url = new Uri(BaseAddress, MeetingHub.Path);
        return new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                if (cookie is not null) o.Headers["Cookie"] = cookie;
                if (!_realServer)
                {
                    o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                }
            })
            .Build();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
