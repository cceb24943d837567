using System.IO.Compression;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Delegates.Invitations;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// The hồ sơ of a meeting (seed 004: "tập hợp lập hồ sơ hội nghị đối thoại") as one .zip: the plan and the programme, Mẫu 5–9, the
/// invitations and the delegate list with attendance, the collected list, the report on the meeting, the follow-up
/// table and the departments' answer files. Every file is built by the same code
/// as its own download, so the archive and the single files never differ.
/// </summary>
public static class RecordArchive
{
    public const string ContentType = "application/zip";

    public static string Path(Guid meetingId) => $"/minutes/{meetingId}/ho-so.zip";

    public static string FileName(Meeting meeting) => $"ho-so-hoi-nghi-{meeting.PublicCode}.zip";

    public static IEndpointRouteBuilder MapRecordArchiveEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/minutes/{meetingId:guid}/ho-so.zip", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.SecretarySeat });
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid meetingId, HttpRequest request, MinutesStore store, CalendarService calendars, UnitAccess units,
        IDbContextFactory<AppDb> dbFactory, IOptions<DoiThoaiOptions> options, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
        if (meeting is null) return Results.Text("Không tìm thấy hội nghị này.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var today = FollowUpService.HallDate(clock);
        var calendar = await calendars.ForMeetingAsync(meetingId, ct);
        var issued = await db.Set<IssuedNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == meetingId, ct);
        var items = await db.Set<FollowUpItem>().AsNoTracking().Where(i => i.MeetingId == meetingId).OrderBy(i => i.OpinionNumber).ToListAsync(ct);
        var parent = await units.ParentOfAsync(meeting.UnitId, ct);

        // What went out before the meeting carries the day the invitations were marked sent, or a blank date to write
        // by hand: never the day this archive is made, after the meeting it announces.
        var sent = meeting.PreparationMarks.FirstOrDefault(m => m.Key == PreparationTimeline.Invite)?.DoneOn;
        var files = new List<(string Name, byte[] Content)>
        {
            ("01-ke-hoach.docx", AdminDocx.Build(PlanDocument.From(meeting, null, parent, calendar))),
            ("02-chuong-trinh-hoi-nghi.docx", AdminDocx.Build(ProgrammeDocument.From(meeting, sent, parent))),
            ("03-Mau-7-thong-bao-to-chuc.docx", AdminDocx.Build(AnnouncementDocument.From(meeting, sent, parent))),
            ("04-Mau-5-bao-cao-phan-loai-y-kien.docx", AdminDocx.Build(CollectedReports.Classification(meeting, today))),
            ("05-Mau-6-bao-cao-tra-loi-y-kien.docx", AdminDocx.Build(CollectedReports.Answers(meeting, today))),
            ("06-danh-sach-y-kien-thu-thap.xlsx", CollectedSheets.List(meeting)),
        };
        if (meeting.Delegates.Count > 0)
        {
            var baseUrl = Projector.QrCodes.PhoneBase($"{request.Scheme}://{request.Host}{request.PathBase}", options.Value);
            // The signed letters as issued (Nghị định 30), each with its QR card on the back.
            var invited = meeting.Delegates.Where(d => !d.IsWalkIn).ToList();
            if (invited.Count > 0) files.Add(("07-giay-moi.docx", InvitationLetter.Build(meeting, InvitationSelection.InPrintOrder(invited), sent, parent, baseUrl)));
            files.Add(("08-danh-sach-dai-bieu-diem-danh.xlsx", Delegates.Import.DelegateTemplate.ListOf(meeting)));
        }
        if (meeting.Status == MeetingStatus.Ended)
        {
            var minutes = await DocumentEndpoints.LoadAsync(store, units, meetingId, MeetingDocumentKind.Minutes, null, null, calendar, ct);
            if (minutes.Document is { } m) files.Add(("09-Mau-8-bien-ban.docx", AdminDocx.Build(m)));
            // As issued (number, date, deadline) once it is; else the draft.
            var notice = await DocumentEndpoints.LoadAsync(store, units, meetingId, MeetingDocumentKind.Notice, null, null, calendar, ct);
            if (notice.Document is { } n) files.Add((issued is null ? "10-Mau-9-thong-bao-ket-luan-du-thao.docx" : "10-Mau-9-thong-bao-ket-luan.docx", AdminDocx.Build(n)));
            var report = await DocumentEndpoints.LoadReportAsync(store, units, dbFactory, meetingId, calendar, today, ct);
            if (report.Document is { } r) files.Add(("11-bao-cao-ket-qua-hoi-nghi.docx", AdminDocx.Build(r)));
        }
        if (items.Count > 0) files.Add(("12-theo-doi-tra-loi.xlsx", FollowUpSheet(items, today)));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                await using var entry = await archive.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
                await entry.WriteAsync(content, ct);
            }
            // The departments' signed answers, each under its opinion's number.
            var filesRoot = options.Value.FilesRoot;
            foreach (var item in items)
            {
                if (FollowUpFiles.FullPath(filesRoot, item.AttachmentPath) is not { } full || !File.Exists(full)) continue;
                var name = $"13-van-ban-tra-loi/y-kien-so-{item.OpinionNumber}-{FollowUpFiles.CleanName(item.AttachmentName ?? System.IO.Path.GetFileName(full))}";
                await archive.CreateEntryFromFileAsync(full, name, CompressionLevel.Optimal, ct);
            }
        }
        return Results.File(zip.ToArray(), ContentType, FileName(meeting));
    }

    private static byte[] FollowUpSheet(IReadOnlyList<FollowUpItem> items, DateOnly today)
    {
        var rows = items.Select(i => new Dictionary<string, object?>
        {
            ["Ý kiến số"] = i.OpinionNumber,
            ["Người nêu"] = i.SubmitterPlace.Length > 0 ? $"{i.SubmitterName}, {i.SubmitterPlace}" : i.SubmitterName,
            ["Nội dung"] = i.Content,
            ["Phòng, ban chủ trì"] = i.DepartmentName,
            ["Hạn trả lời"] = FollowUpService.Show(i.Deadline),
            ["Tình trạng"] = FollowUpItem.ToVietnamese(i.StateOn(today)),
            ["Số, ký hiệu văn bản trả lời"] = i.AnswerReference ?? "",
            ["Ngày trả lời"] = i.AnswerDate is { } d ? FollowUpService.Show(d) : "",
            ["Nội dung trả lời"] = i.AnswerText ?? "",
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["Theo dõi trả lời"] = rows });
        return stream.ToArray();
    }
}
