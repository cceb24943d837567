using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace DoiThoai.Web.Features.Security;

/// <summary>
/// A form posted without its antiforgery token (an old tab, a forged post) is answered here with a Vietnamese 400,
/// before any endpoint: letting it through made the error and status pages re-read the refused form and fail with an
/// empty 500. The sign-in form goes back to the sign-in page with a message instead.
/// </summary>
public static class ExpiredForms
{
    public const string Message = "Trang đã mở quá lâu hoặc phiếu không hợp lệ. Vui lòng tải lại trang rồi thử lại.";

    /// <summary>
    /// <see cref="IAntiforgery.IsRequestValidAsync"/> for endpoints that check the token themselves; a body that is not
    /// a readable form (a multipart without its boundary, a cut-off upload) is simply not valid, not an exception.
    /// </summary>
    public static async Task<bool> IsFormValidAsync(this IAntiforgery antiforgery, HttpContext ctx)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(ctx);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A body the framework cannot read as the endpoint's form (no boundary, broken encoding, a token field it cannot
    /// find) is the sender's fault: a Vietnamese 400, logged at debug level, so nobody can fill the log with errors.
    /// Sits just inside the exception handler, which still answers every real fault.
    /// </summary>
    public static IApplicationBuilder UseBadRequestAnswer(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        try
        {
            await next(ctx);
        }
        catch (Exception ex) when (IsSendersFault(ex) && !ctx.Response.HasStarted)
        {
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExpiredForms))
                .LogDebug("Refused an unreadable request to {Path}: {Reason}", ctx.Request.Path, ex.Message);
            if (ctx.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            ctx.Response.Clear();
            ctx.Response.StatusCode = ex is BadHttpRequestException { StatusCode: >= 400 and < 500 } bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(Message);
        }
    });

    private static bool IsSendersFault(Exception ex) =>
        ex is AntiforgeryValidationException or BadHttpRequestException or InvalidDataException
        || ex.InnerException is AntiforgeryValidationException or BadHttpRequestException or InvalidDataException;

    public static IApplicationBuilder UseExpiredFormAnswer(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false })
        {
            await next(ctx);
            return;
        }
        if (ctx.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        if (ctx.Request.Path.StartsWithSegments("/account/login"))
        {
            ctx.Response.Redirect("/account/login?error=expired");
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(Message);
    });
}
