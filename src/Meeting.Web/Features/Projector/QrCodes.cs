using System.Collections.Concurrent;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using QRCoder;

namespace DoiThoai.Web.Features.Projector;

/// <summary>The phone registration address of a meeting and its QR code, as the projector and staff pages show them.</summary>
public sealed record RegisterLink(string Url, string QrSvg);

/// <summary>QR codes as inline SVG (sharp at any size, no image request), and the addresses they encode.</summary>
public static class QrCodes
{
    // A meeting's code never changes, so its SVG is built once; the cap only guards against unbounded growth.
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Dark modules on white with a quiet zone, sized by viewBox so CSS decides how large it is.</summary>
    public static string Svg(string text)
    {
        if (Cache.TryGetValue(text, out var cached)) return cached;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new SvgQRCode(data);
        var svg = code.GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        if (Cache.Count >= MaxCached) Cache.Clear();
        Cache[text] = svg;
        return svg;
    }

    /// <summary>The phone form of a meeting: "{base}/m/{code}".</summary>
    public static string RegisterUrl(string baseUri, string publicCode) => $"{baseUri.TrimEnd('/')}/m/{publicCode}";

    /// <summary>The configured public address (what phones on the hall network reach), else the address this page was opened with.</summary>
    public static string BaseUrl(NavigationManager navigation, DoiThoaiOptions options) => PhoneBase(navigation.BaseUri, options);

    /// <summary>
    /// Where phones should go, from the address a staff page was opened with: the configured public address if any;
    /// a page opened over the hall's own HTTPS gives the plain http address, since citizens' phones do not trust it.
    /// </summary>
    public static string PhoneBase(string pageBase, DoiThoaiOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)) return options.PublicBaseUrl.Trim().TrimEnd('/');
        var page = new Uri(pageBase);
        return page.Scheme == Uri.UriSchemeHttps && options.PlainHttpPort is > 0 and var port
            ? $"http://{page.Authority.Replace($":{page.Port}", "")}:{port}"
            : pageBase.TrimEnd('/');
    }

    /// <summary>For the chair and secretary pages: the register address and its QR code in one call.</summary>
    public static RegisterLink ForMeeting(NavigationManager navigation, IOptions<DoiThoaiOptions> options, string publicCode)
    {
        var url = RegisterUrl(BaseUrl(navigation, options.Value), publicCode);
        return new RegisterLink(url, Svg(url));
    }

    /// <summary>
    /// The address as people type it: "http://" dropped (browsers add it, and try https first only to fall back);
    /// "https://" kept, since a bare name may open as http on an older phone.
    /// </summary>
    public static string ForDisplay(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url["http://".Length..] : url;
}
