using System.Text.Encodings.Web;
using System.Text.Unicode;
using DoiThoai.Web;
using DoiThoai.Web.Components;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Account;
using DoiThoai.Web.Features.Security;
using DoiThoai.Web.Features.Delegates.Import;
using DoiThoai.Web.Features.Delegates.Invitations;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Features.Operations;
using DoiThoai.Web.Features.Phone;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using OpenTelemetry.Metrics;
using MudBlazor.Services;

// `backup` and `restore` run against the same configuration as the app, and never start the web host.
if (OperationsCommand.Handles(args)) return OperationsCommand.Run(args, Console.Out, Console.Error);

var startupClock = new StartupClock();
var builder = WebApplication.CreateBuilder(StartOptions.For(args));
// The console only (journald under systemd): the default Debug and EventSource providers each added a scope object to
// every open request, held per phone while its status page is open, for output nobody reads on a hall server.
builder.Logging.ClearProviders().AddConsole();
// Serve _content/ and _framework/ files from the build output in every environment (STACK.md trap 2).
builder.WebHost.UseStaticWebAssets();

var dataDirectory = Storage.ResolveDataDirectory(builder.Configuration);
builder.Services.Configure<DoiThoaiOptions>(builder.Configuration.GetSection(DoiThoaiOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
// Vietnamese letters go out as UTF-8, not as &#x1ED9; entities: pages stay small and readable.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
try
{
    builder.Services.AddMeetingStorage(dataDirectory, builder.Configuration);
}
catch (StartupSeeder.StartupRefused refused)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}
builder.AddHallHttps(dataDirectory);
// Held while the app runs so that `restore` refuses to swap the database under it; a second app on the same folder
// simply goes without.
var runningLock = RunningLock.TryTake(dataDirectory);

builder.Services.AddIdentityCore<StaffUser>(o =>
    {
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredLength = 8;
        o.Lockout.MaxFailedAccessAttempts = 10;
    })
    .AddRoles<IdentityRole>()
    .AddErrorDescriber<DoiThoai.Web.Features.Admin.VietnameseIdentityErrors>()
    .AddPasswordValidator<CommonPasswords>()
    .AddEntityFrameworkStores<AppDb>()
    .AddSignInManager()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<StaffClaimsFactory>();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
    cookies.ApplicationCookie?.Configure(o =>
    {
        o.LoginPath = "/account/login";
        o.AccessDeniedPath = "/account/denied";
        o.ExpireTimeSpan = TimeSpan.FromHours(12);
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // Scripts calling /api get a status code to act on, not a sign-in page.
        o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
    }));
