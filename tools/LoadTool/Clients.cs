using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.LoadTool;

/// <summary>Errors of a run, counted by kind, with the first message of each kind kept.</summary>
public sealed class ErrorLog
{
    private readonly ConcurrentDictionary<string, (int Count, string Sample)> _byKind = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public void Add(string kind, string sample)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(kind, _ => (1, sample), (_, v) => (v.Count + 1, v.Sample));
    }

    public Dictionary<string, string> Summary() =>
        _byKind.OrderByDescending(e => e.Value.Count).ToDictionary(e => e.Key, e => $"{e.Value.Count}× {e.Value.Sample}");
}

public sealed class StatusCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    public void Add(string what, HttpStatusCode status) => _counts.AddOrUpdate($"{what} {(int)status}", 1, (_, n) => n + 1);
    public SortedDictionary<string, int> Snapshot() => new(_counts);
}

/// <summary>What the tool (and the tests' phone client) read from the app's pages.</summary>
public static partial class Html
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The value of a hidden input, whatever the attribute order.</summary>
    public static string? Hidden(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains($"name=\"{name}\"", StringComparison.Ordinal)) continue;
            var value = ValueAttribute().Match(tag);
            return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
        }
        return null;
    }

    /// <summary>The request number a status page shows in its data-number attribute.</summary>
    public static int? DataNumber(string html) =>
        DataNumberAttribute().Match(html) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) ? n : null;

    [GeneratedRegex("\\bdata-number=\"(\\d+)\"")]
    private static partial Regex DataNumberAttribute();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    public static string? Property(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind switch { JsonValueKind.String => p.Value.GetString(), JsonValueKind.Null => null, _ => p.Value.GetRawText() };
        return null;
    }

    public static long Sequence(JsonElement e) => long.TryParse(Property(e, "sequence"), out var s) ? s : 0;
}

internal static class HubClient
{
    public static HubConnection Connect(Uri baseAddress, CookieContainer? cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/meeting"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                if (cookies is not null) o.Cookies = cookies;
            })
            .Build();
}

/// <summary>One staff seat: signed in with its own cookies, following its meeting's staff feed over the hub.</summary>
internal sealed class Seat(int meeting, string account, int markers)
{
    public int Meeting { get; } = meeting;
    public string Account { get; } = account;
    /// <summary>Which node it opens on (round-robin, with --nodes).</summary>
    public int Node { get; init; }
    /// <summary>Stopwatch time each marker was first seen (0: not yet), and the journal sequence it came with.</summary>
    public long[] Seen { get; } = new long[markers];
    public long[] SequenceOf { get; } = new long[markers];
    public int Messages => Volatile.Read(ref _messages);
    public int DuplicateDeliveries => Volatile.Read(ref _duplicates);
    private int _messages, _duplicates;
    private HubConnection? _hub;
    private volatile bool _stopping;

    public async Task ConnectAsync(Target target, ErrorLog errors, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var address = target.AddressFor(Node);
        if (target.SignIn) await SignInAsync(address, cookies, ct);
        _hub = HubClient.Connect(address, cookies);
        _hub.On<JsonElement>("MeetingChanged", OnChange);
        _hub.Closed += ex =>
        {
            if (!_stopping) errors.Add("staff hub closed", ex?.Message ?? "closed by the server");
            return Task.CompletedTask;
        };
        await _hub.StartAsync(ct);
        // Meeting -1: the warm-up meeting (its markers lie beyond Seen and are not counted).
        var meeting = Meeting < 0 ? target.WarmupMeeting : target.Meetings[Meeting];
        await _hub.InvokeAsync<JsonElement>("FollowStaff", meeting.Id, 0L, ct);
    }

    private void OnChange(JsonElement change)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _messages);
        if (Markers.Parse(Html.Property(change, "text")) is not { } k || k < 0 || k >= Seen.Length) return;
        if (Interlocked.CompareExchange(ref Seen[k], now, 0) != 0) Interlocked.Increment(ref _duplicates);
        else Volatile.Write(ref SequenceOf[k], Html.Sequence(change));
    }

    private async Task SignInAsync(Uri baseAddress, CookieContainer cookies, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var form = await http.GetStringAsync("/account/login", ct);
        var token = Html.Hidden(form, Html.AntiforgeryField) ?? throw new InvalidOperationException("The login form has no antiforgery token.");
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = Account,
            ["password"] = StartupSeeder.DemoPassword,
            ["returnUrl"] = "/",
            [Html.AntiforgeryField] = token,
        }), ct);
        var landing = response.Headers.Location?.OriginalString ?? $"(status {(int)response.StatusCode})";
        if (landing.Contains("/account/login", StringComparison.Ordinal) || (int)response.StatusCode is < 300 or >= 400)
            throw new InvalidOperationException($"Signing in as {Account} failed (sent to {landing}).");
    }

    public async Task StopAsync()
    {
        _stopping = true;
        if (_hub is not null) await _hub.DisposeAsync();
    }
}

