using System.Threading.RateLimiting;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Features.Phone;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>
/// The files of the collected opinions (Mẫu 5 and Mẫu 6 as .docx, the list and the import template as .xlsx) under
/// /preparation/{meetingId}/opinions/…, so the unit guard covers them; and the public online form (Mẫu 4) at
/// /y-kien/{code}: plain HTML from minimal endpoints like the phone pages, with its own antiforgery check, a rate
/// limit per device and per meeting, and a one-time key so a re-sent form adds nothing.
/// </summary>
public static class CollectedOpinionEndpoints
{
    public const int MaxFormBytes = 64 * 1024;
    public const int PerDevicePerMinute = 10;
    public const int PerMeetingPerMinute = 300;

    public static IEndpointRouteBuilder MapCollectedOpinionEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/preparation/{meetingId:guid}/opinions")
            .RequireAuthorization(new AuthorizeAttribute { Roles = CollectedOpinionAccess.Roles });
        files.MapGet("/bao-cao-phan-loai.docx", (Guid meetingId, IDbContextFactory<AppDb> db, TimeProvider clock, CancellationToken ct) =>
            DocumentAsync(db, meetingId, clock, CollectedReports.Classification, ct));
        files.MapGet("/bao-cao-tra-loi.docx", (Guid meetingId, IDbContextFactory<AppDb> db, TimeProvider clock, CancellationToken ct) =>
            DocumentAsync(db, meetingId, clock, CollectedReports.Answers, ct));
        files.MapGet("/cong-van-tong-hop-y-kien.docx", async (Guid meetingId, IDbContextFactory<AppDb> db, TimeProvider clock,
                DoiThoai.Web.Features.Calendar.CalendarService calendars, CancellationToken ct) =>
        {
            var calendar = await calendars.ForMeetingAsync(meetingId, ct);
            return await DocumentAsync(db, meetingId, clock, (meeting, today) => CollectedReports.Request(meeting, today,
                meeting.Timeline(calendar).FirstOrDefault(m => m.Key == PreparationTimeline.Collect)?.Due), ct);
        });
        files.MapGet("/danh-sach.xlsx", async (Guid meetingId, IDbContextFactory<AppDb> db, CancellationToken ct) =>
            await LoadAsync(db, meetingId, ct) is { } meeting
                ? Results.File(CollectedSheets.List(meeting), CollectedSheets.ContentType, CollectedSheets.ListFileName(meeting))
                : NotFound());
        // The Front and the unions fill the same sheet.
        app.MapGet("/preparation/{meetingId:guid}/opinions/mau-nhap-y-kien.xlsx", () =>
                Results.File(CollectedSheets.TemplateBytes, CollectedSheets.ContentType, CollectedSheets.TemplateFileName))
            .RequireAuthorization(new AuthorizeAttribute { Roles = CollectedOpinionAccess.Entrants });

