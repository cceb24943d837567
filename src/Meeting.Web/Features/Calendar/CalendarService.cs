using System.Globalization;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Calendar;

/// <summary>An official swap the office entered: a day off given (nghỉ) or a day worked back (làm bù). One per date.</summary>
public sealed class CalendarEntry
{
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
        // The date is the key: a second entry for a day is refused by the database too, not only by the form.
        e.HasKey(x => x.Date);
        e.Property(x => x.Reason).HasMaxLength(CalendarService.MaxReasonLength);
        e.Property(x => x.EnteredBy).HasMaxLength(256);
    }
}

/// <summary>
/// The working calendar every deadline is counted on: the Labour Code's holidays, the built-in official swaps, and the
/// swaps the office entered (which win). Built once and kept until an entry changes.
/// </summary>
public sealed class CalendarService(IDbContextFactory<AppDb> dbFactory, TimeProvider clock)
{
    public const string EditorRoles = "Admin,Organizer";
    public const int MaxReasonLength = 200;
    // ChineseLunisolarCalendar (Tết, Giỗ Tổ) ends in 2100; earlier years are of no use to a meeting.
    public const int FirstYear = 2000, LastYear = 2099;

    private readonly Lock _gate = new();
    private volatile WorkingCalendar? _calendar;
    private long _version;

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct = default)
    {
        if (_calendar is { } cached) return cached;
        long version;
        lock (_gate) version = _version;
        var calendar = WorkingCalendar.Vietnam((await EntriesAsync(ct)).Select(e => e.ToOverride()));
        // An entry saved while this was loading makes it stale: use it for this caller, keep it for no one.
        lock (_gate) if (_version == version) _calendar = calendar;
        return calendar;
    }

    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<CalendarEntry>().AsNoTracking().OrderBy(e => e.Date).ToListAsync(ct);
    }

    /// <summary>Enters a swap; null when saved, else why not (in Vietnamese) and nothing is changed.</summary>
    public async Task<string?> AddAsync(ClaimsPrincipal user, DateOnly? date, bool? isWorkingDay, string? reason, CancellationToken ct = default)
    {
        if (!user.IsInAny(EditorRoles)) return MeetingCommands.NoPermission;
        if (date is not { } day) return "Hãy chọn ngày (ngày/tháng/năm).";
        if (day.Year is < FirstYear or > LastYear) return $"Chỉ nhập được ngày từ năm {FirstYear} đến năm {LastYear}.";
        if (isWorkingDay is not { } working) return "Hãy chọn ngày đó là ngày nghỉ hay ngày làm bù.";
        var why = SearchText.Clean(reason ?? "");
        if (why.Length == 0) return "Hãy ghi lý do, ví dụ: Nghỉ Tết theo Thông báo của Bộ Nội vụ.";
        if (why.Length > MaxReasonLength) return $"Lý do tối đa {MaxReasonLength} ký tự.";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<CalendarEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Date == day, ct) is { } existing)
            return AlreadyEntered(existing);
        // An entry that changes nothing would only hide a typo (a wrong date or the wrong kind).
        var calendar = await CalendarAsync(ct);
        if (calendar.IsWorkingDay(day) == working)
            return working
                ? $"Ngày {Show(day)} vốn là ngày làm việc; không cần nhập làm bù."
                : $"Ngày {Show(day)} đã là ngày nghỉ ({calendar.WhyOff(day)}); không cần nhập.";

        db.Add(new CalendarEntry { Date = day, IsWorkingDay = working, Reason = why, EnteredBy = user.Identity?.Name ?? "", EnteredAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone entered the same day a moment ago.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var theirs = await fresh.Set<CalendarEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Date == day, ct);
            return theirs is null ? MeetingCommands.SaveFailed : AlreadyEntered(theirs);
        }
        Changed();
        return null;
    }

    /// <summary>Removes the entry of that day; null when removed, else why not.</summary>
    public async Task<string?> RemoveAsync(ClaimsPrincipal user, DateOnly date, CancellationToken ct = default)
    {
        if (!user.IsInAny(EditorRoles)) return MeetingCommands.NoPermission;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<CalendarEntry>().Where(e => e.Date == date).ExecuteDeleteAsync(ct) == 0)
            return $"Ngày {Show(date)} không còn trong danh sách đã nhập (có thể vừa có người xóa).";
        Changed();
        return null;
    }

    public static string Show(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string KindOf(bool isWorkingDay) => isWorkingDay ? "Làm bù" : "Nghỉ";

    private static string AlreadyEntered(CalendarEntry e) =>
        $"Ngày {Show(e.Date)} đã được nhập ({KindOf(e.IsWorkingDay).ToLowerInvariant()}: {e.Reason}). Muốn đổi, hãy xóa dòng đó rồi nhập lại.";

    private void Changed()
    {
        lock (_gate)
        {
            _version++;
            _calendar = null;
        }
    }
}
