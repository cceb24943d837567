using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Minutes.Documents;

public enum MeetingDocumentKind { Minutes, Notice }

/// <summary>A document ready to draw, with the notice it was drafted from; or why not: a status code and a Vietnamese message.</summary>
public sealed record DocumentLoad(AdminDocument? Document, int Status, string? Error, ConclusionNotice? Notice = null);

/// <summary>
/// GET /minutes/{id}/bien-ban.docx, /minutes/{id}/thong-bao-ket-luan.docx and /minutes/{id}/bao-cao-ket-qua.docx. The notice takes ?ngay=yyyy-MM-dd (the
/// day it is signed; by default the last day it may be) and ?phuctap=1 (complex matters: 15 working days, not 10).
/// The print pages load through <see cref="LoadAsync"/> too, so both show the same text.
/// </summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapMinutesDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/minutes/{meetingId:guid}")
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.SecretarySeat });
        documents.MapGet("/bien-ban.docx", async (Guid meetingId, MinutesStore store, CalendarService calendars, UnitAccess units, CancellationToken ct) =>
            await DownloadAsync(store, units, meetingId, MeetingDocumentKind.Minutes, null, null, await calendars.ForMeetingAsync(meetingId, ct), ct));
        documents.MapGet("/thong-bao-ket-luan.docx", async (Guid meetingId, string? ngay, string? phuctap, MinutesStore store, CalendarService calendars,
                UnitAccess units, CancellationToken ct) =>
            await DownloadAsync(store, units, meetingId, MeetingDocumentKind.Notice, ngay, phuctap, await calendars.ForMeetingAsync(meetingId, ct), ct));
        documents.MapGet("/bao-cao-ket-qua.docx", async (Guid meetingId, MinutesStore store, CalendarService calendars, UnitAccess units,
                IDbContextFactory<AppDb> dbFactory, TimeProvider clock, CancellationToken ct) =>
            {
                var load = await LoadReportAsync(store, units, dbFactory, meetingId, await calendars.ForMeetingAsync(meetingId, ct),
                    FollowUpService.HallDate(clock), ct);
                return Draw(load);
            });
        return app;
    }

    public static string ReportPath(Guid meetingId) => $"/minutes/{meetingId}/bao-cao-ket-qua.docx";

    /// <summary>The report on the meeting to the standing committee: only once the meeting is closed, when its figures stand.</summary>
    public static async Task<DocumentLoad> LoadReportAsync(MinutesStore store, UnitAccess units, IDbContextFactory<AppDb> dbFactory, Guid meetingId,
        WorkingCalendar calendar, DateOnly today, CancellationToken ct = default)
    {
        var snapshot = await store.LoadAsync(meetingId, ct);
        if (snapshot is null) return Refused(StatusCodes.Status404NotFound, "Không tìm thấy hội nghị này.");
        var meeting = snapshot.Meeting;
        if (meeting.Status != MeetingStatus.Ended || ReportFigures.HeldOn(meeting) is not { } held)
            return Refused(StatusCodes.Status409Conflict, "Hội nghị chưa bế mạc: báo cáo kết quả chỉ lập được sau khi bế mạc.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.Set<FollowUpItem>().AsNoTracking().Where(i => i.MeetingId == meetingId).ToListAsync(ct);
        var issued = await db.Set<IssuedNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == meetingId, ct);
        var unit = (await units.AllUnitsAsync(ct)).FirstOrDefault(u => u.Id == meeting.UnitId) ?? Unit.Create(meeting.UnitId, "", UnitKind.Commune, null);
        // The same figures as the meeting's row of Mẫu 1 on the same day.
        var figures = ReportFigures.Compute([meeting], items, [unit], ReportPeriod.QuarterOf(held), today).Meetings.Single();
        var noticeDue = ConclusionNotice.Draft(meeting, calendar).NoticeDue;
        var parent = await units.ParentOfAsync(meeting.UnitId, ct);
        return new(MeetingReportDocument.From(snapshot, figures, issued, noticeDue, items, today, parent), StatusCodes.Status200OK, null);
    }

    /// <param name="calendar">The office's calendar (<see cref="CalendarService"/>), so the .docx and the print page agree.</param>
    public static async Task<DocumentLoad> LoadAsync(MinutesStore store, UnitAccess units, Guid meetingId, MeetingDocumentKind kind, string? ngay,
        string? phuctap, WorkingCalendar calendar, CancellationToken ct = default)
    {
        DateOnly? signed = null;
        if (!string.IsNullOrWhiteSpace(ngay))
        {
            if (!DateOnly.TryParseExact(ngay.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return Refused(StatusCodes.Status400BadRequest, $"Ngày ký thông báo \"{ngay}\" không hợp lệ. Hãy ghi theo dạng năm-tháng-ngày, ví dụ 2026-11-23.");
            signed = date;
        }
        var snapshot = await store.LoadAsync(meetingId, ct);
        if (snapshot is null) return Refused(StatusCodes.Status404NotFound, "Không tìm thấy hội nghị này.");
        var meeting = snapshot.Meeting;
        // The unit above names the Party header's first line and the notice's "(b/c)" recipient.
        var parent = await units.ParentOfAsync(meeting.UnitId, ct);
        if (kind == MeetingDocumentKind.Minutes) return new(MinutesDocument.From(snapshot, parent), StatusCodes.Status200OK, null);

        if (signed is { } day && day < MinutesDocument.MeetingDate(meeting))
            return Refused(StatusCodes.Status400BadRequest,
                $"Ngày ký thông báo {Issuer.ShortDate(day)} trước ngày hội nghị {Issuer.ShortDate(MinutesDocument.MeetingDate(meeting))}.");
        var complex = phuctap?.Trim() is "1" or "true" or "True";
        // Once issued, the notice is what was signed: its number, date and deadline, whatever a draft link asks.
        if (await store.IssuedNoticeAsync(meetingId, ct) is { } issued)
        {
            var signedNotice = ConclusionNotice.Draft(meeting, calendar, issued.NoticeDate, issued.Complex);
            return new(NoticeDocument.From(meeting, signedNotice, calendar, parent, issued.Number), StatusCodes.Status200OK, null, signedNotice);
        }
        var notice = ConclusionNotice.Draft(meeting, calendar, signed, complex);
        return new(NoticeDocument.From(meeting, notice, calendar, parent), StatusCodes.Status200OK, null, notice);
    }

    private static async Task<IResult> DownloadAsync(MinutesStore store, UnitAccess units, Guid meetingId, MeetingDocumentKind kind, string? ngay,
        string? phuctap, WorkingCalendar calendar, CancellationToken ct) =>
        Draw(await LoadAsync(store, units, meetingId, kind, ngay, phuctap, calendar, ct));

    private static IResult Draw(DocumentLoad load) =>
        load.Document is { } doc
            ? Results.File(AdminDocx.Build(doc), AdminDocx.ContentType, doc.FileName)
            : Results.Text(load.Error, "text/plain; charset=utf-8", statusCode: load.Status);

    private static DocumentLoad Refused(int status, string message) => new(null, status, message);
}
