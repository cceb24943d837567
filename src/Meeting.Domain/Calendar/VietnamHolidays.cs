namespace DoiThoai.Domain;

/// <summary>Public holidays of the Labour Code 2019 (Điều 112), and the official swaps of recent years.</summary>
public static class VietnamHolidays
{
    /// <summary>Every day off of a year by the rules, with compensatory days for holidays on a weekend.</summary>
    public static IReadOnlyDictionary<DateOnly, string> DaysOff(int year)
    {
        var holidays = new SortedDictionary<DateOnly, string>();
        void Add(DateOnly d, string name) => holidays.TryAdd(d, name);

        Add(new DateOnly(year, 1, 1), "Tết Dương lịch");
        // Tết Nguyên đán, 5 days: the last day of the old lunar year and mùng 1–4 (the usual official choice).
        var tet = LunarDate.NewYear(year);
        for (var i = -1; i <= 3; i++) Add(tet.AddDays(i), "Tết Nguyên đán");
        Add(LunarDate.ToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương");
        Add(new DateOnly(year, 4, 30), "Ngày Chiến thắng");
        Add(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động");
        // Quốc khánh: 2/9 and one adjacent day — the day before, unless that is a Sunday (then the day after).
        var nationalDay = new DateOnly(year, 9, 2);
        Add(nationalDay, "Quốc khánh");
        Add(nationalDay.DayOfWeek == DayOfWeek.Monday ? nationalDay.AddDays(1) : nationalDay.AddDays(-1), "Quốc khánh");

        var result = new Dictionary<DateOnly, string>(holidays);
        foreach (var (date, name) in holidays)
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) continue;
            var compensatory = date.AddDays(1);
            while (compensatory.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || result.ContainsKey(compensatory))
                compensatory = compensatory.AddDays(1);
            result[compensatory] = $"Nghỉ bù {name}";
        }
        return result;
    }

    /// <summary>
    /// Swaps announced for public servants in recent years (thông báo của Bộ Nội vụ), where they differ from the rules.
    /// New years' swaps are entered by the office as overrides.
    /// </summary>
    public static readonly IReadOnlyList<CalendarOverride> OfficialOverrides =
    [
        // Tết Quý Mão 2023: off 20/01–26/01.
        new(new DateOnly(2023, 1, 20), false, "Tết Nguyên đán"),
        new(new DateOnly(2023, 1, 27), true, "Làm việc (lịch nghỉ Tết 2023 đến hết 26/01)"),
        // Tết Giáp Thìn 2024: off 08/02–14/02.
        new(new DateOnly(2024, 2, 8), false, "Tết Nguyên đán"),
        new(new DateOnly(2024, 2, 15), true, "Làm việc (lịch nghỉ Tết 2024 đến hết 14/02)"),
        // 30/4–1/5/2024: Monday 29/04 off, worked back on Saturday 04/05.
        new(new DateOnly(2024, 4, 29), false, "Nghỉ hoán đổi dịp 30/4 - 1/5"),
        new(new DateOnly(2024, 5, 4), true, "Làm bù cho ngày 29/4"),
        // Tết Ất Tỵ 2025: off 25/01–02/02.
        new(new DateOnly(2025, 1, 27), false, "Tết Nguyên đán"),
        new(new DateOnly(2025, 2, 3), true, "Làm việc (lịch nghỉ Tết 2025 đến hết 02/02)"),
        // 30/4–1/5/2025: Friday 02/05 off, worked back on Saturday 26/04.
        new(new DateOnly(2025, 5, 2), false, "Nghỉ hoán đổi dịp 30/4 - 1/5"),
        new(new DateOnly(2025, 4, 26), true, "Làm bù cho ngày 2/5"),
    ];
}
