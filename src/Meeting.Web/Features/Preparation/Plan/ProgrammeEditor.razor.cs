using DoiThoai.Domain;
using DoiThoai.Web.Components;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DoiThoai.Web.Features.Preparation.Plan;

public partial class ProgrammeEditor
{
    private static readonly string PrimaryClass = PlainLook.Button(Variant.Filled, Color.Primary, "touch");
    private static readonly string OutlinedClass = PlainLook.Button(Variant.Outlined, Color.Primary, "touch");
    private static readonly string TextClass = PlainLook.Button(Variant.Text, Color.Primary, "touch");
    private static readonly string DangerClass = PlainLook.Button(Variant.Text, Color.Error, "touch");
    private static readonly string IconClass = PlainLook.OutlinedIconButton("touch");
    private static readonly MarkupString UpIcon = PlainLook.IconLabel(Icons.Material.Filled.ArrowUpward);
    private static readonly MarkupString DownIcon = PlainLook.IconLabel(Icons.Material.Filled.ArrowDownward);

    private int? _editing, _removing;
    private string _title = "", _newTitle = "";
    private int _minutes = 10, _newMinutes = 10;
    private string _template = AgendaTemplate.Standard.Key;
    private bool _busy, _confirmTemplate;
    private string? _error;

    /// <summary>The live snapshot of the preparation page: it reloads after each change.</summary>
    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    /// <summary>The office may change the programme; others read it.</summary>
    [Parameter] public bool Editable { get; set; }
    [Inject] private MeetingCommands Commands { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool CanEdit => Editable && Meeting.Status != MeetingStatus.Ended;

    private void StartEdit(AgendaItem step) => (_editing, _title, _minutes, _error) = (step.Number, step.Title, step.PlannedMinutes, null);

    private Task SaveStepAsync(int number)
    {
        var (title, minutes) = (_title, _minutes);
        return RunAsync(m => m.EditStep(number, title, minutes), () => _editing = null);
    }

    private Task MoveAsync(int number, int to) => RunAsync(m => m.MoveStep(number, to));

    private Task RemoveAsync(int number)
    {
        // Two taps: a step dropped by a stray finger would have to be typed again.
        if (_removing != number)
        {
            _removing = number;
            return Task.CompletedTask;
        }
        return RunAsync(m => m.RemoveStep(number));
    }

    private Task AddAsync()
    {
        var (title, minutes) = (_newTitle, _newMinutes);
        return RunAsync(m => m.AddStep(title, minutes), () => _newTitle = "");
    }

    private Task UseTemplateAsync()
    {
        if (!_confirmTemplate)
        {
            _confirmTemplate = true;
            return Task.CompletedTask;
        }
        var key = _template;
        return RunAsync(m => m.UseAgendaTemplate(key));
    }

    private async Task RunAsync(Action<Meeting> command, Action? done = null)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var result = await Commands.RunAsync(Meeting.Id, (await AuthState).User, PreparationPlans.Editors, (m, _) => command(m));
            _error = result.Ok ? null : result.Error ?? MeetingCommands.SaveFailed;
            if (result.Ok)
            {
                _removing = null;
                _confirmTemplate = false;
                done?.Invoke();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