/// <summary>
/// One delegate's phone: its own cookies (device, antiforgery) and connections; opens the form and its hub connection,
/// and when its turn comes posts the form, follows the redirect to its status page and, as that page's script does,
/// follows its own line over the hub.
/// </summary>
internal sealed class Phone(int index, int meeting, Uri baseAddress)
{
    public int Index { get; } = index;
    public int Meeting { get; } = meeting;
    public long SentAt { get; private set; }
    public long AnsweredAt { get; private set; }
    public bool Accepted { get; private set; }
    /// <summary>When the status page followed its own line (0 if it never did).</summary>
    public long FollowingAt { get; private set; }
    public int Messages => Volatile.Read(ref _messages);
    private int _messages;
    private readonly CookieContainer _cookies = new();
    private HttpClient? _http;
    private HubConnection? _hub;
    private string? _antiforgery, _key;
    private volatile bool _stopping;

    public async Task OpenFormAsync(string code, StatusCounts statuses, ErrorLog errors, CancellationToken ct)
    {
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            using var response = await _http.GetAsync($"/m/{code}", ct);
            statuses.Add("GET /m/{code}", response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(ct);
            _antiforgery = Html.Hidden(html, Html.AntiforgeryField);
            _key = Html.Hidden(html, "key");
            if (response.StatusCode != HttpStatusCode.OK || _antiforgery is null || _key is null)
                errors.Add("form", $"GET /m/{code} answered {(int)response.StatusCode} without a usable form");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            errors.Add("form", ex.Message);
        }
    }

    /// <summary>The hub connection, before the burst (its memory is measured); it follows nothing until the phone has a line.</summary>
    public async Task ConnectAsync(ErrorLog errors, CancellationToken ct)
    {
        _hub = HubClient.Connect(baseAddress, _cookies);
        _hub.On<JsonElement>("MeetingChanged", change =>
        {
            Interlocked.Increment(ref _messages);
        });
        _hub.Closed += ex =>
        {
            if (!_stopping) errors.Add("phone hub closed", ex?.Message ?? "closed by the server");
            return Task.CompletedTask;
        };
        try
        {
            await _hub.StartAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            errors.Add("phone hub connect", ex.Message);
        }
    }

    public async Task SubmitAsync(string code, StatusCounts statuses, ErrorLog errors, CancellationToken ct)
    {
        if (_http is null || _antiforgery is null || _key is null) return;  // its form failed: counted already
        var fields = new Dictionary<string, string>
        {
            ["name"] = Markers.Name(Index),
            ["place"] = "Xóm 1",
            ["field"] = "Economy",
            ["content"] = $"Ý kiến thử tải số {Index}: đề nghị xã sửa đèn chiếu sáng đường trục xóm.",
            ["mode"] = "speak",
            ["phone"] = "",
            ["invitation"] = "",
            ["key"] = _key,
            [Html.AntiforgeryField] = _antiforgery,
        };
        try
        {
            SentAt = Stopwatch.GetTimestamp();
            using var response = await _http.PostAsync($"/m/{code}/gui", new FormUrlEncodedContent(fields), ct);
            AnsweredAt = Stopwatch.GetTimestamp();
            statuses.Add("POST /m/{code}/gui", response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return;  // refused by a limit: counted, not an error
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode != HttpStatusCode.Redirect || location is null || !location.Contains("/s/", StringComparison.Ordinal))
            {
                errors.Add("submit", $"POST answered {(int)response.StatusCode} {location}");
                return;
            }
            Accepted = true;
            using var status = await _http.GetAsync(location, ct);
            statuses.Add("GET /s/{token}", status.StatusCode);
            if (status.StatusCode != HttpStatusCode.OK)
            {
                errors.Add("status page", $"GET {location} answered {(int)status.StatusCode}");
                return;
            }
            if (_hub is null) return;  // a warm-up phone: no hub connection
            // As the status page's script does: follow its own line, from then on told only when that line changes.
            var number = Html.DataNumber(await status.Content.ReadAsStringAsync(ct));
            if (number is null)
            {
                errors.Add("status page", $"GET {location} has no data-number");
                return;
            }
            await _hub.InvokeAsync<JsonElement>("FollowLine", code, number.Value, 0L, ct);
            FollowingAt = Stopwatch.GetTimestamp();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (AnsweredAt == 0) AnsweredAt = Stopwatch.GetTimestamp();
            errors.Add("submit", ex.Message);
        }
    }

    public async Task StopAsync()
    {
        _stopping = true;
        if (_hub is not null) await _hub.DisposeAsync();
        _http?.Dispose();
    }
}
