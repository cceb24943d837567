using System.Net;
using System.Security.Cryptography;
using DoiThoai.Domain;
using Microsoft.AspNetCore.DataProtection;

namespace DoiThoai.Web.Features.Phone;

/// <summary>
/// A phone's device cookie, issued and signed by the server (Data Protection) when it opens a form. Rate limits count
/// a device by it; a made-up or altered cookie is no device at all and falls into the small per-address bucket for
/// unknown senders, so a script inventing cookies cannot use up what the hall's real phones need.
/// </summary>
public static class PhoneDevices
{
    public const string Cookie = "dt_dev";
    private const string Purpose = "DoiThoai.PhoneDevice.v1";

    /// <summary>The device id of a valid cookie, or null (none, forged, from another installation).</summary>
    public static string? IdOf(HttpContext ctx)
    {
        if (!ctx.Request.Cookies.TryGetValue(Cookie, out var value) || value.Length is 0 or > 512) return null;
        try
        {
            return Protector(ctx).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a request records of its sender, so the desk can set aside everything from one phone at once: a short hash
    /// of the device id ("d…"), or of the address for a sender without a valid cookie ("a…"). Neither can be turned back
    /// into the cookie.
    /// </summary>
    public static string KeyOf(HttpContext ctx) => IdOf(ctx) is { } id
        ? "d" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..20]
        : "a" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Address(ctx.Connection.RemoteIpAddress))))[..20];

    /// <summary>Gives the phone a signed device cookie unless it already holds a valid one.</summary>
    public static void Ensure(HttpContext ctx)
    {
        if (IdOf(ctx) is not null) return;
        ctx.Response.Cookies.Append(Cookie, Protector(ctx).Protect(Tokens.NewSecret()), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(30),
            Secure = ctx.Request.IsHttps,
        });
    }

    /// <summary>The limiter's partition: the device when it is one of ours, else the sender's network address.</summary>
    public static string PartitionOf(HttpContext ctx) =>
        IdOf(ctx) is { } id ? "dev:" + id : "anon:" + Address(ctx.Connection.RemoteIpAddress);

    public static bool IsKnown(HttpContext ctx) => IdOf(ctx) is not null;

    public static string Address(IPAddress? address) => address?.MapToIPv4().ToString() ?? "?";

    private static IDataProtector Protector(HttpContext ctx) =>
        ctx.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
