using System.Net;
using DoiThoai.Web.Features.Operations;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DoiThoai.Web.Tests.Operations;

/// <summary>/health/live and /health/ready, as a proxy or a supervisor asks them: no sign-in, plain answers.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_running_app_is_live_and_ready_without_signing_in()
    {
        await using var app = new TestApp();
        using var http = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { Health.LivePath, Health.ReadyPath })
        {
            using var answer = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("Healthy", await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Readiness_reads_the_database()
    {
        await using var app = new TestApp();
        var options = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value;

        var database = Assert.Single(options.Registrations, r => r.Name == "database");
        Assert.Contains(Health.ReadyTag, database.Tags);
        // Run alone, against the app's own database: a query, not only "the file exists".
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "database");
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task Only_checks_tagged_ready_decide_readiness()
    {
        await using var app = new TestApp();
        await using var withFailingCheck = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddHealthChecks().AddCheck("down", () => HealthCheckResult.Unhealthy(), tags: [Health.ReadyTag])));
        using var http = withFailingCheck.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(Health.ReadyPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Health.LivePath)).StatusCode);
    }
}
