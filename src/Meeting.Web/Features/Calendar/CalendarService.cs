using System.Globalization;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Calendar;

/// <summary>
/// A swap an office entered: a day off given (nghỉ) or a day worked back (làm bù). One per date and unit: national dates
/// (<see cref="CalendarService.National"/>) count for every unit, a unit's own count for it and the units under it.
/// </summary>
public sealed class CalendarEntry
{
    public Guid UnitId { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public string Reason { get; set; } = "";
    public string EnteredBy { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }

    public CalendarOverride ToOverride() => new(Date, IsWorkingDay, Reason);
}

internal sealed class CalendarEntryMapping : IEntityTypeConfiguration<CalendarEntry>
{
    public void Configure(EntityTypeBuilder<CalendarEntry> e)
    {
        e.ToTable("CalendarOverrides");
        // Unit and date are the key: a second entry for a day is refused by the database too, not only by the form.
        e.HasKey(x => new { x.UnitId, x.Date });
        e.Property(x => x.Reason).HasMaxLength(CalendarService.MaxReasonLength);
        e.Property(x => x.EnteredBy).HasMaxLength(256);
    }
}

/// <summary>
/// The working calendar every deadline is counted on: the Labour Code's holidays, the built-in official swaps, and the
/// swaps the office entered (which win). Built once and kept until an entry changes.
/// </summary>
public sealed class CalendarService
{
    private readonly IDbContextFactory<AppDb> dbFactory;
    private readonly TimeProvider clock;
    private readonly UnitAccess units;
    private readonly NodeCaches _caches;

    public CalendarService(IDbContextFactory<AppDb> dbFactory, TimeProvider clock, UnitAccess units, NodeCaches caches)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        this.units = units;
        _caches = caches;
        caches.Register(NodeCaches.Calendars, Forget);
    }

    public const string EditorRoles = "Admin,Organizer";
    /// <summary>The unit id of national entries: the Government's swaps, entered by the top unit's office.</summary>
    public static readonly Guid National = Guid.Empty;
    public const int MaxReasonLength = 200;
    // ChineseLunisolarCalendar (Tết, Giỗ Tổ) ends in 2100; earlier years are of no use to a meeting.
    public const int FirstYear = 2000, LastYear = 2099;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, WorkingCalendar> _calendars = [];
    private long _version;

    /// <summary>
    /// The calendar a unit's deadlines are counted on: national entries, then those of the unit's parents, then its own
    /// (the nearest wins). Without a unit: the national calendar.
    /// </summary>
    public async Task<WorkingCalendar> CalendarAsync(Guid? unitId = null, CancellationToken ct = default)
    {
        var key = unitId ?? National;
        long version;
        lock (_gate)
        {
            if (_calendars.TryGetValue(key, out var cached)) return cached;
            version = _version;
        }
        var calendar = WorkingCalendar.Vietnam((await EntriesAsync(key, ct)).Select(e => e.ToOverride()));
        // An entry saved while this was loading makes it stale: use it for this caller, keep it for no one.
        lock (_gate) if (_version == version) _calendars[key] = calendar;
        return calendar;
    }

    /// <summary>The calendar of the unit a meeting belongs to.</summary>
    public async Task<WorkingCalendar> ForMeetingAsync(Guid meetingId, CancellationToken ct = default) =>
        await CalendarAsync(await units.UnitOfMeetingAsync(meetingId, ct), ct);

    /// <summary>Each unit's calendar, for lists that span units (follow-up items, reminders).</summary>
    public async Task<Func<Guid, WorkingCalendar>> ForUnitsAsync(IEnumerable<Guid> unitIds, CancellationToken ct = default)
    {
        var calendars = new Dictionary<Guid, WorkingCalendar>();
        foreach (var unitId in unitIds.Distinct()) calendars[unitId] = await CalendarAsync(unitId, ct);
        var national = await CalendarAsync(null, ct);
        return unitId => calendars.GetValueOrDefault(unitId, national);
    }

