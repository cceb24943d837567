using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DoiThoai.Web.Features.Delegates.Import;

public partial class ImportPanel
{
    private MudFileUpload<IBrowserFile>? _upload;
    private ImportPreview? _preview;
    private string? _error, _result;
    private bool _busy;

    /// <summary>The current snapshot: rows are compared with its delegates (new / update / unchanged).</summary>
    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    [Parameter] public EventCallback<DelegateImportResult> OnImported { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private MeetingCommands Commands { get; set; } = default!;

    private async Task ReadFileAsync(IBrowserFile? file)
    {
        if (file is null) return;
        (_preview, _error, _result) = (null, null, null);
        if (file.Size > DelegateSheetReader.MaxBytes)
        {
            _error = DelegateSheetReader.TooLarge;
            return;
        }
        _busy = true;
        try
        {
            await using var stream = file.OpenReadStream(DelegateSheetReader.MaxBytes);
            var preview = await DelegateSheetReader.ReadAsync(stream, file.Name, Meeting.Delegates);
            if (preview.Ok) _preview = preview;
            else _error = preview.Error;
        }
        catch (IOException)
        {
            // The browser stopped sending (closed tab, lost connection, file changed on disk).
            _error = "Không đọc được tệp từ trình duyệt. Hãy chọn lại tệp.";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ConfirmAsync()
    {
        if (_preview is not { } preview || _busy) return;
        var drafts = preview.Drafts;
        if (drafts.Count == 0) return;
        _busy = true;
        try
        {
            var user = (await AuthState).User;
            var done = await Commands.RunAsync(Meeting.Id, user, StaffRoles.DelegateList, (m, _) => m.ImportDelegates(drafts));
            if (!done.Ok)
            {
                _error = done.Error ?? MeetingCommands.SaveFailed;
                return;
            }
            var skipped = preview.Count(ImportRowStatus.Invalid);
            _result = $"Đã nhập “{preview.FileName}”: {done.Value!.ToVietnamese()}" + (skipped > 0 ? $" Bỏ qua {skipped} dòng có lỗi." : "");
            _preview = null;
            await ClearUploadAsync();
            await OnImported.InvokeAsync(done.Value);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CancelAsync()
    {
        (_preview, _error, _result) = (null, null, null);
        await ClearUploadAsync();
    }

    // Lets the same file be chosen again after a correction.
    private async Task ClearUploadAsync()
    {
        if (_upload is not null) await _upload.ClearAsync();
    }

    private static string StatusText(ImportRowStatus status) => status switch
    {
        ImportRowStatus.New => "Thêm mới",
        ImportRowStatus.Update => "Cập nhật",
        ImportRowStatus.Unchanged => "Giữ nguyên",
        _ => "Có lỗi, bỏ qua",
    };

    private static Color StatusColor(ImportRowStatus status) => status switch
    {
        ImportRowStatus.New => Color.Success,
        ImportRowStatus.Update => Color.Info,
        ImportRowStatus.Unchanged => Color.Default,
        _ => Color.Error,
    };
}
