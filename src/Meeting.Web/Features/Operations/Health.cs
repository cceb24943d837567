using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Operations;

/// <summary>
/// For a proxy or a supervisor in front of the app: <c>/health/live</c> answers 200 while the process serves requests
/// (restart it when it does not), <c>/health/ready</c> 200 only when what a request needs answers too — the database,
/// read with a real query (a SQLite file that exists is not yet a database that reads) — and 503 otherwise (send no
/// traffic to it). Plain text, no details: anyone on the hall's network may ask.
/// </summary>
public static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    /// <summary>Checks with this tag decide readiness.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<AppDb>("database", tags: [ReadyTag],
                customTestQuery: async (db, ct) =>
                {
                    // Any answer will do: the query must run, the meetings table need not hold a row.
                    await db.Meetings.AnyAsync(ct);
                    return true;
                });
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}
