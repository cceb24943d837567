using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;

namespace DoiThoai.Web.Features.Security;

/// <summary>
/// What a request that broke the server gets: a short Vietnamese page with a lookup code, written directly. Re-running
/// a page for it failed for POSTs (the page refused the form) and the stack trace went out instead — in Development,
/// with the request's cookies, to anyone. The framework's detailed page stays for a developer's own machine only.
/// </summary>
public static class ErrorAnswer
{
    public static void UseErrorAnswer(this WebApplication app)
    {
        var options = new ExceptionHandlerOptions { ExceptionHandler = WriteAsync };
        if (app.Environment.IsDevelopment()) app.UseWhen(ctx => !IsLocal(ctx), branch => branch.UseExceptionHandler(options));
        else app.UseExceptionHandler(options);
    }

    private static bool IsLocal(HttpContext ctx) => ctx.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    private static Task WriteAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var code = HtmlEncoder.Default.Encode(ctx.TraceIdentifier);
        return ctx.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Có lỗi xảy ra — DoiThoai</title><link rel="stylesheet" href="/css/staff.css" /></head>
            <body><main class="plain-main"><h1>Có lỗi xảy ra</h1>
            <p>Hệ thống chưa xử lý được yêu cầu này. Dữ liệu đã lưu không bị ảnh hưởng. Vui lòng quay lại và thử lại.</p>
            <p><a href="/">Về trang chủ</a></p><p class="muted">Mã tra cứu: <code>{code}</code></p></main></body></html>
            """);
    }
}
