using DoiThoai.Domain;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DoiThoai.Web.Features.Preparation.Plan;

public partial class NewMeetingPage
{
    private PlanForm? _form;
    private PlanFields? _fields;
    private string? _unitName, _error;
    private bool _busy;

    [Inject] private MeetingCommands Commands { get; set; } = default!;
    [Inject] private UnitAccess Units { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        var unitId = UnitAccess.UnitOf(user);
        _unitName = (await Units.AllUnitsAsync()).FirstOrDefault(u => u.Id == unitId)?.Name;
        _form = PlanForm.For(_unitName, Clock.ToHallTime(Time.GetUtcNow()).Year);
        if (unitId is null) _error = PreparationPlans.NoUnit;
    }

    private async Task CreateAsync()
    {
        if (_form is null) return;
        _busy = true;
        try
        {
            if (_fields?.InputError is { } bad)
            {
                _error = bad;
                return;
            }
            var (id, error) = await PreparationPlans.CreateAsync(Commands, (await AuthState).User, _form);
            _error = error;
            if (id is not { } meetingId) return;
            Snackbar.Add($"Đã tạo hội nghị: {_form.Title?.Trim()}.", Severity.Success);
            Navigation.NavigateTo($"/preparation/{meetingId}");
        }
        finally
        {
            _busy = false;
        }
    }
}
