namespace DoiThoai.Web.Features.Security;

/// <summary>
/// Headers every answer carries. The policy allows only the app's own scripts, fonts and connections (the hall may
/// have no internet, and nothing should load from elsewhere anyway); MudBlazor sets inline styles, and QR codes and
/// camera frames are data:/blob: images. Status links carry a person's token, so no Referer leaves the site.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var headers = ctx.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            if (!headers.ContainsKey("X-Frame-Options")) headers.XFrameOptions = "SAMEORIGIN";
            return Task.CompletedTask;
        });
        return next(ctx);
    });
}
