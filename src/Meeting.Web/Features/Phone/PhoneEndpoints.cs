using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RedisRateLimiting;

namespace DoiThoai.Web.Features.Phone;

/// <summary>
/// The delegates' phone pages: /m/{code} (form) and /s/{token} (own status). Plain server-rendered HTML from
/// minimal endpoints, so no Blazor script or MudBlazor reaches a phone.
/// </summary>
public static class PhoneEndpoints
{
    public const int MaxFormBytes = 16 * 1024;

    public static IServiceCollection AddPhonePages(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection($"{DoiThoaiOptions.Section}:PhoneLimits").Get<PhoneLimits>() ?? new PhoneLimits();
        var cluster = ClusterOptions.From(configuration);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            // Several nodes: each window is counted in Redis, so a limit holds whichever node a request reaches.
            var redis = cluster is null ? null : sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
            RateLimitPartition<string> Window(string key, int permits) => redis is null
                ? RateLimitPartition.GetFixedWindowLimiter(key, _ => LocalWindow(permits))
                : RateLimitPartition.Get(key, k => new SharedWindow(
                    new RedisFixedWindowRateLimiter<string>($"{cluster!.Prefix}:limit:{k}", new RedisFixedWindowRateLimiterOptions
                        { ConnectionMultiplexerFactory = () => redis, PermitLimit = permits, Window = TimeSpan.FromMinutes(1) }),
                    new FixedWindowRateLimiter(LocalWindow(permits))));
            // 200 phones on the hall's Wi-Fi share one address. A phone with a device cookie we signed counts as itself
            // (and its address has a cap a full hall fits under); senders without one (scripts, forged cookies) share a
            // small bucket per address and per meeting that real phones never draw from.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => !IsSubmit(ctx) ? RateLimitPartition.GetNoLimiter("")
                    : PhoneDevices.IdOf(ctx) is { } device
                        ? Window("dev:" + device, limits.PerDevicePerMinute)
                        : Window("anon:" + PhoneDevices.Address(ctx.Connection.RemoteIpAddress), limits.UnknownPerAddressPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => !IsSubmit(ctx) ? RateLimitPartition.GetNoLimiter("")
                    : PhoneDevices.IsKnown(ctx)
                        ? Window("addr:" + PhoneDevices.Address(ctx.Connection.RemoteIpAddress), limits.PerAddressPerMinute)
                        : Window("meeting:" + PublicCodes.Normalize(ctx.Request.RouteValues["code"]?.ToString()), limits.PerMeetingPerMinute)));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Message("Gửi quá nhanh",
                    "Hệ thống đang nhận nhiều phiếu từ thiết bị này hoặc từ hội trường. Vui lòng chờ khoảng một phút rồi gửi lại; nội dung ông/bà đã nhập vẫn còn khi bấm Quay lại.",
                    StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions LocalWindow(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    /// <summary>
    /// A window counted in Redis; while Redis does not answer, this node's own window (a hall keeps registering, and
    /// /health/ready already says the node is not whole).
    /// </summary>
    private sealed class SharedWindow(RateLimiter shared, RateLimiter local) : RateLimiter
    {
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // Redis cannot answer synchronously: the middleware then asks AcquireAsync.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                return await local.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                local.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private static bool IsSubmit(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method) && ctx.GetEndpoint()?.Metadata.GetMetadata<PhoneSubmitMarker>() is not null;

    private sealed class PhoneSubmitMarker;

    public static void MapPhoneEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/m/{code}", ShowForm);
        app.MapGet("/i/{invitation}", ShowInvitation);
        app.MapPost("/m/{code}/gui", Submit).DisableAntiforgery().WithMetadata(new PhoneSubmitMarker());
        app.MapGet("/s/{token}", ShowStatus);
        app.MapGet("/s/{token}/json", StatusJson);
        app.MapPost("/s/{token}/rut", Withdraw).DisableAntiforgery();
        app.MapGet("/s/{token}/xoa", ConfirmErase);
        app.MapPost("/s/{token}/xoa", Erase).DisableAntiforgery();
    }

    private static async Task<IResult> ShowForm(string code, HttpContext ctx, PublicCodes codes, MeetingCommands commands, IAntiforgery antiforgery)
    {
        var meeting = await FindMeeting(codes, commands, code, ctx.RequestAborted);
        if (meeting is null) return MeetingNotFound();
        PhoneDevices.Ensure(ctx);
        return FormPage(ctx, antiforgery, meeting, new PhoneForm(Guid.NewGuid().ToString("N")), null, StatusCodes.Status200OK);
    }

    /// <summary>The QR on a printed invitation: the delegate's own form, filled with their name and village.</summary>
    private static async Task<IResult> ShowInvitation(string invitation, HttpContext ctx, IDbContextFactory<AppDb> dbFactory, IAntiforgery antiforgery)
    {
        var code = (invitation ?? "").Trim().ToUpperInvariant();
        if (code.Length is 0 or > 16) return InvitationNotFound();
        await using var db = await dbFactory.CreateDbContextAsync();
        var invited = await db.Delegates.AsNoTracking().FirstOrDefaultAsync(d => d.InvitationCode == code);
        if (invited is null) return InvitationNotFound();
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == invited.MeetingId)
            .Select(m => new PhoneMeeting(m.Id, m.PublicCode, m.Title, m.Status, m.Places)).FirstAsync();
        PhoneDevices.Ensure(ctx);
        var form = new PhoneForm(Guid.NewGuid().ToString("N"), invited.Name, invited.Organization, Invitation: invited.InvitationCode);
        return FormPage(ctx, antiforgery, meeting, form, null, StatusCodes.Status200OK);
    }

    private static IResult InvitationNotFound() =>
        Message("Không tìm thấy giấy mời", "Mã giấy mời không đúng. Hãy hỏi bộ phận tiếp nhận hoặc quét mã QR trên màn chiếu.", StatusCodes.Status404NotFound);

    private static async Task<IResult> Submit(string code, HttpContext ctx, PublicCodes codes,
        IAntiforgery antiforgery, MeetingCommands commands)
    {
        var meeting = await FindMeeting(codes, commands, code, ctx.RequestAborted);
        if (meeting is null) return MeetingNotFound();
        var (form, problem) = await ReadForm(ctx, antiforgery);
        if (problem is not null) return problem;

        var device = PhoneDevices.KeyOf(ctx);
        // An invitation ties the request to its delegate (the chair sees "đại biểu có giấy mời"); only this meeting's.
        var result = await commands.RunAsync(meeting.Id, null, null, (m, now) =>
        {
            var invited = form!.Invitation.Length > 0 ? m.Delegates.FirstOrDefault(d => d.InvitationCode == form.Invitation) : null;
            var draft = invited is null ? form.ToDraft() : form.ToDraft(invited.Id) with { Source = OpinionSource.Invitation };
            return m.Submit(draft with { Device = device }, now);
        }, ctx.RequestAborted, onlyAdds: true);
        if (!result.Ok)
            return FormPage(ctx, antiforgery, meeting, form!, result.Error, StatusCodes.Status422UnprocessableEntity);
        // Post/redirect/get: a refresh of the status page never re-submits.
        return Results.Redirect($"/s/{result.Value!.StatusToken}", permanent: false, preserveMethod: false);
    }

    private static async Task<(PhoneForm?, IResult?)> ReadForm(HttpContext ctx, IAntiforgery antiforgery)
    {
        // Read at most MaxFormBytes + 1 bytes whatever the request declares (chunked bodies carry no length).
        var tooLarge = ctx.Request.ContentLength is > MaxFormBytes;
        var body = new MemoryStream(tooLarge ? 0 : (int)(ctx.Request.ContentLength ?? 1024));
        if (!tooLarge)
        {
            // A burst posts hundreds of forms a second: the read buffer is borrowed, not garbage for the GC.
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                int read;
                while (!tooLarge && (read = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted)) > 0)
                {
                    body.Write(buffer, 0, read);
                    tooLarge = body.Length > MaxFormBytes;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        if (tooLarge)
            return (null, Message("Nội dung quá dài", "Phiếu gửi lên quá lớn. Nội dung ý kiến tối đa 1500 ký tự; vui lòng rút gọn rồi gửi lại.", StatusCodes.Status413PayloadTooLarge));
        body.Position = 0;
        ctx.Request.Body = body;
        IFormCollection raw;
        try
        {
            if (!ctx.Request.HasFormContentType) throw new InvalidDataException();
            raw = await ctx.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = MaxFormBytes, KeyLengthLimit = 64, ValueCountLimit = 20 }, ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Message("Phiếu không hợp lệ", "Không đọc được phiếu đăng ký. Vui lòng tải lại trang và gửi lại.", StatusCodes.Status400BadRequest));
        }
        if (!await antiforgery.IsFormValidAsync(ctx))
            return (null, Message("Phiếu đã hết hạn", "Trang đăng ký đã mở quá lâu hoặc đã được tải lại. Vui lòng quay lại, tải lại trang và gửi lại.", StatusCodes.Status400BadRequest));

        var key = raw["key"].ToString();
        var field = Enum.TryParse<OpinionField>(raw["field"].ToString(), out var parsed) && Enum.IsDefined(parsed) ? parsed : (OpinionField)(-1);
        var form = new PhoneForm(
            key.Length is > 0 and <= 64 ? key : Guid.NewGuid().ToString("N"),
            raw["name"].ToString(), raw["place"].ToString(), field, raw["content"].ToString(),
            raw["mode"].ToString() == "written", raw["phone"].ToString(), raw["consent"].ToString() == "yes",
            raw["invitation"].ToString().Trim().ToUpperInvariant() is { Length: <= 16 } invitation ? invitation : "");
        return (form, null);
    }

