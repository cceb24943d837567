using System.Globalization;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// The units a report covers: the chosen unit and every unit under it (a commune alone; a province with its communes).
/// <see cref="Choices"/> are the units the person may pick from: their own and those under it, in tree order.
/// </summary>
public sealed record ReportScope(Unit Root, Unit? Parent, IReadOnlyList<Unit> Units, IReadOnlyList<Unit> Choices)
{
    /// <summary>A city or province: the report spans several communes and names each.</summary>
    public bool AcrossUnits => Units.Count > 1;
}

/// <summary>A report ready to draw, or why not: a status code and a Vietnamese message.</summary>
public sealed record ReportLoad(ReportScope? Scope, ReportFigures? Figures, int Status, string? Error);

/// <summary>
/// Reads the meetings and follow-up items of the units a person may see and computes <see cref="ReportFigures"/>.
/// Nothing outside <see cref="UnitAccess.VisibleUnitsAsync"/> is ever loaded: a unit asked for by ?donvi= that the
/// person may not see answers as if it did not exist.
/// </summary>
public sealed class ReportService(IDbContextFactory<AppDb> dbFactory, UnitAccess access, TimeProvider time)
{
    public const string UnitNotFound = "Không tìm thấy đơn vị này.";

    private static readonly StringComparer VietnameseOrder = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    /// <summary>Today in hall time: what "quá hạn" is read against.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.ToHallTime(time.GetUtcNow()).DateTime);

    /// <param name="unitQuery">?donvi=: a unit id; empty for the person's own unit.</param>
    /// <returns>Null when the person has no unit, or asked for one they may not see (or that does not exist).</returns>
    public async Task<ReportScope?> ScopeAsync(ClaimsPrincipal user, string? unitQuery, CancellationToken ct = default)
    {
        if (UnitAccess.UnitOf(user) is not { } own) return null;
        var visible = await access.VisibleUnitsAsync(user, ct);
        var rootId = own;
        if (!string.IsNullOrWhiteSpace(unitQuery) && !Guid.TryParse(unitQuery.Trim(), out rootId)) return null;
        if (!visible.Contains(rootId)) return null;
        var all = await access.AllUnitsAsync(ct);
        var root = all.FirstOrDefault(u => u.Id == rootId);
        if (root is null) return null;
        return new ReportScope(root, all.FirstOrDefault(u => u.Id == root.ParentId), TreeOrder(rootId, all), TreeOrder(own, all));
    }

    /// <summary>Parses the period and the unit from the query, then loads and computes.</summary>
    public async Task<ReportLoad> LoadAsync(ClaimsPrincipal user, string? periodCode, string? year, string? unitQuery, CancellationToken ct = default)
    {
        ReportPeriod period;
        try
        {
            period = ReportPeriod.Parse(periodCode, year, Today);
        }
        catch (MeetingRuleException e)
        {
            return new(null, null, StatusCodes.Status400BadRequest, e.Message);
        }
        if (await ScopeAsync(user, unitQuery, ct) is not { } scope) return new(null, null, StatusCodes.Status404NotFound, UnitNotFound);
        return new(scope, await FiguresAsync(scope, period, ct), StatusCodes.Status200OK, null);
    }

    public async Task<ReportFigures> FiguresAsync(ReportScope scope, ReportPeriod period, CancellationToken ct = default)
    {
        var unitIds = scope.Units.Select(u => u.Id).ToList();
        var (start, end) = period.Instants;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Held in the period, or planned in it and not held yet (the dashboard counts those).
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => unitIds.Contains(m.UnitId))
            .Where(m => (m.StartedAt != null && m.StartedAt >= start && m.StartedAt < end)
                || (m.StartedAt == null && m.ScheduledStart >= start && m.ScheduledStart < end))
            .Include(m => m.Opinions).ThenInclude(o => o.Assignments)
            .AsSplitQuery()
            .ToListAsync(ct);
        var meetingIds = meetings.Where(m => m.StartedAt is not null).Select(m => m.Id).ToList();
        // Follow-up items are mapped by the follow-up feature; until its table exists the written answers read as pending.
        List<FollowUpItem> items = meetingIds.Count == 0 || db.Model.FindEntityType(typeof(FollowUpItem)) is null
            ? []
            : await db.Set<FollowUpItem>().AsNoTracking()
                .Where(i => meetingIds.Contains(i.MeetingId) && unitIds.Contains(i.UnitId))
                .ToListAsync(ct);
        return ReportFigures.Compute(meetings, items, scope.Units, period, Today);
    }

    /// <summary>The unit, then each unit under it (alphabetically at each level), depth first.</summary>
    public static IReadOnlyList<Unit> TreeOrder(Guid rootId, IReadOnlyList<Unit> all)
    {
        var children = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        var result = new List<Unit>();
        void Visit(Unit unit)
        {
            if (result.Any(u => u.Id == unit.Id)) return;
            result.Add(unit);
            foreach (var child in children[unit.Id].OrderBy(u => u.Name, VietnameseOrder)) Visit(child);
        }
        if (all.FirstOrDefault(u => u.Id == rootId) is { } root) Visit(root);
        return result;
    }

    /// <summary>How deep a unit sits below the person's own (for indenting the picker).</summary>
    public static int Depth(Unit unit, IReadOnlyList<Unit> choices)
    {
        var depth = 0;
        for (var parent = unit.ParentId; parent is { } id && choices.FirstOrDefault(u => u.Id == id) is { } p; parent = p.ParentId) depth++;
        return depth;
    }
}
