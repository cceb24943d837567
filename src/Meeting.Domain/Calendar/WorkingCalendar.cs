namespace DoiThoai.Domain;

/// <summary>A year's official change to the default calendar: a day off given (nghỉ) or a Saturday worked (làm bù).</summary>
public sealed record CalendarOverride(DateOnly Date, bool IsWorkingDay, string Reason);

/// <summary>
/// Working days as the deadlines of the plan count them ("chậm nhất 10 ngày làm việc sau hội nghị"): Saturdays,
/// Sundays and public holidays are not working days; a holiday on a weekend gives the next working day off (nghỉ bù);
/// each year's official swaps are entered as overrides and win over the rules.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarOverride> _overrides;
    private readonly Dictionary<int, IReadOnlyDictionary<DateOnly, string>> _daysOffByYear = [];
    private readonly Lock _gate = new();

    public WorkingCalendar(IEnumerable<CalendarOverride>? overrides = null)
    {
        _overrides = [];
        foreach (var o in overrides ?? []) _overrides[o.Date] = o;
    }

    /// <summary>The calendar with the official swaps already known (see <see cref="VietnamHolidays.OfficialOverrides"/>).</summary>
    public static WorkingCalendar Vietnam(IEnumerable<CalendarOverride>? more = null) =>
        new(VietnamHolidays.OfficialOverrides.Concat(more ?? []));

    public IReadOnlyCollection<CalendarOverride> Overrides => _overrides.Values;

    public bool IsWorkingDay(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var o)) return o.IsWorkingDay;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !DaysOff(date.Year).ContainsKey(date);
    }

    /// <summary>Why a day is not worked ("Tết Nguyên đán", "Nghỉ bù Quốc khánh", "Thứ Bảy"), or null on a working day.</summary>
    public string? WhyOff(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var o)) return o.IsWorkingDay ? null : o.Reason;
        if (DaysOff(date.Year).TryGetValue(date, out var reason)) return reason;
        return date.DayOfWeek switch { DayOfWeek.Saturday => "Thứ Bảy", DayOfWeek.Sunday => "Chủ nhật", _ => null };
    }

    /// <summary>The date <paramref name="count"/> working days after <paramref name="start"/> (the start day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var date = start;
        for (var left = count; left > 0;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>The date <paramref name="count"/> working days before <paramref name="end"/> ("trước hội nghị 7 ngày làm việc").</summary>
    public DateOnly SubtractWorkingDays(DateOnly end, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var date = end;
        for (var left = count; left > 0;)
        {
            date = date.AddDays(-1);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    private IReadOnlyDictionary<DateOnly, string> DaysOff(int year)
    {
        lock (_gate)
        {
            if (!_daysOffByYear.TryGetValue(year, out var days))
                _daysOffByYear[year] = days = VietnamHolidays.DaysOff(year);
            return days;
        }
    }
}
