using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// The follow-up API and the attachment download. Items are addressed by their own id (never a {meetingId}), so each
/// handler goes through <see cref="FollowUpService"/>, which checks the person's units and department.
/// GET /api/theo-doi, GET /api/theo-doi/{itemId}, POST /api/theo-doi/{itemId}/tra-loi (multipart, antiforgery token in
/// the RequestVerificationToken header from GET /api/theo-doi/antiforgery), GET /theo-doi/{itemId}/tep, and
/// POST /api/hoi-nghi/{meetingId}/ban-hanh-thong-bao (JSON {number, noticeDate: "yyyy-MM-dd", complex}).
/// </summary>
public static class FollowUpEndpoints
{
    public sealed record ItemDto(Guid Id, Guid MeetingId, string MeetingTitle, int OpinionNumber, string SubmitterName, string SubmitterPlace,
        string Field, string Content, Guid DepartmentId, string Department, DateOnly NoticeDate, DateOnly Deadline, string State, string StateText,
        string? AnswerText, string? AnswerReference, DateOnly? AnswerDate, string? AttachmentName, string? AttachmentUrl, string RecordedBy,
        DateTimeOffset? RecordedAt, bool CanAnswer);

    public sealed record ReminderDto(Guid ItemId, string Kind, int WorkingDaysLeft, string Text);

    public sealed record ListDto(DateOnly Today, bool CanAnswer, string? Department, IReadOnlyList<ItemDto> Items, IReadOnlyList<ReminderDto> Reminders);

    public sealed record IssueRequest(string? Number, string? NoticeDate, bool Complex);

    /// <summary>Form reading stops a little above the file limit, whatever the request declares.</summary>
    private const long MaxFormBytes = FollowUpFiles.MaxBytes + 64 * 1024;

    public static string AttachmentUrl(Guid itemId) => $"/theo-doi/{itemId}/tep";

    public static IEndpointRouteBuilder MapFollowUpEndpoints(this IEndpointRouteBuilder app)
    {
        var viewers = new AuthorizeAttribute { Roles = FollowUpService.Viewers };
        var api = app.MapGroup("/api/theo-doi").RequireAuthorization(viewers);

        api.MapGet("", async (HttpContext http, FollowUpService followUps, CancellationToken ct) =>
        {
            var list = await followUps.ListAsync(http.User, null, ct);
            return Results.Ok(new ListDto(list.Today, list.CanAnswer, list.Department,
                list.Items.Select(i => ToDto(i, list.Today, FollowUpService.AnswersFor(http.User, i))).ToList(),
                list.Reminders.Select(r => new ReminderDto(r.Item.Id, r.Kind.ToString(), r.WorkingDaysLeft, r.Text)).ToList()));
        });

        api.MapGet("/{itemId:guid}", async (Guid itemId, HttpContext http, FollowUpService followUps, CancellationToken ct) =>
            await followUps.GetAsync(http.User, itemId, null, ct) is { } detail
                ? Results.Ok(ToDto(detail.Item, detail.Today, detail.Access == FollowUpAccess.Answer))
                : NotFound());

        // A script (or a test) asks for a token first; another site cannot read it, so it cannot post an answer.
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new { tokens.HeaderName, tokens.FormFieldName, Token = tokens.RequestToken });
        });

        api.MapPost("/{itemId:guid}/tra-loi", RecordAnswerAsync).DisableAntiforgery();

        app.MapGet("/theo-doi/{itemId:guid}/tep", async (Guid itemId, HttpContext http, FollowUpService followUps, CancellationToken ct) =>
            await followUps.AttachmentAsync(http.User, itemId, ct) is { } file
                ? Results.File(file.FullPath, file.ContentType, file.DownloadName)
                : Results.Text("Không tìm thấy tệp đính kèm này.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(viewers);

        app.MapPost("/api/hoi-nghi/{meetingId:guid}/ban-hanh-thong-bao",
                async (Guid meetingId, IssueRequest body, HttpContext http, FollowUpService followUps, CancellationToken ct) =>
                {
                    if (!TryParseDate(body.NoticeDate, out var date))
                        return Results.BadRequest(new { Message = $"Ngày ban hành \"{body.NoticeDate}\" không hợp lệ. Hãy ghi theo dạng ngày/tháng/năm." });
                    var result = await followUps.IssueNoticeAsync(meetingId, http.User, body.Number, date, body.Complex, ct);
                    return result.Ok ? Results.Ok(new { result.Items }) : Refused(result.Error!);
                })
            .RequireAuthorization(new AuthorizeAttribute { Roles = FollowUpService.IssuerRoles });
        return app;
    }

    private static async Task<IResult> RecordAnswerAsync(Guid itemId, HttpContext http, FollowUpService followUps, IAntiforgery antiforgery,
        CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            if (!http.Request.HasFormContentType) return Results.BadRequest(new { Message = "Hãy gửi câu trả lời dưới dạng biểu mẫu (multipart/form-data)." });
            if (http.Request.ContentLength is > MaxFormBytes) return TooLarge();
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxFormBytes, ValueCountLimit = 20 }, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return TooLarge();
        }
        if (!await antiforgery.IsFormValidAsync(http))
            return Results.BadRequest(new { Message = "Phiên làm việc đã hết hạn. Hãy tải lại trang rồi gửi lại." });

        if (!TryParseDate(form["date"], out var date))
            return Results.BadRequest(new { Message = $"Ngày văn bản \"{form["date"]}\" không hợp lệ. Hãy ghi theo dạng ngày/tháng/năm." });
        var upload = form.Files.GetFile("file");
        var file = upload is null ? null : new AnswerFile(upload.FileName, upload.Length, upload.OpenReadStream);
        var error = await followUps.RecordAnswerAsync(http.User, itemId, new AnswerInput(form["text"], form["reference"], date), file, null, ct);
        if (error is not null) return Refused(error);
        return await followUps.GetAsync(http.User, itemId, null, ct) is { } detail
            ? Results.Ok(ToDto(detail.Item, detail.Today, detail.Access == FollowUpAccess.Answer))
            : NotFound();
    }

    private static IResult TooLarge() =>
        Results.Json(new { Message = FollowUpFiles.TooLarge }, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The same words for a missing item and one of another unit or department.</summary>
    private static IResult NotFound() => Results.NotFound(new { Message = FollowUpService.ItemNotFound });

    private static IResult Refused(string error) => error switch
    {
        FollowUpService.ItemNotFound or MeetingCommands.MeetingNotFound => Results.NotFound(new { Message = error }),
        MeetingCommands.NoPermission or FollowUpService.ReadOnly => Results.Json(new { Message = error }, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.BadRequest(new { Message = error }),
    };

    /// <summary>An empty date is null (the service says it is missing); dd/MM/yyyy or yyyy-MM-dd otherwise.</summary>
    private static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        date = parsed;
        return true;
    }

    private static ItemDto ToDto(FollowUpItem i, DateOnly today, bool canAnswer)
    {
        var state = i.StateOn(today);
        return new(i.Id, i.MeetingId, i.MeetingTitle, i.OpinionNumber, i.SubmitterName, i.SubmitterPlace, i.Field.ToVietnamese(), i.Content,
            i.DepartmentId, i.DepartmentName, i.NoticeDate, i.Deadline, state.ToString(), FollowUpItem.ToVietnamese(state),
            i.AnswerText, i.AnswerReference, i.AnswerDate, i.AttachmentName, i.AttachmentPath is null ? null : AttachmentUrl(i.Id),
            i.RecordedBy, i.RecordedAt, canAnswer);
    }
}
