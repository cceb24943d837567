using System.Globalization;
using DoiThoai.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DoiThoai.Web.Features.Reports;

public partial class ReportDashboard
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The outcomes in the order the charts show them, each with its colour (green answered … red overdue … grey).</summary>
    private static readonly (OpinionResolution Resolution, string Label, string Colour)[] Outcomes =
    [
        (OpinionResolution.ResolvedAtMeeting, "Tại hội nghị", "#2e7d32"),
        (OpinionResolution.AnsweredOnTime, "Văn bản đúng hạn", "#00838f"),
        (OpinionResolution.AnsweredLate, "Văn bản trễ hạn", "#f9a825"),
        (OpinionResolution.Overdue, "Quá hạn", "#c62828"),
        (OpinionResolution.Pending, "Đang trong hạn", "#1565c0"),
        (OpinionResolution.AwaitingNotice, "Chờ thông báo kết luận", "#78909c"),
        (OpinionResolution.Forwarded, "Chuyển cấp trên", "#6a1b9a"),
        (OpinionResolution.NoOutcome, "Chưa xử lý", "#9e9e9e"),
    ];

    [Parameter, EditorRequired] public ReportFigures Figures { get; set; } = default!;
    /// <summary>A city or province: charts and tables name each commune.</summary>
    [Parameter] public bool AcrossUnits { get; set; }

    private List<ChartSeries<double>> _kindSeries = [], _fieldSeries = [], _resultSeries = [], _unitSeries = [];
    private string[] _kindLabels = [], _fieldLabels = [], _resultLabels = [], _unitLabels = [];
    private readonly BarChartOptions _kindOptions = new() { ShowValues = true, YAxisFormat = "0", ShowLegend = false };
    private readonly DonutChartOptions _fieldOptions = new() { ShowValues = true };
    private readonly BarChartOptions _resultOptions = new() { ShowValues = true, YAxisFormat = "0", ShowLegend = false, XAxisLabelRotation = 20 };
    private readonly StackedBarChartOptions _unitOptions = new() { YAxisFormat = "0", ChartPalette = Outcomes.Select(o => o.Colour).ToArray() };

    private ResolutionCounts R => Figures.Resolution;

    protected override void OnParametersSet()
    {
        var kinds = Enum.GetValues<MeetingKind>();
        _kindLabels = kinds.Select(k => k.ToVietnamese()).ToArray();
        _kindSeries = AcrossUnits
            ? Figures.Units.Select(u => new ChartSeries<double> { Name = u.UnitName, Data = kinds.Select(k => (double)u.MeetingsByKind[k]).ToArray() }).ToList()
            : [new ChartSeries<double> { Name = "Số cuộc", Data = kinds.Select(k => (double)Figures.MeetingsByKind[k]).ToArray() }];
        _kindOptions.ShowLegend = AcrossUnits;

        // The donut shows the fields that have opinions; an empty slice would only crowd the legend.
        var fields = Figures.ByField.Where(f => f.Opinions > 0).ToList();
        _fieldLabels = fields.Select(f => f.Field.ToVietnamese()).ToArray();
        _fieldSeries = [new ChartSeries<double> { Name = "Ý kiến", Data = fields.Select(f => (double)f.Opinions).ToArray() }];

        _resultLabels = Outcomes.Select(o => o.Label).ToArray();
        _resultSeries = [new ChartSeries<double> { Name = "Ý kiến", Data = Outcomes.Select(o => (double)Count(R, o.Resolution)).ToArray() }];

        _unitLabels = Figures.Units.Select(u => u.UnitName).ToArray();
        _unitSeries = Outcomes.Select(o => new ChartSeries<double>
        {
            Name = o.Label,
            Data = Figures.Units.Select(u => (double)Count(u.Resolution, o.Resolution)).ToArray(),
        }).ToList();

        // Counts are small whole numbers: a tick every 1, 2, 5 … instead of MudBlazor's default of 20 flattens no bar.
        _kindOptions.YAxisTicks = TickStep(_kindSeries.SelectMany(s => s.Data.Values).DefaultIfEmpty().Max());
        _resultOptions.YAxisTicks = TickStep(_resultSeries.SelectMany(s => s.Data.Values).DefaultIfEmpty().Max());
        _unitOptions.YAxisTicks = TickStep(Figures.Units.Select(u => (double)u.Resolution.Total).DefaultIfEmpty().Max());
    }

    /// <summary>A tick spacing giving at most about six ticks up to <paramref name="max"/>.</summary>
    public static int TickStep(double max)
    {
        foreach (var step in new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500 })
            if (max / step <= 6) return step;
        return (int)Math.Ceiling(max / 6 / 1000) * 1000;
    }

    public static int Count(ResolutionCounts counts, OpinionResolution resolution) => resolution switch
    {
        OpinionResolution.ResolvedAtMeeting => counts.ResolvedAtMeeting,
        OpinionResolution.AnsweredOnTime => counts.AnsweredOnTime,
        OpinionResolution.AnsweredLate => counts.AnsweredLate,
        OpinionResolution.Overdue => counts.Overdue,
        OpinionResolution.Pending => counts.Pending,
        OpinionResolution.AwaitingNotice => counts.AwaitingNotice,
        OpinionResolution.Forwarded => counts.Forwarded,
        _ => counts.NoOutcome,
    };

    private int Kind(MeetingKind kind) => Figures.MeetingsByKind[kind];

    private static string Percent(int part, int total) => total == 0 ? "0%" : (100.0 * part / total).ToString("0.#", Vietnamese) + "%";
}
