using DoiThoai.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DoiThoai.Web.Features.Reception;

/// <summary>
/// The screening queue. It only raises callbacks with ids; the page runs the commands, so this part is tested
/// without a database.
/// </summary>
public partial class ScreeningList
{
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    [Parameter] public EventCallback<Guid> OnApprove { get; set; }
    [Parameter] public EventCallback<(Guid Id, string Reason)> OnReject { get; set; }
    [Parameter] public EventCallback<(Guid DuplicateId, Guid IntoId)> OnMerge { get; set; }
    [Parameter] public EventCallback<Guid> OnWrittenOnly { get; set; }
    [Parameter] public EventCallback<Guid> OnWithdraw { get; set; }
    [Parameter] public EventCallback<(Guid Id, OpinionField Field)> OnChangeField { get; set; }
    [Parameter] public EventCallback<Guid> OnBlockDevice { get; set; }

    private bool _busy;
    // Bumped after each field change so the pickers are rebuilt from the snapshot: a refused change must not stay shown.
    private int _fieldAttempts;

    /// <summary>Newest first: what a phone just sent is on top at once.</summary>
    private List<SpeakRequest> ToScreen => Meeting.Requests
        .Where(r => r.Status == SpeakRequestStatus.Submitted)
        .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Number)
        .ToList();

    // One action at a time per desk: a double click must not send the same command twice.
    private async Task RunAsync(Func<Task> action)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            await action();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ChangeFieldAsync(Guid id, OpinionField field)
    {
        await RunAsync(() => OnChangeField.InvokeAsync((id, field)));
        _fieldAttempts++;
    }

    private async Task RejectAsync(SpeakRequest request)
    {
        var parameters = new DialogParameters<RejectDialog> { { d => d.RequestNumber, request.Number } };
        var dialog = await Dialogs.ShowAsync<RejectDialog>(null, parameters, Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string reason } && !string.IsNullOrWhiteSpace(reason))
            await RunAsync(() => OnReject.InvokeAsync((request.Id, reason)));
    }

    private async Task MergeAsync(SpeakRequest request)
    {
        var parameters = new DialogParameters<MergeDialog>
        {
            { d => d.Meeting, Meeting },
            { d => d.DuplicateId, request.Id },
        };
        var dialog = await Dialogs.ShowAsync<MergeDialog>(null, parameters, Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: Guid into })
            await RunAsync(() => OnMerge.InvokeAsync((request.Id, into)));
    }

    private async Task WithdrawAsync(SpeakRequest request)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Rút đăng ký",
            $"Rút phiếu số {request.Number} của {request.Name}? Ý kiến sẽ không được đưa ra hội nghị.",
            yesText: "Rút đăng ký", cancelText: "Không");
        if (confirmed == true) await RunAsync(() => OnWithdraw.InvokeAsync(request.Id));
    }

    /// <summary>How many requests each phone sent: a phone with several is shown with a way to stop it.</summary>
    private Dictionary<string, int> RequestsPerDevice() =>
        Meeting.Requests.Where(r => r.Device is not null).GroupBy(r => r.Device!).ToDictionary(g => g.Key, g => g.Count());

    private async Task BlockDeviceAsync(SpeakRequest request)
    {
        var waiting = Meeting.FromSameDevice(request).Where(r => r.Status is SpeakRequestStatus.Submitted or SpeakRequestStatus.Approved).ToList();
        var confirmed = await Dialogs.ShowMessageBoxAsync("Chặn máy gửi hàng loạt",
            $"Không đưa {waiting.Count} phiếu đang chờ của máy này ra đối thoại (phiếu số {string.Join(", ", waiting.Select(r => r.Number))}) " +
            "và không nhận thêm phiếu từ máy này cho hội nghị này? Phiếu đã được mời phát biểu giữ nguyên.",
            yesText: "Chặn máy này", cancelText: "Không");
        if (confirmed == true) await RunAsync(() => OnBlockDevice.InvokeAsync(request.Id));
    }

    private static DialogOptions Options => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