builder.Services.AddAuthorization();
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices(mud =>
{
    // Bottom centre: top-right toasts covered the counters and the paper-slip form.
    mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
    // Success notes come in bursts at the desk (one per approved slip): two at most, the newest first, short-lived,
    // so they never pile up over the list; the same note twice is shown once.
    mud.SnackbarConfiguration.MaxDisplayedSnackbars = 2;
    mud.SnackbarConfiguration.NewestOnTop = true;
    mud.SnackbarConfiguration.PreventDuplicates = true;
    mud.SnackbarConfiguration.VisibleStateDuration = 4000;
});
// Only the public hub: Blazor's own circuit hub carries every click and render acknowledgement.
var signalR = builder.Services.AddSignalR().AddHubOptions<MeetingHub>(o => o.AddFilter<HubCallLimit>());
builder.Services.AddCluster(signalR, builder.Configuration);
builder.Services.AddSingleton<HubCallLimit>();
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddSingleton<MeetingFeed>();
builder.Services.AddSingleton<MeetingCommands>();
builder.Services.AddSingleton<MeetingSnapshots>();
builder.Services.AddSingleton<PublicCodes>();
builder.Services.AddSingleton<ProjectorLinks>();
builder.Services.AddSingleton<MinutesStore>();
builder.Services.AddSingleton<NodeCaches>();
builder.Services.AddSingleton<DoiThoai.Web.Features.Calendar.CalendarService>();
builder.Services.AddSingleton<UnitAccess>();
builder.Services.AddScoped<DoiThoai.Web.Features.Admin.AdminService>();
builder.Services.AddSingleton<DoiThoai.Web.Features.Preparation.Answers.PreparedAnswersService>();
// A locked account or a changed role reaches signed-in devices within a minute, not Identity's default half hour:
// requests through the cookie's check, open staff pages through StaffSessionCheck.
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
    o.ValidationInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue(StaffSessionCheck.IntervalSetting, 60)));
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StaffSessionCheck>();
builder.Services.AddSingleton<DoiThoai.Web.Features.Reports.ReportService>();
builder.Services.AddSingleton<DoiThoai.Web.Features.PersonalData.PersonalDataService>();
builder.Services.Configure<DoiThoai.Web.Features.PersonalData.PersonalDataOptions>(builder.Configuration.GetSection(DoiThoai.Web.Features.PersonalData.PersonalDataOptions.Section));
builder.Services.AddSingleton<DoiThoai.Web.Features.PersonalData.PhoneRetention>();
builder.Services.AddHostedService<DoiThoai.Web.Features.PersonalData.PhoneRetentionService>();
if (Storage.ProviderOf(builder.Configuration) == DatabaseProvider.Sqlite)
{
    builder.Services.AddSingleton<WalCheckpointer>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
}
builder.Services.AddFollowUp(builder.Configuration);
builder.Services.AddPhonePages(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddSingleton<LiveMetrics>();
// Counts only (no names, no content): the live path's own meter, the runtime's (GC, allocations, thread pool) and
// ASP.NET Core's request and SignalR ones. Not Kestrel's: its per-connection tags cost every phone ~250 bytes for as
// long as its page is open, and SignalR's meter already counts the open connections.
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(LiveMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http.Connections")
    .AddPrometheusExporter());

var app = builder.Build();
startupClock.Mark("khởi chạy");

try
{
    await StartupSeeder.RunAsync(app.Services);
}
catch (StartupSeeder.StartupRefused refused)
{
    Console.Error.WriteLine(refused.Message);
    runningLock?.Dispose();
    return 1;
}
startupClock.Mark("cơ sở dữ liệu");

app.UseHallProxies();
app.UsePhoneHubShortcut();
app.UseErrorAnswer();
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseBadRequestAnswer();
app.UseAuthentication();
app.UseAuthorization();
app.UseMeetingUnitGuard();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseExpiredFormAnswer();

app.MapStaticAssets();
app.MapHub<MeetingHub>(MeetingHub.Path);
app.MapHealth();
app.MapPrometheusScrapingEndpoint(LiveMetrics.Path);
app.MapAccountEndpoints();
app.MapHallCertificate();
app.MapPhoneEndpoints();
app.MapDelegateImportEndpoints();
app.MapInvitationEndpoints();
app.MapMinutesEndpoints();
app.MapMinutesDocumentEndpoints();
DoiThoai.Web.Features.Minutes.Documents.RecordArchive.MapRecordArchiveEndpoint(app);
app.MapCollectedOpinionEndpoints();
DoiThoai.Web.Features.Preparation.Plan.PlanDocumentEndpoints.MapPlanDocumentEndpoints(app);
DoiThoai.Web.Features.Reports.ReportEndpoints.MapReportEndpoints(app);
app.MapFollowUpEndpoints();
DoiThoai.Web.Features.PersonalData.PersonalDataEndpoints.MapPersonalDataEndpoints(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    startupClock.Mark("lắng nghe");
    StartupBanner.Print(app, startupClock);
});
app.Lifetime.ApplicationStopped.Register(() => runningLock?.Dispose());
app.Run();
return 0;

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int apiStatus)
{
    if (!ctx.Request.Path.StartsWithSegments("/api"))
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
    ctx.Response.StatusCode = apiStatus;
    return ctx.Response.WriteAsJsonAsync(new
    {
        Message = apiStatus == StatusCodes.Status401Unauthorized ? "Phiên đăng nhập đã hết. Hãy đăng nhập lại." : MeetingCommands.NoPermission,
    });
}

public partial class Program;
