using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DoiThoai.Web.Features.Projector;

/// <summary>
/// The projector is a kiosk: no sign-in, opened by a signed read-only link. The key is a protected payload from Data
/// Protection (its keys live in the data folder, so a link survives a restart) naming the meeting and the meeting's
/// <see cref="DoiThoai.Domain.Meeting.ProjectorLinkVersion"/>: renewing that version from the chair's panel ends every
/// earlier link, and a link expires by itself after <see cref="Lifetime"/>.
/// </summary>
public sealed class ProjectorLinks(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("DoiThoai.ProjectorKiosk.v2").ToTimeLimitedDataProtector();

    public string KeyFor(Guid meetingId, int version) =>
        _protector.Protect($"{meetingId:N}.{version.ToString(CultureInfo.InvariantCulture)}", clock.GetUtcNow() + Lifetime);

    public string PathFor(Guid meetingId, int version) => $"/projector/{meetingId}?key={Uri.EscapeDataString(KeyFor(meetingId, version))}";

    /// <summary>The link version a key carries for this meeting; null when the key is forged, expired or another meeting's.</summary>
    public int? VersionIn(Guid meetingId, string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 1000) return null;
        try
        {
            var payload = _protector.Unprotect(key, out var expires);
            if (expires < clock.GetUtcNow()) return null;
            var dot = payload.IndexOf('.');
            return dot > 0 && payload[..dot] == meetingId.ToString("N")
                && int.TryParse(payload[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public bool IsValid(Guid meetingId, int currentVersion, string? key) => VersionIn(meetingId, key) == currentVersion;
}
