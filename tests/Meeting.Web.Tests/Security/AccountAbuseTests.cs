using System.Net;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Account;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Tests.Security;

/// <summary>Someone in the hall types wrong passwords for the chair's account: the chair's open tablet must not care.</summary>
public sealed class AccountAbuseTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Wrong_passwords_for_the_chair_slow_the_guesser_but_never_end_the_chairs_session()
    {
        using var tablet = await _app.SignedInClientAsync("chutri");
        var meeting = await _app.DemoMeetingAsync();

        for (var i = 0; i < 15; i++)
            Assert.Matches("error=(wrong|wait)", await _app.LoginLandingAsync("chutri", $"Doan-mat-khau-{i}"));
        Assert.Contains("error=wait", await _app.LoginLandingAsync("chutri", StartupSeeder.DemoPassword));

        // The account is not locked, and the tablet's session (cookie and open page's check) is still good.
        await using var scope = _app.AppServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var chair = (await users.FindByNameAsync("chutri"))!;
        Assert.False(await users.IsLockedOutAsync(chair));
        var page = await tablet.GetAsync($"/chair/{meeting.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>().CreateUserPrincipalAsync(chair);
        var stampClaim = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        Assert.True(await StaffSessionCheck.StillValidAsync(users, principal, stampClaim));
    }

    [Fact]
    public async Task Unknown_names_are_counted_like_real_ones_and_answered_the_same_way()
    {
        Assert.Contains("error=wrong", await _app.LoginLandingAsync("khongtontai", "Doan-mat-khau-1"));
        Assert.Contains("error=wrong", await _app.LoginLandingAsync("chutri", "Doan-mat-khau-1"));
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await _app.LoginLandingAsync("khongtontai", $"x{i}");

        Assert.Contains("error=wait", await _app.LoginLandingAsync("khongtontai", "Doan-mat-khau-2"));
    }

    [Fact]
    public async Task An_administrators_lock_still_ends_the_session()
    {
        await using var scope = _app.AppServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var secretary = (await users.FindByNameAsync("thuky"))!;
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>().CreateUserPrincipalAsync(secretary);
        var stampClaim = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;

        await users.SetLockoutEndDateAsync(secretary, DateTimeOffset.MaxValue);

        Assert.False(await StaffSessionCheck.StillValidAsync(users, principal, stampClaim));
    }
}

/// <summary>The throttle's arithmetic: free tries, then doubling waits, per name and source.</summary>
public sealed class SignInThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Free_tries_then_doubling_waits_for_one_name_and_source_only()
    {
        var clock = new ManualClock();
        using var throttle = new SignInThrottle(clock);
        var guesser = SignInThrottle.Key("login", "chutri", IPAddress.Parse("192.168.1.50"));
        var chairsTablet = SignInThrottle.Key("login", "chutri", IPAddress.Parse("192.168.1.10"));

        for (var i = 0; i < SignInThrottle.FreeFailures; i++) throttle.Failed(guesser);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(guesser));
        throttle.Failed(guesser);
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.WaitFor(guesser));
        throttle.Failed(guesser);
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.WaitFor(guesser));
        for (var i = 0; i < 30; i++) throttle.Failed(guesser);
        Assert.Equal(SignInThrottle.MaxDelay, throttle.WaitFor(guesser));

        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(chairsTablet));
        clock.Now += SignInThrottle.MaxDelay;
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(guesser));
        throttle.Succeeded(guesser);
        throttle.Failed(guesser);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(guesser));
    }
}
