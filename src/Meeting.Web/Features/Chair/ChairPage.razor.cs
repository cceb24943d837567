using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace DoiThoai.Web.Features.Chair;

/// <summary>
/// Runs every chair action through <see cref="MeetingCommands"/> and shows a refusal in a snackbar. The page itself
/// needs no refresh after a command: the feed reloads it, on this tablet and on the co-chair's.
/// </summary>
public partial class ChairPage
{
    private IReadOnlyList<Department> _departments = [];
    private bool _running;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnMeetingLoadedAsync(AppDb db)
    {
        if (_departments.Count == 0)
            _departments = await db.Departments.AsNoTracking().Where(d => d.UnitId == Meeting!.UnitId).OrderBy(d => d.SortOrder).ToListAsync();
    }

    /// <param name="reloadIfRefused">Redraw from the database, e.g. after a drag the server refused.</param>
    private async Task<bool> RunAsync(Action<Meeting, DateTimeOffset> command, bool reloadIfRefused = false)
    {
        // A second tap while the first is being saved would only earn a confusing refusal.
        if (_running) return false;
        _running = true;
        try
        {
            var user = (await AuthState).User;
            var result = await Commands.RunAsync(MeetingId, user, StaffRoles.ChairSeat, command);
            if (result.Ok) return true;
            Snackbar.Add(result.Error ?? MeetingCommands.SaveFailed, Severity.Warning);
            if (reloadIfRefused) await ReloadAsync();
            return false;
        }
        finally
        {
            _running = false;
        }
    }

    private Task StartMeetingAsync() => RunAsync((m, now) => m.Start(now));

    private Task NextStepAsync() => RunAsync((m, now) => m.NextStep(now));

    private async Task GoToStepAsync(int number)
    {
        if (Meeting?.Agenda.FirstOrDefault(a => a.Number == number) is not { } step) return;
        var goingBack = number < Meeting.CurrentStepNumber && step.IsFinished;
        if (goingBack)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Quay lại bước đã kết thúc?",
                $"Bước {number} ({step.Title}) đã kết thúc. Quay lại sẽ mở lại bước này và kết thúc bước đang diễn ra.",
                yesText: $"Quay lại bước {number}", cancelText: "Không");
            if (confirmed != true) return;
        }
        await RunAsync((m, now) => m.GoToStep(number, now, confirmGoingBack: goingBack));
    }

    private async Task EndMeetingAsync()
    {
        // Nothing may be dropped silently: what is still open is named, and closing answers it in writing.
        var open = Meeting!.OpenItems();
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Bế mạc hội nghị?",
            (open.IsEmpty ? "" : $"Còn {open.Describe()}. Khi bế mạc, các phiếu, ý kiến này chuyển sang trả lời bằng văn bản; "
                + "thư ký giao phòng, ban chủ trì trước khi ban hành thông báo kết luận. ")
            + "Sau khi bế mạc, hội nghị không thể khai mạc lại và không nhận thêm lượt phát biểu.",
            yesText: "Bế mạc", cancelText: "Chưa");
        if (confirmed == true) await RunAsync((m, now) => m.End(now));
    }

    private Task CallNextAsync() => RunAsync((m, now) => m.CallNext(now));

    private Task MoveAsync(QueueMove move) => move.NewIndex == 0
        ? RunAsync((m, now) => m.MoveToTop(move.RequestId, move.QueueVersion, now), reloadIfRefused: true)
        : RunAsync((m, now) => m.MoveInQueue(move.RequestId, move.NewIndex, move.QueueVersion, now), reloadIfRefused: true);

    private async Task PriorityTurnAsync()
    {
        var dialog = await Dialogs.ShowAsync<PriorityTurnDialog>("Lượt phát biểu ưu tiên",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: PriorityTurn turn })
            await RunAsync((m, now) => m.InsertPriorityTurn(turn.Name, turn.Reason, now));
    }

    private Task StartTimerAsync() => RunAsync((m, now) => m.StartTimer(now));

    private Task PauseTimerAsync() => RunAsync((m, now) => m.PauseTimer(now));

    private Task ExtendTimerAsync() => RunAsync((m, now) => m.ExtendTimer(1, now));

    private Task FinishTurnAsync() => RunAsync((m, now) => m.FinishTurn(now));

    private Task PutBackAsync() => RunAsync((m, now) => m.PutBack(now));

    private Task AnswerByChairAsync(Guid opinionId) => RunAsync((m, now) => m.AnswerByChair(opinionId, now));

    private Task AssignAsync(DepartmentAssignment assignment) =>
        RunAsync((m, now) => m.AssignDepartments(assignment.OpinionId, assignment.Departments, assignment.LeadId, now,
            new SeenLead(assignment.SeenLeadId)), reloadIfRefused: true);

    private Task CallDepartmentAsync(Guid assignmentId) => RunAsync((m, now) => m.CallDepartment(assignmentId, now));

    /// <summary>Refused when another seat recorded a different outcome since this page showed the opinion.</summary>
    private async Task SetOutcomeAsync(OutcomeChoice choice)
    {
        var by = (await AuthState).User.Identity?.Name;
        if (await RunAsync((m, now) => m.SetOutcome(choice.OpinionId, choice.Outcome, now, expected: choice.Seen, by: by), reloadIfRefused: true))
            Snackbar.Add($"Đã ghi kết quả: {choice.Outcome.ToVietnamese()}.", Severity.Success);
    }

    private async Task FollowUpAsync(Guid opinionId)
    {
        if (Meeting?.Opinions.FirstOrDefault(o => o.Id == opinionId) is not { } opinion) return;
        var parameters = new DialogParameters<FollowUpDialog>
        {
            { d => d.OpinionId, opinion.Id },
            { d => d.Name, opinion.SubmitterName },
            { d => d.Place, opinion.SubmitterPlace },
            { d => d.Places, Meeting.Places },
        };
        var dialog = await Dialogs.ShowAsync<FollowUpDialog>($"Trao đổi thêm về ý kiến số {opinion.Number}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: FollowUpTurn turn })
            await RunAsync((m, now) => m.QueueFollowUp(turn.OpinionId, turn.Name, turn.Place, now));
    }

    private async Task EditStepAsync(int number)
    {
        if (Meeting?.Agenda.FirstOrDefault(a => a.Number == number) is not { } step) return;
        var parameters = new DialogParameters<StepEditDialog>
        {
            { d => d.Number, step.Number },
            { d => d.Title, step.Title },
            { d => d.PlannedMinutes, step.PlannedMinutes },
        };
        var dialog = await Dialogs.ShowAsync<StepEditDialog>($"Sửa bước {number}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: StepEdit edit })
            await RunAsync((m, _) => m.EditStep(edit.Number, edit.Title, edit.PlannedMinutes));
    }
}
