using System.Globalization;

namespace DoiThoai.Domain;

public enum ReportPeriodKind { Quarter, HalfYear, Year }

/// <summary>
/// The span a report covers (Mẫu 1: "theo quý, 6 tháng, năm"): a quarter, a half-year or a whole year, as calendar
/// dates in hall time. Query strings name it with <see cref="Code"/> ("q1".."q4", "h1", "h2", "nam") and the year.
/// </summary>
public sealed record ReportPeriod
{
    public const int FirstYear = 2000, LastYear = 2100;

    private ReportPeriod(ReportPeriodKind kind, int year, int number)
    {
        if (year is < FirstYear or > LastYear) throw new MeetingRuleException($"Năm báo cáo phải từ {FirstYear} đến {LastYear}.");
        Kind = kind;
        Year = year;
        Number = number;
    }

    public ReportPeriodKind Kind { get; }
    public int Year { get; }
    /// <summary>Quarter 1–4, half 1–2; 1 for a whole year.</summary>
    public int Number { get; }

    public static ReportPeriod Quarter(int year, int quarter) => quarter is >= 1 and <= 4
        ? new(ReportPeriodKind.Quarter, year, quarter)
        : throw new MeetingRuleException("Quý phải từ I đến IV.");

    public static ReportPeriod HalfYear(int year, int half) => half is 1 or 2
        ? new(ReportPeriodKind.HalfYear, year, half)
        : throw new MeetingRuleException("Nửa năm là 6 tháng đầu năm hoặc 6 tháng cuối năm.");

    public static ReportPeriod WholeYear(int year) => new(ReportPeriodKind.Year, year, 1);

    /// <summary>The quarter a day falls in: the report the office is working on.</summary>
    public static ReportPeriod QuarterOf(DateOnly day) => Quarter(day.Year, (day.Month - 1) / 3 + 1);

    public DateOnly From => Kind switch
    {
        ReportPeriodKind.Quarter => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        ReportPeriodKind.HalfYear => new DateOnly(Year, Number == 1 ? 1 : 7, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The last day, inclusive.</summary>
    public DateOnly To => Kind switch
    {
        ReportPeriodKind.Quarter => From.AddMonths(3).AddDays(-1),
        ReportPeriodKind.HalfYear => From.AddMonths(6).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The first instant of the period and the first after it, in hall time.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Instants =>
        (new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), Clock.VietnamOffset),
         new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Clock.VietnamOffset));

    public string Code => Kind switch
    {
        ReportPeriodKind.Quarter => $"q{Number}",
        ReportPeriodKind.HalfYear => $"h{Number}",
        _ => "nam",
    };

    /// <summary>"Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026".</summary>
    public string Label => Kind switch
    {
        ReportPeriodKind.Quarter => $"Quý {Roman(Number)}/{Year}",
        ReportPeriodKind.HalfYear => $"6 tháng {(Number == 1 ? "đầu" : "cuối")} năm {Year}",
        _ => $"Năm {Year}",
    };

    /// <summary>As the title of Mẫu 1 writes it: "QUÝ I/NĂM 2026".</summary>
    public string Heading => Kind switch
    {
        ReportPeriodKind.Quarter => $"QUÝ {Roman(Number)}/NĂM {Year}",
        ReportPeriodKind.HalfYear => $"6 THÁNG {(Number == 1 ? "ĐẦU" : "CUỐI")} NĂM {Year}",
        _ => $"NĂM {Year}",
    };

    /// <summary>As a sentence ends: "… với Nhân dân quý I năm 2026" / "6 tháng đầu năm 2026" / "năm 2026".</summary>
    public string InSentence => Kind switch
    {
        ReportPeriodKind.Quarter => $"quý {Roman(Number)} năm {Year}",
        ReportPeriodKind.HalfYear => $"6 tháng {(Number == 1 ? "đầu" : "cuối")} năm {Year}",
        _ => $"năm {Year}",
    };

    /// <summary>Reads ?ky=q1..q4|h1|h2|nam&amp;nam=2026; a missing code means the quarter of today, a missing year this year.</summary>
    public static ReportPeriod Parse(string? code, string? year, DateOnly today)
    {
        var y = today.Year;
        if (!string.IsNullOrWhiteSpace(year) && !int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out y))
            throw new MeetingRuleException($"Năm báo cáo \"{year}\" không hợp lệ. Hãy ghi năm bằng số, ví dụ {today.Year}.");
        var clean = (code ?? "").Trim().ToLowerInvariant();
        return clean switch
        {
            "" => string.IsNullOrWhiteSpace(year) ? QuarterOf(today) : WholeYear(y),
            "q1" or "q2" or "q3" or "q4" => Quarter(y, clean[1] - '0'),
            "h1" or "h2" => HalfYear(y, clean[1] - '0'),
            "nam" or "y" => WholeYear(y),
            _ => throw new MeetingRuleException($"Kỳ báo cáo \"{code}\" không hợp lệ. Hãy chọn quý (q1–q4), 6 tháng (h1, h2) hoặc cả năm (nam)."),
        };
    }

    public static string Roman(int number) => number switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => number.ToString(CultureInfo.InvariantCulture) };

    public override string ToString() => Label;
}
