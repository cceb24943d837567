using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Delegates.Invitations;

/// <summary>GET /delegates/{id}/giay-moi.docx: the invitations as a Word file (same ?nhom= and ?id= as the print view).</summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/delegates/{meetingId:guid}/giay-moi.docx", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.DelegateList });
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid meetingId, string? nhom, string? id, HttpRequest request,
        IDbContextFactory<AppDb> dbFactory, IOptions<DoiThoaiOptions> options, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
        if (meeting is null) return Message("Không tìm thấy hội nghị này.", StatusCodes.Status404NotFound);
        var selection = InvitationSelection.Select(meeting, nhom, id);
        if (selection.Error is { } error) return Message(error, selection.Status);

        // Printed invitations are scanned by phones on the hall network: the configured public address wins.
        var baseUrl = DoiThoai.Web.Features.Projector.QrCodes.PhoneBase($"{request.Scheme}://{request.Host}{request.PathBase}", options.Value);
        var cards = selection.People.Select(d => InvitationCard.For(meeting, d, baseUrl)).ToList();
        return Results.File(InvitationDocument.Build(meeting.Title, cards), InvitationDocument.ContentType, $"giay-moi-{meeting.PublicCode}.docx");
    }

    private static IResult Message(string text, int status) => Results.Text(text, "text/plain; charset=utf-8", statusCode: status);
}
