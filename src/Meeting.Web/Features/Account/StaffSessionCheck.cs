using System.Security.Claims;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Account;

/// <summary>
/// An open staff page (a Blazor circuit) checks its sign-in against the database as often as a request's cookie is:
/// a locked account, a changed role or unit, or a changed password ends the page's rights within that interval,
/// not when the tab is closed.
/// </summary>
public sealed class StaffSessionCheck(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity,
    IOptions<SecurityStampValidatorOptions> stamps) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public const string IntervalSetting = "DoiThoai:SessionCheckSeconds";

    protected override TimeSpan RevalidationInterval =>
        stamps.Value.ValidationInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : stamps.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await StillValidAsync(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>(), state.User,
            identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }

    /// <summary>The person still exists, is not locked, and nothing about their account changed since they signed in.</summary>
    public static async Task<bool> StillValidAsync(UserManager<StaffUser> users, ClaimsPrincipal principal, string stampClaim)
    {
        if (await users.GetUserAsync(principal) is not { } user) return false;
        // Only an administrator's lock ends open sessions; wrong passwords typed by someone else never do.
        if (DoiThoai.Web.Features.Admin.AdminService.IsLockedByAdministrator(user)) return false;
        return principal.FindFirstValue(stampClaim) == await users.GetSecurityStampAsync(user);
    }
}
