using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DoiThoai.Web.Features.Preparation.Plan;

public partial class PlanFields
{
    public const string BadDate = "Ngày họp không hợp lệ. Hãy ghi theo dạng ngày/tháng/năm, ví dụ 25/11/2026.";
    public const string BadTime = "Giờ họp không hợp lệ. Hãy ghi theo dạng giờ:phút (24 giờ), ví dụ 14:00.";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private readonly DayMonthYear _dateText = new();
    private MudDatePicker? _datePicker;
    private MudTimePicker? _timePicker;

    [Parameter, EditorRequired] public PlanForm Form { get; set; } = default!;

    /// <summary>Typed text that is no date or time leaves the last good value behind: the caller refuses rather than save that.</summary>
    public string? InputError =>
        _datePicker?.ConversionError == true ? BadDate
        : _timePicker?.ConversionError == true ? BadTime
        : null;

    /// <summary>dd/MM/yyyy both ways, refusing in Vietnamese (MudBlazor's own message is "Not a valid date time").</summary>
    private sealed class DayMonthYear : IReversibleConverter<DateTime?, string?>
    {
        public string? Convert(DateTime? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        public DateTime? ConvertBack(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null
            : DateTime.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw new FormatException(BadDate);
    }
}
