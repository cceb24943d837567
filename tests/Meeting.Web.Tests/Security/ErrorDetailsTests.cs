using System.Net;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace DoiThoai.Web.Tests.Security;

/// <summary>
/// A request that breaks the server (here: a body that fails while it is read) gets a short Vietnamese page, never a
/// stack trace or the request's cookies — even when the app runs in Development, unless the request comes from the
/// machine itself.
/// </summary>
public sealed class ErrorDetailsTests
{
    [Theory]
    [InlineData("Production", "192.168.1.50")]
    [InlineData("Production", "127.0.0.1")]
    [InlineData("Development", "192.168.1.50")]
    public async Task A_broken_request_gets_a_plain_Vietnamese_error_without_details(string environment, string from)
    {
        await using var app = new TestApp { Environment = environment };
        var ctx = await BrokenPostAsync(app, IPAddress.Parse(from));
        var body = await new StreamReader(ctx.Response.Body).ReadToEndAsync();
        Assert.Equal(StatusCodes.Status500InternalServerError, ctx.Response.StatusCode);
        Assert.Contains("Có lỗi xảy ra", body);
        Assert.DoesNotContain("bi-mat-cua-toi", body);
        Assert.DoesNotContain("NotSupportedException", body);
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain(app.Log.Since(0), line => line.Contains("bi-mat-cua-toi"));
    }

    [Fact]
    public async Task On_a_developer_s_own_machine_in_Development_the_details_are_shown()
    {
        await using var app = new TestApp { Environment = "Development" };
        var ctx = await BrokenPostAsync(app, IPAddress.Loopback);
        var body = await new StreamReader(ctx.Response.Body).ReadToEndAsync();
        Assert.Equal(StatusCodes.Status500InternalServerError, ctx.Response.StatusCode);
        Assert.Contains("NotSupportedException", body);
    }

    private static Task<HttpContext> BrokenPostAsync(TestApp app, IPAddress from)
    {
        _ = app.AppServices;
        var code = app.DemoMeetingAsync().GetAwaiter().GetResult().PublicCode;
        return app.Server.SendAsync(ctx =>
        {
            ctx.Request.Method = "POST";
            ctx.Request.Path = $"/m/{code}/gui";
            ctx.Request.ContentType = "application/x-www-form-urlencoded";
            ctx.Request.Headers.Cookie = "session=bi-mat-cua-toi";
            ctx.Request.Body = new BrokenStream();
            ctx.Connection.RemoteIpAddress = from;
        });
    }

    /// <summary>A body that breaks in a way nobody foresaw while the form is read.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Hỏng giữa chừng (thử).");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Hỏng giữa chừng (thử).");
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Hỏng giữa chừng (thử).");
    }
}
