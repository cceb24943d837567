using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Security;

/// <summary>
/// HTTPS in the hall: the app's own authority issues a certificate for the machine that a client trusting only that
/// authority accepts; cookies are Secure on HTTPS only; staff are warned before signing in over plain HTTP from
/// another machine; forwarded headers are believed from the configured proxy only.
/// </summary>
public sealed class HallHttpsTests
{
    private static readonly IPAddress HallPhone = IPAddress.Parse("192.168.1.50");

    [Fact]
    public async Task Staff_sign_in_over_the_hall_s_own_https_is_trusted_through_its_authority_and_sets_secure_cookies_only_there()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        string fingerprint;
        await using (var app = new TestApp(dataDirectory, realServer: true, new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0;https://127.0.0.1:0" }))
        {
            var (http, https) = Addresses(app);
            var authority = HallCertificate.AuthorityCertificate(dataDirectory) ?? throw new InvalidOperationException("No authority certificate was made.");
            fingerprint = HallCertificate.Fingerprint(authority);

            using var client = TrustingOnly(authority);
            var login = await client.GetAsync(new Uri(https, "/account/login"));
            login.EnsureSuccessStatusCode();
            var page = await login.Content.ReadAsStringAsync();
            Assert.DoesNotContain("plain-http-warning", page);
            Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

            var signIn = await client.PostAsync(new Uri(https, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "chutri",
                ["password"] = StartupSeeder.DemoPassword,
                ["returnUrl"] = "/",
                [PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(page, PhoneClient.AntiforgeryField)!,
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var identity = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("Identity", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("; secure", identity, StringComparison.OrdinalIgnoreCase);

            // Plain HTTP, the phones' way in: no Secure flag, or the cookie would never come back.
            using var plain = new HttpClient();
            var phoneLogin = await plain.GetAsync(new Uri(http, "/account/login"));
            Assert.All(phoneLogin.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));

            // Staff devices download the authority from the app itself; the page shows its fingerprint to compare.
            Assert.Equal(authority, await plain.GetByteArrayAsync(new Uri(http, "/chung-chi/" + HallCertificate.AuthorityFile)));
            var certificatePage = await plain.GetStringAsync(new Uri(http, "/chung-chi"));
            Assert.Contains(fingerprint, certificatePage);
            Assert.Contains($"https://127.0.0.1:{https.Port}/account/login", certificatePage);

            // The authority's key and the server's key are the app's account's alone.
            var folder = Path.Combine(dataDirectory, HallCertificate.Folder);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(Storage.OwnerOnly, File.GetUnixFileMode(folder));
                foreach (var file in Directory.GetFiles(folder)) Assert.Equal(Storage.OwnerOnlyFile, File.GetUnixFileMode(file));
            }
        }

        // A restart keeps the authority: devices that installed it stay trusting.
        await using var restarted = new TestApp(dataDirectory, realServer: true, new Dictionary<string, string?> { ["Urls"] = "https://127.0.0.1:0" });
        var (_, again) = Addresses(restarted);
        Assert.Equal(fingerprint, HallCertificate.Fingerprint(HallCertificate.AuthorityCertificate(dataDirectory)!));
        using var trusting = TrustingOnly(HallCertificate.AuthorityCertificate(dataDirectory)!);
        (await trusting.GetAsync(new Uri(again, "/account/login"))).EnsureSuccessStatusCode();
    }

    [Fact]
    public void A_new_address_re_issues_the_server_certificate_from_the_same_authority()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        var now = DateTimeOffset.UtcNow;
        using var first = HallCertificate.ServerCertificate(dataDirectory, [], now);
        using var same = HallCertificate.ServerCertificate(dataDirectory, [], now);
        Assert.Equal(first.Thumbprint, same.Thumbprint);
        Assert.True(first.HasPrivateKey);
        Assert.True(first.NotAfter - first.NotBefore <= TimeSpan.FromDays(398));

        using var withName = HallCertificate.ServerCertificate(dataDirectory, ["doithoai.local", "10.1.2.3"], now);
        Assert.NotEqual(first.Thumbprint, withName.Thumbprint);
        Assert.Equal(first.Issuer, withName.Issuer);
        var names = withName.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("doithoai.local", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Parse("10.1.2.3"), names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());

        // Near its end (browsers refuse more than 398 days) it is re-issued.
        using var renewed = HallCertificate.ServerCertificate(dataDirectory, ["doithoai.local", "10.1.2.3"], now.AddDays(380));
        Assert.NotEqual(withName.Thumbprint, renewed.Thumbprint);
    }

    [Fact]
    public async Task A_staff_sign_in_over_plain_http_from_another_machine_is_warned_but_not_from_the_machine_itself()
    {
        await using var app = new TestApp();
        Assert.Contains("plain-http-warning", await LoginPageFrom(app, HallPhone));
        Assert.Contains("chưa được mã hóa", await LoginPageFrom(app, HallPhone));
        Assert.DoesNotContain("plain-http-warning", await LoginPageFrom(app, IPAddress.Loopback));
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_from_the_configured_proxy_only()
    {
        var proxy = IPAddress.Parse("10.0.0.5");
        var throughProxy = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "192.168.1.50" };
        await using (var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:Proxies:0"] = "10.0.0.5" }))
        {
            var viaProxy = await SendFrom(app, proxy, throughProxy);
            Assert.DoesNotContain("plain-http-warning", await ReadAsync(viaProxy));
            Assert.All(viaProxy.Response.Headers.SetCookie, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
            // The same headers from anyone else are the sender's own claim.
            Assert.Contains("plain-http-warning", await ReadAsync(await SendFrom(app, IPAddress.Parse("192.168.1.77"), throughProxy)));
            // A proxy speaking plain HTTP for a phone from afar: still warned.
            Assert.Contains("plain-http-warning", await ReadAsync(await SendFrom(app, proxy,
                new Dictionary<string, string> { ["X-Forwarded-Proto"] = "http", ["X-Forwarded-For"] = "192.168.1.50" })));
        }
        // No proxy configured: nobody's headers count.
        await using var direct = new TestApp();
        Assert.Contains("plain-http-warning", await ReadAsync(await SendFrom(direct, proxy, throughProxy)));
    }

    [Fact]
    public void Phones_get_the_plain_http_address_when_a_staff_page_was_opened_over_https()
    {
        var options = new DoiThoaiOptions { PlainHttpPort = 5080 };
        Assert.Equal("http://192.168.1.10:5080", QrCodes.PhoneBase("https://192.168.1.10:5443/", options));
        Assert.Equal("http://192.168.1.10:5080", QrCodes.PhoneBase("http://192.168.1.10:5080/", options));
        Assert.Equal("http://doithoai.local:5080", QrCodes.PhoneBase("https://doithoai.local:5443/", options));
        Assert.Equal("https://hoinghi.example.vn", QrCodes.PhoneBase("https://hoinghi.example.vn/", new DoiThoaiOptions()));
        Assert.Equal("http://10.0.0.1:8080", QrCodes.PhoneBase("https://192.168.1.10:5443/", new DoiThoaiOptions { PublicBaseUrl = "http://10.0.0.1:8080/", PlainHttpPort = 5080 }));
    }

    private static (Uri Http, Uri Https) Addresses(TestApp app)
    {
        var addresses = app.AppServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return (addresses.FirstOrDefault(a => a.Scheme == "http")!, addresses.First(a => a.Scheme == "https"));
    }

    /// <summary>A client that trusts the hall's authority and nothing else, and still checks the name.</summary>
    private static HttpClient TrustingOnly(byte[] authorityDer)
    {
        var authority = X509CertificateLoader.LoadCertificate(authorityDer);
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        return new HttpClient(handler);
    }

    private static async Task<string> LoginPageFrom(TestApp app, IPAddress from) => await ReadAsync(await SendFrom(app, from, new Dictionary<string, string>()));

    private static Task<HttpContext> SendFrom(TestApp app, IPAddress from, IDictionary<string, string> headers)
    {
        _ = app.AppServices;
        return app.Server.SendAsync(ctx =>
        {
            ctx.Request.Method = "GET";
            ctx.Request.Path = "/account/login";
            ctx.Connection.RemoteIpAddress = from;
            foreach (var (name, value) in headers) ctx.Request.Headers[name] = value;
        });
    }

    private static async Task<string> ReadAsync(HttpContext ctx) => await new StreamReader(ctx.Response.Body).ReadToEndAsync();
}