    private static async Task<IResult> ShowStatus(string token, HttpContext ctx, IDbContextFactory<AppDb> dbFactory, IAntiforgery antiforgery,
        TimeProvider clock, PublicCodes codes, MeetingCommands commands)
    {
        // While the meeting runs, the page is read from the writer's board; afterwards it shows the written answer too.
        var board = await codes.MeetingOfTokenAsync(token, ctx.RequestAborted) is { } meetingId ? await commands.BoardAsync(meetingId, ctx.RequestAborted) : null;
        var status = board is { Status: MeetingStatus.Announced or MeetingStatus.Live } && board.Find(token) is { } line
            ? new PhoneStatus(token, board.Code, board.Title, line.Number, line.Name, line.FieldLabel, line.Content,
                line.Headline, line.Detail, line.IsOnFloor, line.CanWithdraw, CanErase: line.CanErase)
            : await FindStatus(dbFactory, token, FollowUpService.HallDate(clock));
        if (status is null) return Message("Không tìm thấy phiếu", "Đường dẫn theo dõi không đúng hoặc đã bị xóa.", StatusCodes.Status404NotFound);
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        return Page<PhoneStatusPage>(StatusCodes.Status200OK, new()
        {
            [nameof(PhoneStatusPage.Status)] = status,
            [nameof(PhoneStatusPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(PhoneStatusPage.AntiforgeryToken)] = tokens.RequestToken ?? "",
        });
    }

    /// <summary>What the status page's script reads when its line changed: from the writer's board, no query.</summary>
    private static async Task<IResult> StatusJson(string token, PublicCodes codes, MeetingCommands commands, CancellationToken ct)
    {
        var line = await codes.MeetingOfTokenAsync(token, ct) is { } meetingId && await commands.BoardAsync(meetingId, ct) is { } board
            ? board.Find(token)
            : null;
        return line is null
            ? Results.NotFound()
            : Results.Json(new { line.Number, line.Headline, line.Detail, line.IsOnFloor, line.CanWithdraw, line.CanErase });
    }

    private static async Task<IResult> Withdraw(string token, HttpContext ctx, IDbContextFactory<AppDb> dbFactory,
        IAntiforgery antiforgery, MeetingCommands commands)
    {
        if (!await antiforgery.IsFormValidAsync(ctx))
            return Message("Phiếu đã hết hạn", "Vui lòng tải lại trang rồi thử lại.", StatusCodes.Status400BadRequest, $"/s/{token}");
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.SpeakRequests.AsNoTracking().Where(r => r.StatusToken == token)
            .Select(r => new { r.Id, r.MeetingId }).FirstOrDefaultAsync();
        if (request is null) return Message("Không tìm thấy phiếu", "Đường dẫn theo dõi không đúng.", StatusCodes.Status404NotFound);
        var result = await commands.RunAsync(request.MeetingId, null, null, (m, now) => m.Withdraw(request.Id, now));
        return result.Ok
            ? Results.Redirect($"/s/{token}")
            : Message("Không rút được", result.Error!, StatusCodes.Status409Conflict, $"/s/{token}");
    }

    /// <summary>Step one of the citizen's own erase: say what goes and what stays, and ask once more.</summary>
    private static async Task<IResult> ConfirmErase(string token, HttpContext ctx, IDbContextFactory<AppDb> dbFactory, IAntiforgery antiforgery)
    {
        var status = await FindStatus(dbFactory, token);
        if (status is null) return Message("Không tìm thấy phiếu", "Đường dẫn theo dõi không đúng.", StatusCodes.Status404NotFound);
        if (!status.CanErase)
            return Message("Không tự xóa được", ErasedTooLate(status.Number), StatusCodes.Status409Conflict, $"/s/{token}");
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        return Page<PhoneEraseConfirmPage>(StatusCodes.Status200OK, new()
        {
            [nameof(PhoneEraseConfirmPage.Status)] = status,
            [nameof(PhoneEraseConfirmPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(PhoneEraseConfirmPage.AntiforgeryToken)] = tokens.RequestToken ?? "",
        });
    }

    /// <summary>Step two: withdraw and forget, in one command, with the journal lines that named the person.</summary>
    private static async Task<IResult> Erase(string token, HttpContext ctx, IDbContextFactory<AppDb> dbFactory,
        IAntiforgery antiforgery, MeetingCommands commands)
    {
        if (!await antiforgery.IsFormValidAsync(ctx))
            return Message("Phiếu đã hết hạn", "Vui lòng tải lại trang rồi thử lại.", StatusCodes.Status400BadRequest, $"/s/{token}");
        if (string.IsNullOrEmpty(token) || token.Length > 64) return Message("Không tìm thấy phiếu", "Đường dẫn theo dõi không đúng.", StatusCodes.Status404NotFound);
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.SpeakRequests.AsNoTracking().Where(r => r.StatusToken == token)
            .Select(r => new { r.Id, r.MeetingId }).FirstOrDefaultAsync();
        if (request is null) return Message("Không tìm thấy phiếu", "Đường dẫn theo dõi không đúng.", StatusCodes.Status404NotFound);
        var result = await commands.RunAsync(request.MeetingId, null, null, async scope =>
        {
            var traces = scope.Meeting.WithdrawAndErase(request.Id, scope.Now);
            await PersonalData.TracesBeside.ScrubAsync(scope, traces);
            return true;
        });
        return result.Ok
            ? Message("Đã rút và xóa thông tin", "Phiếu đăng ký đã được rút. Họ tên, nơi ở, số điện thoại và nội dung ý kiến của ông/bà đã được xóa khỏi hệ thống; chỉ còn lại số phiếu để thống kê.", StatusCodes.Status200OK, $"/s/{token}")
            : Message("Không xóa được", result.Error!, StatusCodes.Status409Conflict, $"/s/{token}");
    }

    private static string ErasedTooLate(int number) =>
        $"Phiếu số {number} đã được bộ phận tiếp nhận xem xét hoặc đã rút, không thể tự xóa nữa. Xin liên hệ bộ phận tiếp nhận hoặc văn phòng để được xóa thông tin.";

    /// <summary>The meeting as its writer holds it (code and status from memory, no query per phone).</summary>
    private static async Task<PhoneMeeting?> FindMeeting(PublicCodes codes, MeetingCommands commands, string code, CancellationToken ct)
    {
        if (await codes.FindAsync(code, ct) is not { } meetingId || await commands.BoardAsync(meetingId, ct) is not { } board) return null;
        return new PhoneMeeting(board.MeetingId, board.Code, board.Title, board.Status, board.Places);
    }

    /// <summary>Reads one request and, if it waits, counts who is ahead: cheap enough for 200 phones after every change.</summary>
    /// <param name="today">When given, the follow-up of the opinion after the meeting (the page; the live JSON does without).</param>
    internal static async Task<PhoneStatus?> FindStatus(IDbContextFactory<AppDb> dbFactory, string token, DateOnly? today = null)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.SpeakRequests.AsNoTracking().FirstOrDefaultAsync(r => r.StatusToken == token);
        if (request is null) return null;
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == request.MeetingId)
            .Select(m => new { m.Title, m.PublicCode }).FirstAsync();
        var opinion = request.OpinionId is { } oid ? await db.Opinions.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid) : null;
        int? ahead = request.IsQueued
            ? await db.SpeakRequests.CountAsync(r => r.MeetingId == request.MeetingId && r.Status == SpeakRequestStatus.Approved && r.QueuePosition < request.QueuePosition)
            : null;
        var (headline, detail) = PublicBoard.Describe(request, ahead, opinion);
        return new PhoneStatus(token, meeting.PublicCode, meeting.Title, request.Number, request.Name,
            opinion?.Field.ToVietnamese() ?? "", opinion?.Content ?? "", headline, detail,
            request.Status is SpeakRequestStatus.Called or SpeakRequestStatus.Speaking,
            request.Status is SpeakRequestStatus.Submitted or SpeakRequestStatus.Approved,
            today is { } day ? await FollowUpService.ForCitizenAsync(db, opinion, day) : null,
            request.Status == SpeakRequestStatus.Submitted);
    }

    private static IResult FormPage(HttpContext ctx, IAntiforgery antiforgery, PhoneMeeting meeting, PhoneForm form, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        return Page<PhoneFormPage>(status, new()
        {
            [nameof(PhoneFormPage.Meeting)] = meeting,
            [nameof(PhoneFormPage.Form)] = form,
            [nameof(PhoneFormPage.Error)] = error,
            [nameof(PhoneFormPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(PhoneFormPage.AntiforgeryToken)] = tokens.RequestToken ?? "",
        });
    }

    private static IResult MeetingNotFound() =>
        Message("Không tìm thấy hội nghị", "Mã hội nghị không đúng. Hãy quét lại mã QR trên màn chiếu hoặc hỏi bộ phận tiếp nhận.", StatusCodes.Status404NotFound);

    private static IResult Message(string heading, string message, int status, string? backUrl = null) =>
        Page<PhoneMessagePage>(status, new()
        {
            [nameof(PhoneMessagePage.Heading)] = heading,
            [nameof(PhoneMessagePage.Message)] = message,
            [nameof(PhoneMessagePage.BackUrl)] = backUrl,
        });

    private static IResult Page<TComponent>(int status, Dictionary<string, object?> parameters)
        where TComponent : IComponent => new StaticPage<TComponent>(status, parameters);

    /// <summary>
    /// The services a phone page's renderer sees: the app's HTML encoder (Vietnamese letters as they are, not as
    /// entities) and nothing else — a page that injects a service fails its tests at once. One per encoder, so per app.
    /// </summary>
    private static readonly ConditionalWeakTable<HtmlEncoder, IServiceProvider> PageServicesByEncoder = new();

    private static IServiceProvider PageServices(HttpContext ctx) => PageServicesByEncoder.GetValue(
        ctx.RequestServices.GetService<HtmlEncoder>() ?? HtmlEncoder.Default, encoder => new ServiceCollection().AddSingleton(encoder).BuildServiceProvider());

    /// <summary>
    /// A phone page as plain HTML from Blazor's HTML renderer: none of the per-request set-up an endpoint render makes
    /// for interactive pages (persistent state, form mapping, its page buffer), which phones never use. Phone pages
    /// inject nothing and get everything as parameters, so the renderer is made on <see cref="PageServices"/>, not on
    /// the request's services: on those, each page's renderer made Blazor's scoped services anew (authentication
    /// state, navigation, form mapping), 3% of a 2,000-phone burst's CPU in perf.
    /// </summary>
    private sealed class StaticPage<TComponent>(int status, Dictionary<string, object?> parameters) : IResult
        where TComponent : IComponent
    {
        public async Task ExecuteAsync(HttpContext ctx)
        {
            await using var renderer = new HtmlRenderer(PageServices(ctx), ctx.RequestServices.GetRequiredService<ILoggerFactory>());
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(html, ctx.RequestAborted);
        }
    }
}
