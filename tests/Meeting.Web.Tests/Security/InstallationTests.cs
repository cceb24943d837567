using DoiThoai.LoadTool;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Security;

/// <summary>What a real installation sends and where it reads from, whatever folder it is started in.</summary>
public sealed class InstallationTests
{
    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var staff = await app.SignedInClientAsync("chutri");

        foreach (var (client, path) in new[] { (app.CreateClient(), "/"), (app.CreateClient(), $"/m/{meeting.PublicCode}"),
                     (app.CreateClient(), "/account/login"), (staff, $"/chair/{meeting.Id}") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Started_from_another_folder_it_reads_its_own_settings_and_serves_its_files()
    {
        var elsewhere = Directory.CreateTempSubdirectory("doithoai-cwd-").FullName;
        var dataDirectory = TestApp.NewDataDirectory();
        var port = ServerProcess.FreeLoopbackPort();
        await using var server = await ServerProcess.StartAsync(Targets.AppDll(new LoadOptions()),
            ["--urls", $"http://127.0.0.1:{port}", $"--DoiThoai:DataDirectory={dataDirectory}", "--DoiThoai:Demo=true"],
            port, "/account/login", Path.Combine(dataDirectory, "server.log"), TimeSpan.FromSeconds(90), workingDirectory: elsewhere);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var css = await http.GetStringAsync("/css/staff.css");
        var login = await http.GetStringAsync("/account/login");

        Assert.True(css.Length > 100, $"staff.css served {css.Length} characters");
        Assert.Contains("Đăng nhập", login);
        // appsettings.json was read: its logging levels keep EF Core's SQL out of the log.
        Assert.DoesNotContain("Executed DbCommand", await File.ReadAllTextAsync(Path.Combine(dataDirectory, "server.log")));
    }
}

/// <summary>People's data on disk is for the app's own account: the folder, the database, uploaded answers.</summary>
public sealed class OwnerOnlyFilesTests
{
    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_database_and_uploaded_files_are_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes only.");
        var folder = TestApp.NewDataDirectory();
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        await using var app = new TestApp(folder);
        _ = app.AppServices;

        await using (var upload = new MemoryStream("%PDF-1.4 công văn trả lời"u8.ToArray()))
        {
            var (relative, error) = await DoiThoai.Web.Features.FollowUp.FollowUpFiles.SaveAsync(folder, "tra-loi.pdf", upload, CancellationToken.None);
            Assert.Null(error);
            Assert.Equal(DoiThoai.Web.Data.Storage.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(folder, relative!)));
            Assert.Equal(DoiThoai.Web.Data.Storage.OwnerOnly, File.GetUnixFileMode(Path.GetDirectoryName(Path.Combine(folder, relative!))!));
        }
        Assert.Equal(DoiThoai.Web.Data.Storage.OwnerOnly, File.GetUnixFileMode(folder));
        Assert.Equal(DoiThoai.Web.Data.Storage.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(folder, "doithoai.db")));
    }
}

/// <summary>A projector link can be taken back from the chair's panel, and ends by itself after a month.</summary>
public sealed class ProjectorLinkTests
{
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Ahead;
    }

    [Fact]
    public async Task Renewing_the_link_ends_every_earlier_one()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var links = app.AppServices.GetRequiredService<DoiThoai.Web.Features.Projector.ProjectorLinks>();
        var old = links.PathFor(meeting.Id, meeting.ProjectorLinkVersion);
        using var kiosk = app.CreateClient();
        Assert.DoesNotContain("không hợp lệ", await kiosk.GetStringAsync(old));

        await app.MustAsync(meeting.Id, Hall.Chair, DoiThoai.Web.Live.StaffRoles.ProjectorControl, (m, now) => m.RenewProjectorLink(now));
        var renewed = await app.LoadAsync(meeting.Id);

        Assert.Contains("Liên kết màn chiếu không hợp lệ", await kiosk.GetStringAsync(old));
        var fresh = await kiosk.GetStringAsync(links.PathFor(meeting.Id, renewed.ProjectorLinkVersion));
        Assert.DoesNotContain("không hợp lệ", fresh);
        Assert.Contains(meeting.Title, fresh);
    }

    [Fact]
    public void A_link_expires_after_its_lifetime_and_names_only_its_meeting()
    {
        var clock = new MovableClock();
        var links = new DoiThoai.Web.Features.Projector.ProjectorLinks(
            new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), clock);
        var meetingId = Guid.NewGuid();
        var key = links.KeyFor(meetingId, 3);

        Assert.Equal(3, links.VersionIn(meetingId, key));
        Assert.Null(links.VersionIn(Guid.NewGuid(), key));
        Assert.Null(links.VersionIn(meetingId, key + "x"));
        clock.Ahead = DoiThoai.Web.Features.Projector.ProjectorLinks.Lifetime + TimeSpan.FromMinutes(1);
        Assert.Null(links.VersionIn(meetingId, key));
    }
}
