using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Features.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>The documents the plan yields for the office: the plan itself, Mẫu 7 (the notice that the dialogue will be held) and the programme.</summary>
public static class PlanDocumentEndpoints
{
    public static string AnnouncementPath(Guid meetingId) => $"/preparation/{meetingId}/thong-bao-to-chuc.docx";
    public static string ProgrammePath(Guid meetingId) => $"/preparation/{meetingId}/chuong-trinh.docx";
    public static string PlanPath(Guid meetingId) => $"/preparation/{meetingId}/ke-hoach.docx";

    public static IEndpointRouteBuilder MapPlanDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        // The meeting's unit is checked by the unit guard on {meetingId}, as for every meeting route.
        app.MapGet("/preparation/{meetingId:guid}/thong-bao-to-chuc.docx",
                (Guid meetingId, IDbContextFactory<AppDb> dbFactory, UnitAccess units, CalendarService calendars, TimeProvider clock, CancellationToken ct) =>
                    DrawAsync(meetingId, dbFactory, units, calendars, clock, (m, day, parent, _) => AnnouncementDocument.From(m, day, parent), ct))
            .RequireAuthorization(new AuthorizeAttribute { Roles = PreparationPlans.Editors });
        app.MapGet("/preparation/{meetingId:guid}/chuong-trinh.docx",
                (Guid meetingId, IDbContextFactory<AppDb> dbFactory, UnitAccess units, CalendarService calendars, TimeProvider clock, CancellationToken ct) =>
                    DrawAsync(meetingId, dbFactory, units, calendars, clock, (m, day, parent, _) => ProgrammeDocument.From(m, day, parent), ct))
            .RequireAuthorization(new AuthorizeAttribute { Roles = PreparationPlans.Editors });
        app.MapGet("/preparation/{meetingId:guid}/ke-hoach.docx",
                (Guid meetingId, IDbContextFactory<AppDb> dbFactory, UnitAccess units, CalendarService calendars, TimeProvider clock, CancellationToken ct) =>
                    DrawAsync(meetingId, dbFactory, units, calendars, clock, PlanDocument.From, ct))
            .RequireAuthorization(new AuthorizeAttribute { Roles = PreparationPlans.Editors });
        return app;
    }

    private static async Task<IResult> DrawAsync(Guid meetingId, IDbContextFactory<AppDb> dbFactory, UnitAccess units, CalendarService calendars,
        TimeProvider clock, Func<DoiThoai.Domain.Meeting, DateOnly?, DoiThoai.Domain.Unit?, DoiThoai.Domain.WorkingCalendar, AdminDocument> draw, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
        if (meeting is null) return Results.Text("Không tìm thấy hội nghị này.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var parent = await units.ParentOfAsync(meeting.UnitId, ct);
        var document = draw(meeting, FollowUpService.HallDate(clock), parent, await calendars.ForMeetingAsync(meetingId, ct));
        return Results.File(AdminDocx.Build(document), AdminDocx.ContentType, document.FileName);
    }
}
