using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DoiThoai.Web.Features.Minutes;

/// <summary>What the minutes editor's script reads and saves. JSON only, so a cross-site form cannot post here.</summary>
public static class MinutesEndpoints
{
    public sealed record PartDto(string Key, string Heading, string Text, string Generated, bool Edited, string? Additions,
        int Version, bool SecretaryWrites);

    /// <summary>FloorKind (Speaker, Department, Chair) tells the editor whether to put the cursor in the opinion or the answer box.</summary>
    public sealed record MinutesDto(Guid MeetingId, long Sequence, string Status, int? FloorOpinionNumber, string FloorKind, IReadOnlyList<PartDto> Parts);

    public sealed record SaveRequest(string? Text, int BaseVersion, string? GeneratedBase);

    /// <param name="Id">Chosen by the editor once per note, so a retry after a lost reply does not post it twice.</param>
    public sealed record NoteRequest(string? Text, Guid? Id = null);

    public static IEndpointRouteBuilder MapMinutesEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/minutes/{meetingId:guid}")
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.SecretarySeat });

        api.MapGet("", async (Guid meetingId, MinutesStore store, CancellationToken ct) =>
            await store.LoadAsync(meetingId, ct) is { } snapshot ? Results.Ok(ToDto(snapshot)) : NotFound());

        api.MapPut("/{key}", async (Guid meetingId, string key, SaveRequest body, HttpContext http, MinutesStore store,
            IHubContext<MeetingHub, IMeetingClient> hub, CancellationToken ct) =>
        {
            var editor = http.User.Identity?.Name ?? "?";
            var result = await store.SaveAsync(meetingId, key, body.Text, body.BaseVersion, body.GeneratedBase, editor, ct);
            if (result is MinutesSaveResult.Saved saved) await TellOtherEditorsAsync(hub, meetingId, key, saved.Version, editor);
            return result switch
            {
                MinutesSaveResult.Saved s => Results.Ok(new { s.Version, s.EditedAt }),
                MinutesSaveResult.Conflict c => Results.Conflict(new
                {
                    c.TheirText, c.TheirVersion, c.EditedBy, c.EditedAt,
                    Message = $"{c.EditedBy} đã sửa phần này lúc {Clock.ToHallTime(c.EditedAt):HH:mm:ss}. Hãy chọn giữ bản nào.",
                }),
                MinutesSaveResult.Refused r => Results.BadRequest(new { r.Message }),
                _ => Results.BadRequest(),
            };
        });
        // "Ghi chú cho chủ trì" beside an opinion's box: a staff note on that opinion, shown on the chair's tablet.
        api.MapPost("/{key}/note", async (Guid meetingId, string key, NoteRequest body, HttpContext http, MeetingCommands commands) =>
        {
            if (OpinionNumber(key) is not { } number)
                return Results.BadRequest(new { Message = "Ghi chú cho chủ trì chỉ gắn với một ý kiến." });
            var author = http.User.Identity?.Name ?? "Thư ký";
            var result = await commands.RunAsync(meetingId, http.User, StaffRoles.SecretarySeat, (m, now) =>
            {
                var opinion = m.Opinions.FirstOrDefault(o => o.Number == number)
                    ?? throw new MeetingRuleException($"Không có ý kiến số {number}.");
                return m.AddStaffNote(opinion.Id, $"Thư ký ({author})", body.Text ?? "", now, body.Id);
            });
            return result.Ok ? Results.Ok(new { result.Value!.Text, result.Value.At }) : Results.BadRequest(new { Message = result.Error });
        });
        return app;
    }

    /// <summary>
    /// Other editors open on this meeting fetch the section again; one with nothing unsaved in that box shows the new
    /// text at once, one typing there keeps their text and meets the usual conflict on save. The save stands even if
    /// the message cannot be sent (they also refresh on the next change or poll).
    /// </summary>
    private static async Task TellOtherEditorsAsync(IHubContext<MeetingHub, IMeetingClient> hub, Guid meetingId, string key, int version,
        string editedBy)
    {
        try
        {
            await hub.Clients.Group(MeetingHub.StaffGroup(meetingId)).MinutesEdited(new(meetingId, key, version, editedBy));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // Best effort: see above.
        }
    }

    /// <summary>The opinion number of "opinion-12" or "answer-12".</summary>
    public static int? OpinionNumber(string key)
    {
        var dash = key.LastIndexOf('-');
        var prefix = dash > 0 ? key[..(dash + 1)] : "";
        return (prefix == MinutesKeys.Opinion(0)[..^1] || prefix == MinutesKeys.Answer(0)[..^1]) && int.TryParse(key[(dash + 1)..], out var n) && n > 0
            ? n : null;
    }

    public static MinutesDto ToDto(MinutesSnapshot snapshot)
    {
        var floor = snapshot.Meeting.Floor.OpinionId is { } id ? snapshot.Meeting.Opinions.FirstOrDefault(o => o.Id == id)?.Number : null;
        return new(snapshot.Meeting.Id, snapshot.Sequence, snapshot.Meeting.Status.ToString(), floor, snapshot.Meeting.Floor.Kind.ToString(),
            snapshot.Parts.Select(p => new PartDto(p.Section.Key, p.Section.Heading, p.Text, p.Section.Generated, p.Edited, p.Additions,
                p.Version, p.Section.SecretaryWrites)).ToList());
    }

    private static IResult NotFound() => Results.NotFound(new { Message = "Không tìm thấy hội nghị này." });
}
