using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Delegates.Invitations;

/// <summary>
/// GET /delegates/{id}/giay-moi.docx: the invitation cards as a Word file; GET /delegates/{id}/giay-moi-chinh-thuc.docx:
/// the official letters, one per delegate with the card on the back. Both take the print view's ?nhom= and ?id=.
/// </summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/delegates/{meetingId:guid}/giay-moi.docx", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.DelegateList });
        app.MapGet("/delegates/{meetingId:guid}/giay-moi-chinh-thuc.docx", DownloadLettersAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.DelegateList });
        return app;
    }

    private static async Task<IResult> DownloadLettersAsync(Guid meetingId, string? nhom, string? id, HttpRequest request,
        IDbContextFactory<AppDb> dbFactory, UnitAccess units, TimeProvider clock, IOptions<DoiThoaiOptions> options, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
        if (meeting is null) return Message("Không tìm thấy hội nghị này.", StatusCodes.Status404NotFound);
        var selection = InvitationSelection.Select(meeting, nhom, id);
        if (selection.Error is { } error) return Message(error, selection.Status);

        var parent = await units.ParentOfAsync(meeting.UnitId, ct);
        var document = InvitationLetter.Build(meeting, selection.People, FollowUpService.HallDate(clock), parent, PhoneBase(request, options.Value));
        return Results.File(document, AdminDocx.ContentType, InvitationLetter.FileName(meeting));
    }

    private static async Task<IResult> DownloadAsync(Guid meetingId, string? nhom, string? id, HttpRequest request,
        IDbContextFactory<AppDb> dbFactory, IOptions<DoiThoaiOptions> options, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
        if (meeting is null) return Message("Không tìm thấy hội nghị này.", StatusCodes.Status404NotFound);
        var selection = InvitationSelection.Select(meeting, nhom, id);
        if (selection.Error is { } error) return Message(error, selection.Status);

        var baseUrl = PhoneBase(request, options.Value);
        var cards = selection.People.Select(d => InvitationCard.For(meeting, d, baseUrl)).ToList();
        return Results.File(InvitationDocument.Build(meeting.Title, cards), InvitationDocument.ContentType, $"giay-moi-{meeting.PublicCode}.docx");
    }

    /// <summary>Printed invitations are scanned by phones on the hall network: the configured public address wins.</summary>
    private static string PhoneBase(HttpRequest request, DoiThoaiOptions options) =>
        DoiThoai.Web.Features.Projector.QrCodes.PhoneBase($"{request.Scheme}://{request.Host}{request.PathBase}", options);

    private static IResult Message(string text, int status) => Results.Text(text, "text/plain; charset=utf-8", statusCode: status);
}
