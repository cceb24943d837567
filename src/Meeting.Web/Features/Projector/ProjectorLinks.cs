using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DoiThoai.Web.Features.Projector;

/// <summary>
/// The projector is a kiosk: no sign-in, opened by a signed read-only link. The key is an HMAC-like protected
/// payload from Data Protection, whose keys live in the data folder, so a link printed before a restart still works.
/// </summary>
public sealed class ProjectorLinks(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("DoiThoai.ProjectorKiosk.v1");

    public string KeyFor(Guid meetingId) => _protector.Protect(meetingId.ToString("N"));

    public string PathFor(Guid meetingId) => $"/projector/{meetingId}?key={Uri.EscapeDataString(KeyFor(meetingId))}";

    public bool IsValid(Guid meetingId, string? key)
    {
        if (string.IsNullOrEmpty(key)) return false;
        try
        {
            return _protector.Unprotect(key) == meetingId.ToString("N");
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
