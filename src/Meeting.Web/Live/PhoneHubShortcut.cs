using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

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
    /// <summary>Place right after the forwarded headers (limits and logs still see the phone's address).</summary>
    public static IApplicationBuilder UsePhoneHubShortcut(this IApplicationBuilder app, string signInCookie) =>
        app.Use((ctx, next) => IsAnonymousHubRequest(ctx, signInCookie) ? ctx.GetEndpoint()!.RequestDelegate!(ctx) : next(ctx));

    public static bool IsAnonymousHubRequest(HttpContext ctx, string signInCookie) =>
        ctx.GetEndpoint() is { RequestDelegate: not null } endpoint
        && endpoint.Metadata.GetMetadata<HubMetadata>()?.HubType == typeof(MeetingHub)
        && endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
        && !ctx.Request.Headers.Cookie.Any(header => header?.Contains(signInCookie + "=", StringComparison.Ordinal) == true);
}
