using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Live;

/// <summary>
/// A phone's live connection goes straight to the hub. Its request lasts as long as the status page is open, and each
/// middleware it passes keeps its per-request state for all that time (an authentication handler with its scope, the
/// security headers' callback, the error and form-answer frames): with 2,000 phones in a hall that was 3.5 KB each,
/// above what a bare SignalR app holds per connection. None of it applies there: without the sign-in cookie the
/// request is anonymous either way, the hub endpoint asks for no authorization, and the answer is a WebSocket or
/// negotiation JSON, not a page. Requests with the sign-in cookie (staff programs) take the whole pipeline, so the hub
/// sees their user.
/// </summary>
public static class PhoneHubShortcut
{
    /// <summary>
    /// Place right after the forwarded headers (the hub's call limit and logs see the phone's own address). Not installed
    /// when a fallback authorization policy exists (it would apply to the hub endpoint too), nor in Development, where
    /// the framework's detailed error page comes first and only the error answer keeps it to the developer's machine.
    /// </summary>
    public static void UsePhoneHubShortcut(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()
            || app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy is not null) return;
        var signInCookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
        app.Use((ctx, next) => IsAnonymousHubRequest(ctx, signInCookie) ? ctx.GetEndpoint()!.RequestDelegate!(ctx) : next(ctx));
    }

    public static bool IsAnonymousHubRequest(HttpContext ctx, string signInCookie) =>
        ctx.GetEndpoint() is { RequestDelegate: not null } endpoint
        && endpoint.Metadata.GetMetadata<HubMetadata>()?.HubType == typeof(MeetingHub)
        && endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
        && endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is null
        && endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is null
        && !ctx.Request.Headers.Cookie.Any(header => header?.Contains(signInCookie + "=", StringComparison.Ordinal) == true);
}
