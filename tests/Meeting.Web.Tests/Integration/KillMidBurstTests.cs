using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DoiThoai.LoadTool;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// The server process killed with SIGKILL while phones are registering: every request a phone was told "đã nhận"
/// (its status link) is in the database after the restart, once. Requests answered after their batch's commit only.
/// </summary>
public sealed class KillMidBurstTests
{
    private const int Phones = 160;

    [Fact]
    public async Task Every_acknowledged_request_survives_a_kill_dash_nine_in_the_middle_of_a_burst_exactly_once()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        string code;
        await using (var seed = new TestApp(dataDirectory))
            code = (await seed.DemoMeetingAsync()).PublicCode;

        var port = ServerProcess.FreeLoopbackPort();
        var server = await ServerProcess.StartAsync(Targets.AppDll(new LoadOptions()),
        [
            "--urls", $"http://127.0.0.1:{port}", $"--DoiThoai:DataDirectory={dataDirectory}", "--DoiThoai:Demo=true",
            "--DoiThoai:PhoneLimits:PerDevicePerMinute=1000", "--DoiThoai:PhoneLimits:PerMeetingPerMinute=100000", "--DoiThoai:PhoneLimits:PerAddressPerMinute=100000",
        ], port, "/account/login", Path.Combine(dataDirectory, "server.log"), TimeSpan.FromSeconds(90));

        var acknowledged = new ConcurrentDictionary<string, string>();
        var killAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var phones = Enumerable.Range(1, Phones).Select(async i =>
        {
            await Task.Delay(i * 15);
            try
            {
                using var phone = new RealPhone(server.BaseAddress);
                var token = await phone.SubmitAsync(code, $"Người dân {i:000}");
                if (token is null) return;
                acknowledged[token] = $"Người dân {i:000}";
                if (acknowledged.Count >= 40) killAfter.TrySetResult();
            }
            catch (Exception ex) when (RealPhone.NotAnswered(ex))
            {
                // Not acknowledged: the server died before answering. The phone would send again.
            }
        }).ToList();

        await killAfter.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var killedAt = acknowledged.Count;
        await server.DisposeAsync(); // SIGKILL to the whole process tree, mid-burst
        await Task.WhenAll(phones);
        Assert.True(acknowledged.Count < Phones, "The kill came after the burst: nothing was tested.");
        Assert.True(acknowledged.Count >= killedAt);

        await using var restarted = new TestApp(dataDirectory);
        await using var db = await restarted.OpenDbAsync();
        var stored = await db.SpeakRequests.AsNoTracking().Where(r => r.Name.StartsWith("Người dân "))
            .Select(r => new { r.StatusToken, r.Name }).ToListAsync();
        foreach (var (token, name) in acknowledged)
            Assert.Single(stored, r => r.StatusToken == token && r.Name == name);
        // No duplicates either: one request per phone at most.
        Assert.Equal(stored.Count, stored.Select(r => r.Name).Distinct().Count());
        // The journal has no gap after recovery.
        var meeting = await restarted.DemoMeetingAsync();
        var sequences = await db.Journal.AsNoTracking().Where(e => e.MeetingId == meeting.Id).Select(e => e.Sequence).OrderBy(s => s).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(s => (long)s), sequences);
        Assert.Equal(meeting.LastSequence, sequences[^1]);
    }

    /// <summary>A phone over real HTTP: its own cookies, the form, then the post; the status token when acknowledged.</summary>
    internal sealed class RealPhone(Uri baseAddress) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(20),
        };

        public async Task<string?> SubmitAsync(string code, string name)
        {
            var form = await _http.GetStringAsync($"/m/{code}");
            var fields = PhoneClient.Typed(name, "Đề nghị xã sửa đường liên xóm.", "Xóm 3");
            fields["key"] = PhoneClient.HiddenValue(form, "key")!;
            fields[PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(form, PhoneClient.AntiforgeryField)!;
            using var response = await _http.PostAsync($"/m/{code}/gui", new FormUrlEncodedContent(fields));
            return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
                && location.StartsWith("/s/", StringComparison.Ordinal)
                ? location["/s/".Length..]
                : null;
        }

        /// <summary>
        /// The server died before it answered. A connection cut while it opens can surface as a bare
        /// <see cref="SocketException"/> (reading the remote end point of a socket the peer already reset).
        /// </summary>
        public static bool NotAnswered(Exception ex) =>
            ex is HttpRequestException or TaskCanceledException or IOException or SocketException;

        public void Dispose() => _http.Dispose();
    }
}
