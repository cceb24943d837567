using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DoiThoai.Web.Features.FollowUp;

public partial class FollowUpItemPage
{
    private FollowUpDetail? _detail;
    private bool _loading = true, _busy;
    private string? _text, _reference, _error;
    private DateTime? _date;
    private DateOnly _today;
    private IBrowserFile? _file;
    private MudFileUpload<IBrowserFile>? _upload;

    [Parameter] public Guid ItemId { get; set; }
    [Inject] private FollowUpService FollowUps { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync(fillForm: true);
        _loading = false;
    }

    private async Task LoadAsync(bool fillForm)
    {
        _detail = await FollowUps.GetAsync((await AuthState).User, ItemId);
        _today = FollowUps.Today;
        if (!fillForm || _detail is not { Item: var item }) return;
        // Correcting an answer starts from the one recorded; a first answer is dated today.
        _text = item.AnswerText;
        _reference = item.AnswerReference;
        _date = (item.AnswerDate ?? _today).ToDateTime(TimeOnly.MinValue);
    }

    private void PickFile(IBrowserFile? file)
    {
        _error = file is null ? null : FollowUpFiles.Check(file.Name, file.Size);
        _file = _error is null ? file : null;
    }

    private async Task ClearFileAsync()
    {
        _file = null;
        if (_upload is not null) await _upload.ClearAsync();
    }

    private async Task StartAsync()
    {
        _busy = true;
        try
        {
            _error = await FollowUps.StartProcessingAsync((await AuthState).User, ItemId);
            if (_error is null) Snackbar.Add("Đã chuyển sang “Đang xử lý”.", Severity.Success);
            await LoadAsync(fillForm: false);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveAsync()
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var file = _file is { } picked
                ? new AnswerFile(picked.Name, picked.Size, () => picked.OpenReadStream(FollowUpFiles.MaxBytes))
                : null;
            var date = _date is { } d ? DateOnly.FromDateTime(d) : (DateOnly?)null;
            _error = await FollowUps.RecordAnswerAsync((await AuthState).User, ItemId, new AnswerInput(_text, _reference, date), file);
            if (_error is not null) return;
            Snackbar.Add("Đã lưu văn bản trả lời. Người nêu ý kiến xem được trên trang theo dõi của họ.", Severity.Success);
            await ClearFileAsync();
            await LoadAsync(fillForm: true);
        }
        finally
        {
            _busy = false;
        }
    }

    private static string FileSize(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : Math.Max(1, bytes / 1024) + " KB";
}
