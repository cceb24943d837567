using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace DoiThoai.Web.Features.Preparation.Opinions;

public partial class CollectedOpinionsPage
{
    private string? _query;
    private OpinionField? _field;
    private CollectedChannel? _channel;
    private CollectedFilter _filter;
    private Guid? _department;
    private readonly HashSet<Guid> _selected = [];
    private bool _formOpen, _importing, _busy;
    private Opinion? _editingForm;
    private Guid? _editingId;
    private IReadOnlyList<Department> _departments = [];
    private IReadOnlyList<PreparationMilestone> _milestones = [];
    private IReadOnlyDictionary<Guid, Opinion> _duplicates = new Dictionary<Guid, Opinion>();
    private DateOnly _today;
    private DateOnly? _defaultDue;
    private DepartmentChoice _bulkChoice = new();
    private DateOnly? _bulkDue;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private CalendarService Calendars { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IOptions<DoiThoaiOptions> Options { get; set; } = default!;

    /// <summary>The address people reach from outside the hall network too, when one is configured.</summary>
    private string PublicFormAddress => $"{QrCodes.BaseUrl(Navigation, Options.Value)}{CollectedOpinionAccess.PublicFormPath(Meeting!.PublicCode)}";

    private string? DueHint => _defaultDue is { } due ? $"Theo kế hoạch: phân công xong trước {CollectedReports.Show(due)}" : null;

    protected override async Task OnMeetingLoadedAsync(AppDb db)
    {
        if (Meeting is null) return;
        // Departments of the meeting's own unit only: a commune gives its opinions to its own offices.
        _departments = await db.Departments.AsNoTracking().Where(d => d.UnitId == Meeting.UnitId).OrderBy(d => d.SortOrder).ToListAsync();
        var calendar = await Calendars.CalendarAsync(Meeting.UnitId);
        _today = DateOnly.FromDateTime(Now.DateTime);
        var meetingDay = DateOnly.FromDateTime(Clock.ToHallTime(Meeting.ScheduledStart).DateTime);
        _milestones = PreparationTimeline.For(Meeting.Kind, meetingDay, calendar)
            .Where(m => m.Key is PreparationTimeline.Collect or PreparationTimeline.Classify).ToList();
        _defaultDue = CollectedOpinionAccess.DefaultPrepareDue(Meeting, calendar, _today);
        _bulkDue ??= _defaultDue;
        _duplicates = CollectedView.LikelyDuplicates(Meeting.CollectedOpinions());
        // Selections of opinions that are gone or merged meanwhile are dropped.
        _selected.IntersectWith(Meeting.CollectedOpinions().Where(o => o.MergedIntoId is null).Select(o => o.Id));
        if (_editingId is { } id && Meeting.Opinions.All(o => o.Id != id)) _editingId = null;
    }

    private List<Opinion> Shown(IReadOnlyList<Opinion> all) => all
        .Where(o => (_field is null || o.Field == _field) && (_channel is null || o.Channel == _channel)
            && (_department is null || o.LeadAssignment?.DepartmentId == _department)
            && CollectedView.Matches(o, _filter, _today) && CollectedView.Matches(o, _query))
        .ToList();

    private void Select(Guid id, bool on)
    {
        if (on) _selected.Add(id);
        else _selected.Remove(id);
    }

    private void SelectAll(List<Opinion> shown, bool on)
    {
        foreach (var opinion in shown.Where(o => o.MergedIntoId is null)) Select(opinion.Id, on);
    }

    private void StartAdding() => (_formOpen, _editingForm) = (true, null);

    private void StartEditing(Opinion opinion) => (_formOpen, _editingForm) = (true, opinion);

    private void CloseForm() => (_formOpen, _editingForm) = (false, null);

    private void ToggleEditor(Guid id) => _editingId = _editingId == id ? null : id;

    private void Warn(string message) => Snackbar.Add(message, Severity.Warning);

    private async Task<string?> SaveAsync(CollectedOpinionDraft draft)
    {
        var editing = _editingForm;
        var result = await Commands.RunAsync(MeetingId, (await AuthState).User, CollectedOpinionAccess.Roles, (m, now) =>
            editing is null ? m.CollectOpinion(draft, now) : m.EditCollectedOpinion(editing.Id, draft, now));
        if (!result.Ok) return result.Error ?? MeetingCommands.SaveFailed;
        Snackbar.Add(editing is null ? $"Đã thêm ý kiến số {result.Value!.Number}." : $"Đã lưu ý kiến số {result.Value!.Number}.", Severity.Success);
        if (editing is not null) CloseForm();
        await ReloadAsync();
        return null;
    }

    private async Task<(CollectedImportResult?, string?)> ImportAsync(IReadOnlyList<CollectedOpinionDraft> drafts)
    {
        var result = await Commands.RunAsync(MeetingId, (await AuthState).User, CollectedOpinionAccess.Roles, (m, now) => m.ImportCollectedOpinions(drafts, now));
        if (!result.Ok) return (null, result.Error ?? MeetingCommands.SaveFailed);
        Snackbar.Add($"Đã nhập: {result.Value!.ToVietnamese()}", Severity.Success);
        await ReloadAsync();
        return (result.Value, null);
    }

    /// <summary>Runs one command of the editor; the message shows when it is done, the refusal when not.</summary>
    private async Task<bool> RunAsync(string done, Action<Meeting, DateTimeOffset> command)
    {
        _busy = true;
        try
        {
            var result = await Commands.RunAsync(MeetingId, (await AuthState).User, CollectedOpinionAccess.Roles, command);
            Snackbar.Add(result.Ok ? done : result.Error ?? MeetingCommands.SaveFailed, result.Ok ? Severity.Success : Severity.Warning);
            await ReloadAsync();
            return result.Ok;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>One batch for the selected opinions (usually one field for one department, as Mẫu 5 assigns): all or none.</summary>
    private async Task AssignSelectedAsync(List<Opinion> selected)
    {
        if (_bulkDue is not { } due)
        {
            Warn(OpinionEditor.NoDue);
            return;
        }
        if (_bulkChoice.Lead is not { } lead) return;
        var chosen = _bulkChoice.Selected.Select(id => _departments.First(d => d.Id == id).ToRef()).ToList();
        var ids = selected.Select(o => o.Id).ToList();
        var leadName = _departments.First(d => d.Id == lead).Name;
        var done = await RunAsync($"Đã giao {leadName} chủ trì chuẩn bị trả lời {ids.Count} ý kiến.", (m, now) =>
        {
            foreach (var id in ids) m.AssignCollectedOpinion(id, chosen, lead, due, now);
        });
        if (!done) return;
        _selected.Clear();
        _bulkChoice = new DepartmentChoice();
    }
}
