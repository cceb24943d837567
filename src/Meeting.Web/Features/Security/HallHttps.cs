using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DoiThoai.Web.Features.Security;

/// <summary>
/// HTTPS on the hall's LAN, and the app behind a proxy. Staff pages carry passwords and sign-in cookies, so they belong
/// on HTTPS; phones may stay on plain HTTP for the form (a citizen's phone will not trust a local certificate).
/// </summary>
public static class HallHttps
{
    /// <summary>Addresses (or networks, "10.0.0.0/8") of reverse proxies whose X-Forwarded-For/-Proto are believed.</summary>
    public const string ProxiesSetting = "DoiThoai:Proxies";
    /// <summary>An administrator's own certificate, in Kestrel's standard place; when set, the app makes none.</summary>
    private const string ProvidedCertificateSection = "Kestrel:Certificates:Default";

    public static void AddHallHttps(this WebApplicationBuilder builder, string dataDirectory)
    {
        var configuration = builder.Configuration;
        // Runs only when an https:// address is bound (not under the tests' in-memory server).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            if (configuration.GetSection(ProvidedCertificateSection).Exists()) return;
            var names = configuration.GetSection(HallCertificate.NamesSetting).Get<string[]>() ?? [];
            https.ServerCertificate = HallCertificate.ServerCertificate(dataDirectory, names, DateTimeOffset.UtcNow);
        }));

        builder.Services.PostConfigure<DoiThoai.Web.Data.DoiThoaiOptions>(o => o.PlainHttpPort ??= PlainHttpPort(configuration["urls"]));

        // Secure cookies on HTTPS; plain HTTP (phones) keeps working.
        builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var proxies = configuration.GetSection(ProxiesSetting).Get<string[]>() ?? [];
        if (proxies.Length == 0) return;
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network)) o.KnownIPNetworks.Add(network);
                else if (IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
                else throw new InvalidOperationException($"Cấu hình {ProxiesSetting}: \"{proxy}\" không phải địa chỉ IP hay dải mạng (ví dụ 10.0.0.5 hoặc 10.0.0.0/24).");
            }
        });
    }

    private static int? PlainHttpPort(string? urls) =>
        Listening((urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Uri.UriSchemeHttp)?.Port;

    /// <summary>The first address of that scheme among bound addresses ("http://0.0.0.0:5080", "https://+:5443").</summary>
    private static Uri? Listening(IEnumerable<string> addresses, string scheme) =>
        addresses.Select(a => Uri.TryCreate(a.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost").Replace("+", "localhost").Replace("*", "localhost"), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u?.Scheme == scheme && u.Port > 0);

    /// <summary>Honours forwarded headers from the configured proxies only (first in the pipeline: limits and links use the real client).</summary>
    public static void UseHallProxies(this WebApplication app)
    {
        if ((app.Configuration.GetSection(ProxiesSetting).Get<string[]>() ?? []).Length > 0) app.UseForwardedHeaders();
    }

    /// <summary>The authority's public certificate, for staff devices to install (see /chung-chi).</summary>
    public static void MapHallCertificate(this WebApplication app) =>
        app.MapGet("/chung-chi/" + HallCertificate.AuthorityFile, (IConfiguration configuration) =>
            HallCertificate.AuthorityCertificate(DoiThoai.Web.Data.Storage.ResolveDataDirectory(configuration)) is { } der
                ? Results.File(der, "application/x-x509-ca-cert", HallCertificate.AuthorityFile)
                : Results.NotFound());

    /// <summary>A staff password about to cross the network in clear: plain HTTP from another machine.</summary>
    public static bool IsPlainFromAfar(HttpContext ctx) =>
        !ctx.Request.IsHttps && ctx.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote);

    /// <summary>The same page on this server's HTTPS address, when it listens on one.</summary>
    public static string? SecureAddress(HttpContext ctx, string pathAndQuery)
    {
        var addresses = ctx.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var https = Listening(addresses, Uri.UriSchemeHttps);
        return https is null ? null : new UriBuilder(Uri.UriSchemeHttps, ctx.Request.Host.Host, https.Port).Uri.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }
}