        // One limiter per app (not static): each test server, each restart starts afresh.
        var limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetFixedWindowLimiter(PhoneDevices.PartitionOf(ctx), _ => Window(PerDevicePerMinute))),
            PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetFixedWindowLimiter("code:" + PublicCodes.Normalize(ctx.Request.RouteValues["code"]?.ToString()), _ => Window(PerMeetingPerMinute))));
        app.MapGet("/y-kien/{code}", ShowForm);
        app.MapPost("/y-kien/{code}/gui", (string code, HttpContext ctx, IDbContextFactory<AppDb> db, IAntiforgery antiforgery,
            MeetingCommands commands, TimeProvider clock) => SubmitAsync(code, ctx, db, antiforgery, commands, clock, limiter)).DisableAntiforgery();
        app.MapGet("/y-kien/{code}/da-gui", ShowThanks);
        return app;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static async Task<IResult> DocumentAsync(IDbContextFactory<AppDb> db, Guid meetingId, TimeProvider clock,
        Func<Meeting, DateOnly, AdminDocument> build, CancellationToken ct)
    {
        if (await LoadAsync(db, meetingId, ct) is not { } meeting) return NotFound();
        var document = build(meeting, DateOnly.FromDateTime(Clock.ToHallTime(clock.GetUtcNow()).DateTime));
        return Results.File(AdminDocx.Build(document), AdminDocx.ContentType, document.FileName);
    }

    private static async Task<Meeting?> LoadAsync(IDbContextFactory<AppDb> dbFactory, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.LoadMeetingAsync(meetingId, tracking: false, ct);
    }

    private static IResult NotFound() => Results.Text("Không tìm thấy hội nghị này.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    // --- the public form (Mẫu 4) ---

    private static async Task<IResult> ShowForm(string code, HttpContext ctx, IDbContextFactory<AppDb> db, IAntiforgery antiforgery)
    {
        if (await FindMeetingAsync(db, code) is not { } meeting) return MeetingNotFound();
        PhoneDevices.Ensure(ctx);
        return FormPage(ctx, antiforgery, meeting, new OpinionFormInput(Guid.NewGuid().ToString("N")), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SubmitAsync(string code, HttpContext ctx, IDbContextFactory<AppDb> db, IAntiforgery antiforgery,
        MeetingCommands commands, TimeProvider clock, PartitionedRateLimiter<HttpContext> limiter)
    {
        using var lease = await limiter.AcquireAsync(ctx, 1, ctx.RequestAborted);
        if (!lease.IsAcquired)
        {
            ctx.Response.Headers.RetryAfter = "60";
            return Message("Gửi quá nhanh", "Thiết bị này vừa gửi nhiều phiếu. Vui lòng chờ khoảng một phút rồi gửi lại; nội dung đã nhập vẫn còn khi bấm Quay lại.",
                StatusCodes.Status429TooManyRequests);
        }
        if (await FindMeetingAsync(db, code) is not { } meeting) return MeetingNotFound();
        var (input, problem) = await ReadFormAsync(ctx, antiforgery);
        if (problem is not null) return problem;

        var today = DateOnly.FromDateTime(Clock.ToHallTime(clock.GetUtcNow()).DateTime);
        var drafts = input!.ToDrafts(today);
        string? refusal = null;
        if (!string.IsNullOrWhiteSpace(input.Phone) && !input.Consent)
            refusal = "Ông/bà đã nhập số điện thoại nhưng chưa đánh dấu đồng ý cho lưu số. Hãy đánh dấu đồng ý hoặc xóa số điện thoại.";
        else
        {
            var result = await commands.RunAsync(meeting.Id, null, null, (m, now) => m.SubmitOpinionForm(drafts, input.Key, now));
            if (result.Ok)
                // Post/redirect/get: a refresh of the thanks page never sends the form again.
                return Results.Redirect($"/y-kien/{meeting.Code}/da-gui?so={result.Value!.Count}", permanent: false, preserveMethod: false);
            refusal = result.Error;
        }
        return FormPage(ctx, antiforgery, meeting, input, refusal, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ShowThanks(string code, int? so, IDbContextFactory<AppDb> db)
    {
        if (await FindMeetingAsync(db, code) is not { } meeting) return MeetingNotFound();
        var count = so is > 0 and <= Meeting.MaxOpinionsPerForm ? $"{so} ý kiến" : "Ý kiến";
        return Message("Đã gửi ý kiến",
            $"Cảm ơn Ông (bà). {count} đã được chuyển tới cơ quan tổ chức {meeting.Title} để phân loại và chuẩn bị trả lời tại hội nghị.",
            StatusCodes.Status200OK, $"/y-kien/{meeting.Code}");
    }

    private static async Task<(OpinionFormInput?, IResult?)> ReadFormAsync(HttpContext ctx, IAntiforgery antiforgery)
    {
        // Read at most MaxFormBytes + 1 bytes whatever the request declares (chunked bodies carry no length).
        var body = new MemoryStream();
        var tooLarge = ctx.Request.ContentLength is > MaxFormBytes;
        if (!tooLarge)
        {
            var buffer = new byte[8192];
            int read;
            while (!tooLarge && (read = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted)) > 0)
            {
                body.Write(buffer, 0, read);
                tooLarge = body.Length > MaxFormBytes;
            }
        }
        if (tooLarge)
            return (null, Message("Nội dung quá dài", $"Phiếu gửi lên quá lớn. Mỗi ô tối đa {Meeting.MaxContentLength} ký tự; vui lòng rút gọn rồi gửi lại.",
                StatusCodes.Status413PayloadTooLarge));
        body.Position = 0;
        ctx.Request.Body = body;
        IFormCollection raw;
        try
        {
            if (!ctx.Request.HasFormContentType) throw new InvalidDataException();
            raw = await ctx.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = MaxFormBytes, KeyLengthLimit = 64, ValueCountLimit = 30 }, ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Message("Phiếu không hợp lệ", "Không đọc được phiếu. Vui lòng tải lại trang và gửi lại.", StatusCodes.Status400BadRequest));
        }
        if (!await antiforgery.IsFormValidAsync(ctx))
            return (null, Message("Phiếu đã hết hạn", "Trang đã mở quá lâu hoặc đã được tải lại. Vui lòng quay lại, tải lại trang và gửi lại.",
                StatusCodes.Status400BadRequest));
        var key = raw["key"].ToString();
        var texts = OpinionFormInput.Boxes.ToDictionary(b => b.Key, b => raw[b.Key].ToString());
        return (new OpinionFormInput(key.Length is > 0 and <= 64 ? key : Guid.NewGuid().ToString("N"),
            raw["name"].ToString(), raw["place"].ToString(), raw["phone"].ToString(), raw["consent"].ToString() == "yes", texts), null);
    }

    private static async Task<OpinionFormMeeting?> FindMeetingAsync(IDbContextFactory<AppDb> dbFactory, string code)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        if (normalized.Length is 0 or > 16) return null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.PublicCode == normalized).FirstOrDefaultAsync();
        return meeting is null ? null
            : new OpinionFormMeeting(meeting.Id, meeting.PublicCode, meeting.Title, meeting.Status, meeting.Chairs, meeting.Audience,
                meeting.Venue, meeting.ScheduledStart, meeting.Places);
    }

    private static IResult FormPage(HttpContext ctx, IAntiforgery antiforgery, OpinionFormMeeting meeting, OpinionFormInput input, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        return new RazorComponentResult<OpinionFormPage>(new Dictionary<string, object?>
        {
            [nameof(OpinionFormPage.Meeting)] = meeting,
            [nameof(OpinionFormPage.Input)] = input,
            [nameof(OpinionFormPage.Error)] = error,
            [nameof(OpinionFormPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(OpinionFormPage.AntiforgeryToken)] = tokens.RequestToken ?? "",
        }) { StatusCode = status };
    }

    private static IResult MeetingNotFound() =>
        Message("Không tìm thấy hội nghị", "Đường dẫn phiếu xin ý kiến không đúng. Hãy kiểm tra lại mã trên thông báo của xã.", StatusCodes.Status404NotFound);

    private static IResult Message(string heading, string message, int status, string? backUrl = null) =>
        new RazorComponentResult<PhoneMessagePage>(new Dictionary<string, object?>
        {
            [nameof(PhoneMessagePage.Heading)] = heading,
            [nameof(PhoneMessagePage.Message)] = message,
            [nameof(PhoneMessagePage.BackUrl)] = backUrl,
        }) { StatusCode = status };
}
