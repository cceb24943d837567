using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Features.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>The documents the plan yields for the office: Mẫu 7, the notice that the dialogue will be held.</summary>
public static class PlanDocumentEndpoints
{
    public static string AnnouncementPath(Guid meetingId) => $"/preparation/{meetingId}/thong-bao-to-chuc.docx";

    public static IEndpointRouteBuilder MapPlanDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        // The meeting's unit is checked by the unit guard on {meetingId}, as for every meeting route.
        app.MapGet("/preparation/{meetingId:guid}/thong-bao-to-chuc.docx",
                async (Guid meetingId, IDbContextFactory<AppDb> dbFactory, UnitAccess units, TimeProvider clock, CancellationToken ct) =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
                    if (meeting is null) return Results.Text("Không tìm thấy hội nghị này.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
                    var parent = await units.ParentOfAsync(meeting.UnitId, ct);
                    var document = AnnouncementDocument.From(meeting, FollowUpService.HallDate(clock), parent);
                    return Results.File(AdminDocx.Build(document), AdminDocx.ContentType, document.FileName);
                })
            .RequireAuthorization(new AuthorizeAttribute { Roles = PreparationPlans.Editors });
        return app;
    }
}
