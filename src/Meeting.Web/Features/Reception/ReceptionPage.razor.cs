using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DoiThoai.Web.Features.Reception;

/// <summary>
/// The reception desk: screens incoming speak-requests, enters paper slips, and lets the answer staff leave notes
/// for the chair. Every change goes through <see cref="MeetingCommands"/>; the page reloads from the feed.
/// </summary>
public partial class ReceptionPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private int _tab;
    private bool _canAddNotes;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        // Notes are the answer staff's; a reception-only account sees them but cannot add.
        _canAddNotes = user.IsInAny(StaffRoles.AnswerStaff);
    }

    private Task ApproveAsync(Guid id) =>
        RunAsync(StaffRoles.ReceptionSeat, (m, now) => m.Approve(id, now), m => $"Đã duyệt phiếu số {Number(m, id)}.");

    private Task RejectAsync((Guid Id, string Reason) reject) =>
        RunAsync(StaffRoles.ReceptionSeat, (m, now) => m.Reject(reject.Id, reject.Reason, now),
            m => $"Phiếu số {Number(m, reject.Id)} không đưa ra đối thoại.");

    private Task MergeAsync((Guid DuplicateId, Guid IntoId) merge) =>
        RunAsync(StaffRoles.ReceptionSeat, (m, now) => m.Merge(merge.DuplicateId, merge.IntoId, now),
            m => $"Đã gộp phiếu số {Number(m, merge.DuplicateId)} vào phiếu số {Number(m, merge.IntoId)}.");

    private Task WrittenOnlyAsync(Guid id) =>
        RunAsync(StaffRoles.ReceptionSeat, (m, now) => m.MakeWrittenOnly(id, now),
            m => $"Phiếu số {Number(m, id)} chuyển sang trả lời bằng văn bản.");

    private Task WithdrawAsync(Guid id) =>
        RunAsync(StaffRoles.ReceptionSeat, (m, now) => m.Withdraw(id, now), m => $"Phiếu số {Number(m, id)} đã rút.");

    private Task ChangeFieldAsync((Guid Id, OpinionField Field) change) =>
        RunAsync(StaffRoles.ReceptionSeat, (m, now) => m.ChangeField(change.Id, change.Field, now), null);

    private async Task<string?> SubmitPaperAsync(SpeakRequestDraft draft)
    {
        var user = (await AuthState).User;
        var result = await Commands.RunAsync(MeetingId, user, StaffRoles.ReceptionSeat, (m, now) => m.Submit(draft, now));
        if (!result.Ok) return result.Error;
        Snackbar.Add($"Đã nhập phiếu giấy số {result.Value?.Number}: {result.Value?.Name}.", Severity.Success);
        return null;
    }

    private async Task<string?> AddNoteAsync(Guid opinionId, string text)
    {
        var user = (await AuthState).User;
        var author = user.Identity?.Name ?? "";
        var result = await Commands.RunAsync(MeetingId, user, StaffRoles.AnswerStaff,
            (m, now) => m.AddStaffNote(opinionId, author, text, now));
        return result.Ok ? null : result.Error;
    }

    private async Task RunAsync(string roles, Action<Meeting, DateTimeOffset> command, Func<Meeting, string>? done)
    {
        var user = (await AuthState).User;
        var before = Meeting;
        var result = await Commands.RunAsync(MeetingId, user, roles, command);
        if (!result.Ok) Snackbar.Add(result.Error ?? MeetingCommands.SaveFailed, Severity.Warning);
        else if (done is not null && before is not null) Snackbar.Add(done(before), Severity.Success);
    }

    /// <summary>A flood from one phone: set aside all of its waiting requests at once and take no more from it.</summary>
    private async Task BlockDeviceAsync(Guid id)
    {
        var result = await Commands.RunAsync(MeetingId, (await AuthState).User, StaffRoles.ReceptionSeat, (m, now) => m.BlockDevice(id, now));
        if (!result.Ok) Snackbar.Add(result.Error ?? MeetingCommands.SaveFailed, Severity.Warning);
        else Snackbar.Add($"Đã chặn máy này; {result.Value!.Count} phiếu của máy không được đưa ra đối thoại.", Severity.Success);
    }

    private static string Number(Meeting meeting, Guid requestId) =>
        meeting.Requests.FirstOrDefault(r => r.Id == requestId)?.Number.ToString() ?? "?";
}
