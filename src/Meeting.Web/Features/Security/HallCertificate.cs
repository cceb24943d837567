using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DoiThoai.Web.Data;

namespace DoiThoai.Web.Features.Security;

/// <summary>
/// HTTPS for a hall without internet: the app makes its own small certificate authority once (kept in the data folder)
/// and from it a server certificate for this machine's name and addresses. Staff devices install the authority's
/// public certificate once (<see cref="CertificatePage"/>); a new address (another hall's Wi-Fi) only re-issues the
/// server certificate, which they then trust already.
/// </summary>
public static class HallCertificate
{
    public const string Folder = "https";
    /// <summary>The public certificate staff devices install (DER, what Android, iOS and Windows accept).</summary>
    public const string AuthorityFile = "doithoai-ca.crt";
    private const string AuthorityKeyFile = "doithoai-ca.pfx";
    private const string ServerFile = "may-chu.pfx";
    // Browsers refuse server certificates valid for more than 398 days; re-issued a month before.
    private static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397), RenewBefore = TimeSpan.FromDays(30);
    private static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
    private static readonly Lock Gate = new();

    /// <summary>Extra names the certificate must cover (e.g. "doithoai.local"): setting DoiThoai:Https:Names.</summary>
    public const string NamesSetting = "DoiThoai:Https:Names";

    /// <summary>The server certificate for this machine, made or re-issued when missing, expiring or not covering an address.</summary>
    public static X509Certificate2 ServerCertificate(string dataDirectory, IEnumerable<string> extraNames, DateTimeOffset now)
    {
        lock (Gate)
        {
            var dir = Path.Combine(dataDirectory, Folder);
            Storage.OwnerOnlyDirectory(dir);
            using var authority = LoadOrCreateAuthority(dir, now);
            var names = MachineNames().Concat(extraNames.Select(n => n.Trim()).Where(n => n.Length > 0))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var serverPath = Path.Combine(dir, ServerFile);
            if (File.Exists(serverPath))
            {
                var existing = X509CertificateLoader.LoadPkcs12FromFile(serverPath, null, X509KeyStorageFlags.Exportable);
                if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore && existing.Issuer == authority.Subject
                    && names.All(n => Covers(existing, n)))
                    return existing;
                existing.Dispose();
            }
            using var server = Issue(authority, names, now);
            WriteOwnerOnly(serverPath, server.Export(X509ContentType.Pkcs12));
            return X509CertificateLoader.LoadPkcs12FromFile(serverPath, null, X509KeyStorageFlags.Exportable);
        }
    }

    /// <summary>The authority's public certificate (DER), or null before HTTPS first started.</summary>
    public static byte[]? AuthorityCertificate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, Folder, AuthorityFile);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>SHA-256 fingerprint as devices show it (AB:CD:…), so staff can check they installed the right one.</summary>
    public static string Fingerprint(byte[] der) => string.Join(':', SHA256.HashData(der).Select(b => b.ToString("X2")));

    private static X509Certificate2 LoadOrCreateAuthority(string dir, DateTimeOffset now)
    {
        var keyPath = Path.Combine(dir, AuthorityKeyFile);
        if (File.Exists(keyPath)) return X509CertificateLoader.LoadPkcs12FromFile(keyPath, null, X509KeyStorageFlags.Exportable);

        using var key = RSA.Create(3072);
        // ASCII only: some phones show non-ASCII subject names garbled in their certificate lists.
        var request = new CertificateRequest($"CN=DoiThoai CA {Environment.MachineName}, O=DoiThoai", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var authority = request.CreateSelfSigned(now.AddDays(-1), now + AuthorityLifetime);
        WriteOwnerOnly(keyPath, authority.Export(X509ContentType.Pkcs12));
        WriteOwnerOnly(Path.Combine(dir, AuthorityFile), authority.Export(X509ContentType.Cert));
        return X509CertificateLoader.LoadPkcs12FromFile(keyPath, null, X509KeyStorageFlags.Exportable);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, IReadOnlyList<string> names, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Environment.MachineName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) alternativeNames.AddIpAddress(ip);
            else alternativeNames.AddDnsName(name);
        }
        request.CertificateExtensions.Add(alternativeNames.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now + ServerLifetime;
        if (notAfter > authority.NotAfter) notAfter = authority.NotAfter;
        using var issued = request.Create(authority, now.AddDays(-1), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static bool Covers(X509Certificate2 certificate, string name) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Any(san =>
            IPAddress.TryParse(name, out var ip)
                ? san.EnumerateIPAddresses().Contains(ip)
                : san.EnumerateDnsNames().Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>This machine as staff devices reach it: its host name, localhost and every up interface's address.</summary>
    public static IEnumerable<string> MachineNames()
    {
        yield return "localhost";
        yield return Dns.GetHostName();
        yield return IPAddress.Loopback.ToString();
        yield return IPAddress.IPv6Loopback.ToString();
        foreach (var address in LanAddresses()) yield return address;
    }

    /// <summary>IPv4 addresses of the machine's network interfaces other than loopback: what phones in the hall can reach.</summary>
    public static IEnumerable<string> LanAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => a.Address.ToString());

    private static void WriteOwnerOnly(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Storage.OwnerOnlyFile;
        using (var file = new FileStream(temporary, options)) file.Write(bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
