using DoiThoai.Domain;

namespace DoiThoai.Web.Tests.Support;

/// <summary>
/// Two app nodes on one fresh PostgreSQL database (and, with <c>cluster</c>, one Redis), as a province runs them: node A
/// starts first (it makes the tables and the demo meeting), then node B.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(TestPostgres database, TestApp a, TestApp b, Meeting demo) => (Database, A, B, Demo) = (database, a, b, demo);

    public TestPostgres Database { get; }
    public TestApp A { get; }
    public TestApp B { get; }
    /// <summary>The demo meeting as node A seeded it.</summary>
    public Meeting Demo { get; }

    /// <param name="cluster">Redis too (<see cref="TestPostgres.ClusterSettings"/>); the test says skipped without it.</param>
    /// <param name="settings">More settings for both nodes.</param>
    public static async Task<TwoNodes> StartAsync(bool cluster, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestPostgres.CreateAsync();
        try
        {
            var all = cluster ? database.ClusterSettings() : database.Settings;
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
            var a = new TestApp(settings: all);
            var demo = await a.DemoMeetingAsync();
            var b = new TestApp(settings: all);
            _ = b.AppServices;
            return new TwoNodes(database, a, b, demo);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Database.DisposeAsync();
    }
}
