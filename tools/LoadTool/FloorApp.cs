using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DoiThoai.LoadTool;

/// <summary>
/// The floor: the least an ASP.NET Core app can do for the same traffic. The same URLs and hub methods as DoiThoai
/// (GET /m/{code} with a device cookie and an antiforgery token, POST /m/{code}/gui → 302 /s/{token}, GET /s/{token},
/// hub Follow / FollowLine / FollowStaff, MeetingChanged {Sequence, Kind, Text, At}), but the submission is only
/// numbered in memory and broadcast to the meeting's staff group (with the text), its public group and the line's group
/// (without): no database, no page rendering, no domain rules. Run as `LoadTool floor --urls http://127.0.0.1:PORT --meetings N`.
/// </summary>
public static class FloorApp
{
    public const string HubPath = "/hubs/meeting";

    public static async Task<int> RunAsync(string urls, int meetings)
    {
        if (!urls.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            throw new ArgumentException("The floor listens on loopback only (http://127.0.0.1:PORT).");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton(new FloorState(meetings));
        var app = builder.Build();
        Map(app);
        await app.RunAsync();
        return 0;
    }

    private static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/ready", () => Results.Text("ok"));
        app.MapGet("/meetings", (FloorState state) => Results.Json(state.Meetings.Values.Select(m => new { m.Id, m.Code })));
        app.MapGet("/m/{code}", (string code, HttpContext ctx, FloorState state, IAntiforgery antiforgery) =>
        {
            if (!state.Meetings.TryGetValue(code.ToUpperInvariant(), out _)) return Results.NotFound();
            if (!ctx.Request.Cookies.ContainsKey("dt_dev"))
                ctx.Response.Cookies.Append("dt_dev", Guid.NewGuid().ToString("N"), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
            var tokens = antiforgery.GetAndStoreTokens(ctx);
            return Results.Content(
                $"<!doctype html><form method=post action=\"/m/{code}/gui\"><input type=hidden name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">"
                + $"<input type=hidden name=\"key\" value=\"{Guid.NewGuid():N}\"><input name=name><textarea name=content></textarea><button>Gửi</button></form>",
                "text/html; charset=utf-8");
        });
        app.MapPost("/m/{code}/gui", async (string code, HttpContext ctx, FloorState state, IAntiforgery antiforgery,
            IHubContext<FloorHub> hub) =>
        {
            if (!state.Meetings.TryGetValue(code.ToUpperInvariant(), out var meeting)) return Results.NotFound();
            if (!await antiforgery.IsRequestValidAsync(ctx)) return Results.BadRequest();
            var form = await ctx.Request.ReadFormAsync();
            var key = form["key"].ToString();
            var name = form["name"].ToString();
            var (number, token, sequence, fresh) = meeting.Submit(key);
            if (fresh)
            {
                var at = DateTimeOffset.UtcNow;
                await hub.Clients.Group(FloorHub.StaffGroup(meeting.Id)).SendAsync("MeetingChanged",
                    new { Sequence = sequence, Kind = "RequestSubmitted", Text = $"{at:HH:mm} — Phiếu số {number}: {name} đăng ký phát biểu.", At = at });
                await hub.Clients.Group(FloorHub.PublicGroup(meeting.Id)).SendAsync("MeetingChanged",
                    new { Sequence = sequence, Kind = "RequestSubmitted", Text = (string?)null, At = at });
                await hub.Clients.Group(FloorHub.LineGroup(meeting.Id, number)).SendAsync("MeetingChanged",
                    new { Sequence = sequence, Kind = "RequestSubmitted", Text = (string?)null, At = at, Changed = new[] { number } });
            }
            return Results.Redirect($"/s/{token}?n={number}");
        }).DisableAntiforgery();
        app.MapGet("/s/{token}", (string token, int n) =>
            Results.Content($"<!doctype html><h1>Đã nhận</h1><p id=\"status-root\" data-number=\"{n}\">{WebUtility.HtmlEncode(token)}</p>", "text/html; charset=utf-8"));
        app.MapHub<FloorHub>(HubPath);
    }
}

public sealed class FloorState
{
    public FloorState(int meetings)
    {
        for (var i = 0; i < Math.Max(1, meetings); i++)
        {
            var meeting = new FloorMeeting(Guid.NewGuid(), $"SAN{i:D3}");
            Meetings[meeting.Code] = meeting;
        }
    }

    public ConcurrentDictionary<string, FloorMeeting> Meetings { get; } = new();
    public FloorMeeting? ById(Guid id) => Meetings.Values.FirstOrDefault(m => m.Id == id);
}

public sealed class FloorMeeting(Guid id, string code)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (int Number, string Token)> _byKey = new();
    private int _number;

    public Guid Id { get; } = id;
    public string Code { get; } = code;
    public long Sequence { get; private set; }

    /// <summary>Numbers a submission once per idempotency key, as the app does.</summary>
    public (int Number, string Token, long Sequence, bool Fresh) Submit(string key)
    {
        lock (_gate)
        {
            if (key.Length > 0 && _byKey.TryGetValue(key, out var same)) return (same.Number, same.Token, Sequence, false);
            var entry = (++_number, Guid.NewGuid().ToString("N"));
            if (key.Length > 0) _byKey[key] = entry;
            return (entry.Item1, entry.Item2, ++Sequence, true);
        }
    }
}

public sealed class FloorHub(FloorState state) : Hub
{
    public static string PublicGroup(Guid id) => $"public:{id}";
    public static string StaffGroup(Guid id) => $"staff:{id}";
    public static string LineGroup(Guid id, int number) => $"line:{id}:{number}";

    public async Task<object> Follow(string publicCode, long afterSequence)
    {
        var meeting = state.Meetings.GetValueOrDefault((publicCode ?? "").ToUpperInvariant()) ?? throw new HubException("Không tìm thấy hội nghị.");
        await Groups.AddToGroupAsync(Context.ConnectionId, PublicGroup(meeting.Id));
        return new { MeetingId = meeting.Id, LastSequence = meeting.Sequence, Reload = false, Missed = Array.Empty<object>() };
    }

    public async Task<object> FollowLine(string publicCode, int number, long afterSequence)
    {
        var meeting = state.Meetings.GetValueOrDefault((publicCode ?? "").ToUpperInvariant()) ?? throw new HubException("Không tìm thấy hội nghị.");
        await Groups.AddToGroupAsync(Context.ConnectionId, LineGroup(meeting.Id, number));
        return new { MeetingId = meeting.Id, LastSequence = meeting.Sequence, Reload = false, Missed = Array.Empty<object>() };
    }

    public async Task<object> FollowStaff(Guid meetingId, long afterSequence)
    {
        var meeting = state.ById(meetingId) ?? throw new HubException("Không tìm thấy hội nghị.");
        await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup(meeting.Id));
        return new { MeetingId = meeting.Id, LastSequence = meeting.Sequence, Reload = false, Missed = Array.Empty<object>() };
    }
}
