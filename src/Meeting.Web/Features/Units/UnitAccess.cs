using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Units;

/// <summary>
/// Which units' data a signed-in person may see: their own unit and the units under it. Every meeting page, endpoint,
/// command and hub subscription asks here, so a commune's staff never reach another commune's meetings by URL.
/// </summary>
public sealed class UnitAccess
{
    private readonly IDbContextFactory<AppDb> dbFactory;
    private readonly NodeCaches _caches;

    public UnitAccess(IDbContextFactory<AppDb> dbFactory, NodeCaches caches)
    {
        this.dbFactory = dbFactory;
        _caches = caches;
        caches.Register(NodeCaches.Units, Forget);
    }

    public const string UnitClaim = "doithoai:unit";
    public const string DepartmentClaim = "doithoai:department";

    private volatile IReadOnlyList<Unit>? _units;
    private long _version;

    public static Guid? UnitOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(UnitClaim), out var id) ? id : null;

    public static Guid? DepartmentOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(DepartmentClaim), out var id) ? id : null;

    /// <summary>The unit above a meeting's: the Party header's first line and the "(b/c)" recipient of its documents.</summary>
    public async Task<Unit?> ParentOfAsync(Guid unitId, CancellationToken ct = default)
    {
        var all = await AllUnitsAsync(ct);
        var parentId = all.FirstOrDefault(u => u.Id == unitId)?.ParentId;
        return all.FirstOrDefault(u => u.Id == parentId);
    }

    /// <summary>Units are few and change rarely: cached until a unit is added.</summary>
    public async Task<IReadOnlyList<Unit>> AllUnitsAsync(CancellationToken ct = default)
    {
        if (_units is { } cached) return cached;
        var version = Interlocked.Read(ref _version);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        // A unit added while this was loading makes the list stale: use it for this caller, keep it for no one.
        if (Interlocked.Read(ref _version) == version) _units = units;
        return units;
    }

    /// <summary>A unit was added or changed here: forgotten on this node and the others.</summary>
    public void UnitsChanged() => _caches.Changed(NodeCaches.Units);

    private void Forget()
    {
        Interlocked.Increment(ref _version);
        _units = null;
    }

    public async Task<IReadOnlySet<Guid>> VisibleUnitsAsync(ClaimsPrincipal? user, CancellationToken ct = default) =>
        UnitOf(user) is { } unit ? Unit.WithDescendants(unit, await AllUnitsAsync(ct)) : new HashSet<Guid>();

    public async Task<bool> CanSeeMeetingAsync(ClaimsPrincipal? user, Guid meetingId, CancellationToken ct = default) =>
        await UnitOfMeetingAsync(meetingId, ct) is { } unit && (await VisibleUnitsAsync(user, ct)).Contains(unit);

    /// <summary>A meeting that exists but belongs to units this person may not see.</summary>
    public async Task<bool> IsHiddenFromAsync(ClaimsPrincipal? user, Guid meetingId, CancellationToken ct = default) =>
        await UnitOfMeetingAsync(meetingId, ct) is { } unit && !(await VisibleUnitsAsync(user, ct)).Contains(unit);

    public async Task<Guid?> UnitOfMeetingAsync(Guid meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Meetings.Where(m => m.Id == meetingId).Select(m => (Guid?)m.UnitId).FirstOrDefaultAsync(ct);
    }
}

/// <summary>Puts the person's unit (and department) into the sign-in cookie.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(UnitAccess.UnitClaim, user.UnitId.ToString()));
        if (user.DepartmentId is { } department) identity.AddClaim(new Claim(UnitAccess.DepartmentClaim, department.ToString()));
        if (user.FullName.Length > 0) identity.AddClaim(new Claim("doithoai:fullname", user.FullName));
        return identity;
    }
}

/// <summary>
/// Any staff request whose route names a meeting ({meetingId}) is answered 404 unless the meeting belongs to the
/// person's units — pages, downloads and the minutes API alike, whatever the menu shows.
/// </summary>
public static class MeetingUnitGuard
{
    public const string NotFoundText = "Không tìm thấy hội nghị này.";

    public static IApplicationBuilder UseMeetingUnitGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var raw = context.GetRouteValue("meetingId") ?? context.GetRouteValue("MeetingId");
            if (raw is not null && context.User.Identity?.IsAuthenticated == true
                && Guid.TryParse(raw.ToString(), out var meetingId)
                && await context.RequestServices.GetRequiredService<UnitAccess>().IsHiddenFromAsync(context.User, meetingId, context.RequestAborted))
            {
                // The same answer as for a meeting that does not exist (those reach their page, which says so).
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                if (context.Request.Path.StartsWithSegments("/api"))
                    await context.Response.WriteAsJsonAsync(new { Message = NotFoundText });
                else
                {
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>{NotFoundText}</title>"
                        + $"<body style=\"font-family:sans-serif;padding:2rem\"><p>{NotFoundText}</p><p><a href=\"/\">Về trang chủ</a></p></body></html>");
                }
                return;
            }
            await next();
        });
}
