using DoiThoai.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DoiThoai.Web.Features.Reports;

public partial class ReportsPage
{
    private static readonly (string Code, string Label)[] PeriodChoices =
    [
        ("q1", "Quý I"), ("q2", "Quý II"), ("q3", "Quý III"), ("q4", "Quý IV"),
        ("h1", "6 tháng đầu năm"), ("h2", "6 tháng cuối năm"), ("nam", "Cả năm"),
    ];

    private ReportScope? _scope;
    private ReportFigures? _figures;
    private string? _error;
    private string _periodCode = "q1";
    private int _year;

    [Inject] private ReportService Reports { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>?ky=q1..q4|h1|h2|nam, ?nam=2026, ?donvi={unitId}: the page's state lives in its address, so it can be shared.</summary>
    [SupplyParameterFromQuery(Name = "ky")] public string? PeriodQuery { get; set; }
    [SupplyParameterFromQuery(Name = "nam")] public string? YearQuery { get; set; }
    [SupplyParameterFromQuery(Name = "donvi")] public string? UnitQuery { get; set; }

    private IEnumerable<int> Years
    {
        get
        {
            var thisYear = Reports.Today.Year;
            var first = Math.Max(ReportPeriod.FirstYear, Math.Min(thisYear - 5, _year));
            var last = Math.Max(thisYear, _year);
            return Enumerable.Range(first, last - first + 1).Reverse();
        }
    }

    protected override void OnInitialized()
    {
        var period = ReportPeriod.QuarterOf(Reports.Today);
        (_periodCode, _year) = (period.Code, period.Year);
    }

    protected override async Task OnParametersSetAsync()
    {
        var load = await Reports.LoadAsync((await AuthState).User, PeriodQuery, YearQuery, UnitQuery);
        if (load.Status == StatusCodes.Status404NotFound)
        {
            // Another unit's id answers like one that does not exist.
            Navigation.NotFound();
            return;
        }
        (_scope, _figures, _error) = (load.Scope, load.Figures, load.Error);
        if (load.Figures?.Period is { } period) (_periodCode, _year) = (period.Code, period.Year);
    }

    private void PeriodChanged(string code) => Go(code, _year, ChosenUnit);

    private void YearChanged(int year) => Go(_periodCode, year, ChosenUnit);

    private void UnitChanged(Guid unit) => Go(_periodCode, _year, _scope is { } s && s.Choices[0].Id == unit ? null : unit);

    /// <summary>The unit in the address: none when it is the person's own.</summary>
    private Guid? ChosenUnit => _scope is { } s && s.Root.Id != s.Choices[0].Id ? s.Root.Id : null;

    private void Go(string code, int year, Guid? unit) =>
        Navigation.NavigateTo($"/bao-cao?ky={code}&nam={year}" + (unit is { } id ? $"&donvi={id}" : ""), replace: true);

    private string PathOf(string file) => ReportEndpoints.PathOf(file, _figures!.Period, ChosenUnit);

    private static string UnitLabel(Unit unit, ReportScope scope)
    {
        var depth = ReportService.Depth(unit, scope.Choices);
        if (depth == 0) return scope.Choices.Count > 1 ? $"{unit.Name} (tất cả đơn vị trực thuộc)" : unit.Name;
        return string.Concat(Enumerable.Repeat("— ", depth)) + unit.Name;
    }
}
