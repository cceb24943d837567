using System.Globalization;
using DoiThoai.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DoiThoai.Web.Features.Calendar;

public partial class CalendarPage
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private const string BadDate = "Ngày không hợp lệ. Hãy ghi theo dạng ngày/tháng/năm, ví dụ 02/09/2027.";
    private static readonly string[] DayNames = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    private int _year, _thisYear;
    private WorkingCalendar? _calendar;
    private IReadOnlyList<CalendarEntry> _entries = [];
    private MudDatePicker? _picker;
    private readonly DayMonthYear _dateText = new();
    private DateTime? _date;
    private bool? _working;
    private string? _reason, _error;
    private bool _busy;
    private (Guid UnitId, DateOnly Date)? _confirmingRemoval;
    private Guid? _unitId;
    private bool _mayNational, _national;
    private IReadOnlyDictionary<Guid, string> _unitNames = new Dictionary<Guid, string>();

    [Inject] private CalendarService Calendars { get; set; } = default!;
    [Inject] private DoiThoai.Web.Features.Units.UnitAccess Units { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    /// <summary>?nam=2027 opens that year.</summary>
    [SupplyParameterFromQuery(Name = "nam")] public int? YearQuery { get; set; }

    private sealed record YearFacts(int WorkingDays, int Saturdays, int Sundays, int WeekendsWorked, int OffOnWeekdays);

    protected override async Task OnInitializedAsync()
    {
        _thisYear = Clock.ToHallTime(Time.GetUtcNow()).Year;
        _year = Math.Clamp(YearQuery ?? _thisYear, CalendarService.FirstYear, CalendarService.LastYear);
        var user = (await AuthState).User;
        _unitId = DoiThoai.Web.Features.Units.UnitAccess.UnitOf(user);
        _mayNational = await Calendars.MayEnterNationalAsync(user);
        _unitNames = (await Units.AllUnitsAsync()).ToDictionary(u => u.Id, u => u.Name);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _entries = await Calendars.EntriesAsync(_unitId);
        _calendar = await Calendars.CalendarAsync(_unitId);
    }

    private async Task AddAsync()
    {
        _busy = true;
        try
        {
            // Typed text that is no date leaves the last picked date behind: refuse rather than save that one.
            _error = _picker?.ConversionError == true
                ? BadDate
                : await Calendars.AddAsync((await AuthState).User, _date is { } d ? DateOnly.FromDateTime(d) : null, _working, _reason, _national);
            if (_error is not null) return;
            var day = DateOnly.FromDateTime(_date!.Value);
            Snackbar.Add($"Đã nhập ngày {CalendarService.Show(day)}: {CalendarService.KindOf(_working!.Value).ToLowerInvariant()}.", Severity.Success);
            (_date, _working, _reason, _year) = (null, null, null, day.Year);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private string ScopeName(Guid unitId) =>
        unitId == CalendarService.National ? "Toàn quốc" : _unitNames.GetValueOrDefault(unitId, "Đơn vị");

    /// <summary>One's own unit's entries; national ones only for the top unit's office.</summary>
    private bool MayRemove(CalendarEntry e) => e.UnitId == _unitId || (e.UnitId == CalendarService.National && _mayNational);

    private async Task RemoveAsync(CalendarEntry entry)
    {
        _confirmingRemoval = null;
        var error = await Calendars.RemoveAsync((await AuthState).User, entry.Date, entry.UnitId == CalendarService.National);
        if (error is null) Snackbar.Add($"Đã xóa ngày {CalendarService.Show(entry.Date)} khỏi danh sách đã nhập.", Severity.Success);
        else Snackbar.Add(error, Severity.Warning);
        await ReloadAsync();
    }

    private YearFacts Year(WorkingCalendar calendar)
    {
        int working = 0, saturdays = 0, sundays = 0, weekendsWorked = 0, offOnWeekdays = 0;
        for (var d = new DateOnly(_year, 1, 1); d.Year == _year; d = d.AddDays(1))
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var isWorking = calendar.IsWorkingDay(d);
            if (isWorking) working++;
            if (d.DayOfWeek == DayOfWeek.Saturday) saturdays++;
            if (d.DayOfWeek == DayOfWeek.Sunday) sundays++;
            if (weekend && isWorking) weekendsWorked++;
            if (!weekend && !isWorking) offOnWeekdays++;
        }
        return new(working, saturdays, sundays, weekendsWorked, offOnWeekdays);
    }

    private static string RuleNote(WorkingCalendar calendar, DateOnly date) =>
        calendar.IsWorkingDay(date) ? "Đi làm theo thông báo hoán đổi"
        : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? $"Trùng {DayName(date)}"
        : "";

    private static string DayName(DateOnly date) => DayNames[(int)date.DayOfWeek];

    /// <summary>dd/MM/yyyy both ways, refusing in Vietnamese: MudBlazor's own message is "Not a valid date time".</summary>
    private sealed class DayMonthYear : IReversibleConverter<DateTime?, string?>
    {
        public string? Convert(DateTime? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        public DateTime? ConvertBack(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null
            : DateTime.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw new FormatException(BadDate);
    }
}