    /// <summary>The entries that count for a unit, the most general first (national, then parents, then its own).</summary>
    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Guid? unitId = null, CancellationToken ct = default)
    {
        var chain = await ChainAsync(unitId ?? National, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.Set<CalendarEntry>().AsNoTracking().Where(e => chain.Contains(e.UnitId)).ToListAsync(ct);
        return entries.OrderBy(e => chain.IndexOf(e.UnitId)).ThenBy(e => e.Date).ToList();
    }

    /// <summary>National first, then the unit's parents from the top down, then the unit.</summary>
    private async Task<List<Guid>> ChainAsync(Guid unitId, CancellationToken ct)
    {
        var chain = new List<Guid>();
        if (unitId != National)
        {
            var all = (await units.AllUnitsAsync(ct)).ToDictionary(u => u.Id);
            for (Guid? id = unitId; id is { } current && all.TryGetValue(current, out var unit) && !chain.Contains(current); id = unit.ParentId)
                chain.Add(current);
        }
        chain.Add(National);
        chain.Reverse();
        return chain;
    }

    /// <summary>National dates are the top unit's office's to enter (a unit without a parent); a unit's, its own office's.</summary>
    public async Task<bool> MayEnterNationalAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        user.IsInAny(EditorRoles) && UnitAccess.UnitOf(user) is { } own
        && (await units.AllUnitsAsync(ct)).FirstOrDefault(u => u.Id == own) is { ParentId: null };

    /// <summary>Enters a swap; null when saved, else why not (in Vietnamese) and nothing is changed.</summary>
    /// <param name="national">For every unit (only the top unit's office); otherwise for the person's own unit and those under it.</param>
    public async Task<string?> AddAsync(ClaimsPrincipal user, DateOnly? date, bool? isWorkingDay, string? reason, bool national = false,
        CancellationToken ct = default)
    {
        if (await TargetAsync(user, national, ct) is not { } unitId) return national ? NationalOnlyTop : MeetingCommands.NoPermission;
        if (date is not { } day) return "Hãy chọn ngày (ngày/tháng/năm).";
        if (day.Year is < FirstYear or > LastYear) return $"Chỉ nhập được ngày từ năm {FirstYear} đến năm {LastYear}.";
        if (isWorkingDay is not { } working) return "Hãy chọn ngày đó là ngày nghỉ hay ngày làm bù.";
        var why = SearchText.Clean(reason ?? "");
        if (why.Length == 0) return "Hãy ghi lý do, ví dụ: Nghỉ Tết theo Thông báo của Bộ Nội vụ.";
        if (why.Length > MaxReasonLength) return $"Lý do tối đa {MaxReasonLength} ký tự.";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<CalendarEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.UnitId == unitId && e.Date == day, ct) is { } existing)
            return AlreadyEntered(existing);
        // An entry that changes nothing would only hide a typo (a wrong date or the wrong kind).
        var calendar = await CalendarAsync(unitId, ct);
        if (calendar.IsWorkingDay(day) == working)
            return working
                ? $"Ngày {Show(day)} vốn là ngày làm việc; không cần nhập làm bù."
                : $"Ngày {Show(day)} đã là ngày nghỉ ({calendar.WhyOff(day)}); không cần nhập.";

        db.Add(new CalendarEntry { UnitId = unitId, Date = day, IsWorkingDay = working, Reason = why, EnteredBy = user.Identity?.Name ?? "", EnteredAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone entered the same day a moment ago.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var theirs = await fresh.Set<CalendarEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.UnitId == unitId && e.Date == day, ct);
            return theirs is null ? MeetingCommands.SaveFailed : AlreadyEntered(theirs);
        }
        Changed();
        return null;
    }

    /// <summary>Removes the entry of that day; null when removed, else why not.</summary>
    public async Task<string?> RemoveAsync(ClaimsPrincipal user, DateOnly date, bool national = false, CancellationToken ct = default)
    {
        if (await TargetAsync(user, national, ct) is not { } unitId) return national ? NationalOnlyTop : MeetingCommands.NoPermission;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<CalendarEntry>().Where(e => e.UnitId == unitId && e.Date == date).ExecuteDeleteAsync(ct) == 0)
            return $"Ngày {Show(date)} không còn trong danh sách đã nhập (có thể vừa có người xóa).";
        Changed();
        return null;
    }

    public static string Show(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string KindOf(bool isWorkingDay) => isWorkingDay ? "Làm bù" : "Nghỉ";

    private static string AlreadyEntered(CalendarEntry e) =>
        $"Ngày {Show(e.Date)} đã được nhập ({KindOf(e.IsWorkingDay).ToLowerInvariant()}: {e.Reason}). Muốn đổi, hãy xóa dòng đó rồi nhập lại.";

    public const string NationalOnlyTop =
        "Ngày nghỉ, ngày làm bù áp dụng toàn quốc chỉ do văn phòng của đơn vị cấp trên cùng nhập; hãy nhập cho đơn vị của mình.";

    /// <summary>Whose calendar an edit changes: national (top unit's office only) or the person's own unit; null: not theirs to edit.</summary>
    private async Task<Guid?> TargetAsync(ClaimsPrincipal user, bool national, CancellationToken ct)
    {
        if (!user.IsInAny(EditorRoles)) return null;
        if (national) return await MayEnterNationalAsync(user, ct) ? National : null;
        return UnitAccess.UnitOf(user);
    }

    /// <summary>An entry was added or removed here: forgotten on this node and the others.</summary>
    private void Changed() => _caches.Changed(NodeCaches.Calendars);

    private void Forget()
    {
        lock (_gate)
        {
            _version++;
            _calendars.Clear();
        }
    }
}
