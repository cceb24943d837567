namespace DoiThoai.Domain.Tests;

/// <summary>The working calendar against the official holiday schedules for public servants (Bộ Nội vụ) of 2023–2026.</summary>
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Every day from first to last is off; the working day before and after are worked.</summary>
    private static void OffFromTo(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1)) Assert.False(Calendar.IsWorkingDay(d), $"{d:dd/MM/yyyy} should be a day off");
        Assert.True(Calendar.IsWorkingDay(first.AddDays(-1)), $"{first.AddDays(-1):dd/MM/yyyy} should be worked");
        Assert.True(Calendar.IsWorkingDay(last.AddDays(1)), $"{last.AddDays(1):dd/MM/yyyy} should be worked");
    }

    [Theory]
    [InlineData(2023, 1, 22)]
    [InlineData(2024, 2, 10)]
    [InlineData(2025, 1, 29)]
    [InlineData(2026, 2, 17)]
    [InlineData(2027, 2, 6)]
    [InlineData(2028, 1, 26)]
    public void Lunar_new_year_falls_on_the_official_date(int year, int month, int day) =>
        Assert.Equal(D(year, month, day), LunarDate.NewYear(year));

    [Fact]
    public void Tet_2023_off_from_20_to_26_January() => OffFromTo(D(2023, 1, 20), D(2023, 1, 26));

    [Fact]
    public void Tet_2024_off_from_8_to_14_February() => OffFromTo(D(2024, 2, 8), D(2024, 2, 14));

    [Fact]
    public void Tet_2025_off_from_25_January_to_2_February() => OffFromTo(D(2025, 1, 25), D(2025, 2, 2));

    [Fact]
    public void Tet_2026_off_from_14_to_22_February_by_the_rules_alone()
    {
        OffFromTo(D(2026, 2, 14), D(2026, 2, 22));
        Assert.DoesNotContain(Calendar.Overrides, o => o.Date.Year == 2026);
        Assert.Equal("Tết Nguyên đán", Calendar.WhyOff(D(2026, 2, 17)));
    }

    [Fact]
    public void Hung_Kings_day_follows_the_lunar_leap_month()
    {
        // 2023 had a leap second month: 10/3 lunar fell on Saturday 29/04, with 30/4 on Sunday: off until Wednesday 03/05.
        Assert.Equal(D(2023, 4, 29), LunarDate.ToSolar(2023, 3, 10));
        OffFromTo(D(2023, 4, 29), D(2023, 5, 3));
        Assert.StartsWith("Nghỉ bù", Calendar.WhyOff(D(2023, 5, 2)));
        Assert.Equal(D(2024, 4, 18), LunarDate.ToSolar(2024, 3, 10));
        Assert.Equal(D(2025, 4, 7), LunarDate.ToSolar(2025, 3, 10));
    }

    [Fact]
    public void Reunification_and_labour_day_swaps_of_2024_and_2025()
    {
        OffFromTo(D(2024, 4, 27), D(2024, 5, 1));
        Assert.True(Calendar.IsWorkingDay(D(2024, 5, 4))); // Saturday worked back
        OffFromTo(D(2025, 4, 30), D(2025, 5, 4));
        Assert.True(Calendar.IsWorkingDay(D(2025, 4, 26)));
    }

    [Fact]
    public void National_day_takes_an_adjacent_day()
    {
        OffFromTo(D(2024, 8, 31), D(2024, 9, 3)); // Monday 2/9 and Tuesday 3/9
        OffFromTo(D(2025, 8, 30), D(2025, 9, 2)); // Monday 1/9 and Tuesday 2/9
        OffFromTo(D(2023, 9, 1), D(2023, 9, 4));  // Friday 1/9, Saturday 2/9, compensatory Monday 4/9
    }

    [Fact]
    public void The_conclusion_notice_of_a_meeting_before_Tet_is_due_after_the_holiday()
    {
        // A meeting on Monday 09/02/2026: 4 working days before Tết (14–22/02 off), 6 after it.
        var notice = Calendar.AddWorkingDays(D(2026, 2, 9), 10);
        Assert.Equal(D(2026, 3, 2), notice);
        // Departments answer 15 working days after the notice.
        Assert.Equal(D(2026, 3, 23), Calendar.AddWorkingDays(notice, 15));
        Assert.Equal(10, Calendar.WorkingDaysBetween(D(2026, 2, 9), notice));
        Assert.Equal(-10, Calendar.WorkingDaysBetween(notice, D(2026, 2, 9)));
    }

    [Fact]
    public void Counting_back_skips_weekends_and_holidays()
    {
        // Opinions collected at least 7 working days before a meeting on Tuesday 05/05/2026: 30/4 and 1/5 are off, and
        // Giỗ Tổ (10/3 lunar) falls on Sunday 26/04, so Monday 27/04 is off too.
        Assert.Equal(D(2026, 4, 21), Calendar.SubtractWorkingDays(D(2026, 5, 5), 7));
        Assert.Equal("Nghỉ bù Giỗ Tổ Hùng Vương", Calendar.WhyOff(D(2026, 4, 27)));
        Assert.Equal(D(2026, 1, 5), Calendar.AddWorkingDays(D(2026, 1, 2), 1));
    }

    [Fact]
    public void An_entered_override_wins_over_the_rules()
    {
        var swapped = WorkingCalendar.Vietnam([
            new CalendarOverride(D(2026, 1, 2), false, "Nghỉ hoán đổi Tết Dương lịch"),
            new CalendarOverride(D(2026, 1, 10), true, "Làm bù cho ngày 02/01"),
        ]);

        Assert.False(swapped.IsWorkingDay(D(2026, 1, 2)));
        Assert.Equal("Nghỉ hoán đổi Tết Dương lịch", swapped.WhyOff(D(2026, 1, 2)));
        Assert.True(swapped.IsWorkingDay(D(2026, 1, 10)));
        Assert.True(Calendar.IsWorkingDay(D(2026, 1, 2)));
    }
}
