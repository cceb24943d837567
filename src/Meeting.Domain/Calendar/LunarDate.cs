using System.Globalization;

namespace DoiThoai.Domain;

/// <summary>
/// Lunar (âm lịch) dates for the holidays that follow the moon. Uses .NET's lunisolar calendar; it is computed for
/// China's time zone, and in rare years (1985, 2007) Vietnam's calendar differs by a day — Tết is announced officially
/// every year anyway, so such a year is corrected with <see cref="CalendarOverride"/>s.
/// </summary>
public static class LunarDate
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The solar date of lunar day/month in the lunar year that begins in <paramref name="year"/>.</summary>
    public static DateOnly ToSolar(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        // A leap month shifts the index of every month after it ("nhuận tháng 2" makes the 3rd month index 4).
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>Mùng 1 Tết: the first day of the lunar year that begins in this solar year.</summary>
    public static DateOnly NewYear(int year) => ToSolar(year, 1, 1);
}
