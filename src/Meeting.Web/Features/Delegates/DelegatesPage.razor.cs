using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DoiThoai.Web.Features.Delegates;

public partial class DelegatesPage
{
    // Vietnamese order: "Đỗ" after "Dương", "Ánh" with "Anh".
    private static readonly StringComparer VietnameseOrder = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    private string? _query;
    private DelegateGroup? _group;
    private bool _formOpen, _importing;
    private MeetingDelegate? _editing;
    private Guid? _confirmingRemoval;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The list as printed: by group, then place, then name.</summary>
    public static IEnumerable<MeetingDelegate> InListOrder(IEnumerable<MeetingDelegate> delegates) =>
        delegates.OrderBy(d => d.Group).ThenBy(d => d.Organization, VietnameseOrder).ThenBy(d => d.Name, VietnameseOrder);

    private List<MeetingDelegate> Shown() =>
        InListOrder(Meeting!.Delegates.Where(d => (_group is null || d.Group == _group) && d.Matches(_query))).ToList();

    private string InvitationsPath(string extension = "", Guid? id = null)
    {
        var query = id is { } one ? $"?id={one}" : _group is { } group ? $"?nhom={group}" : "";
        return $"/delegates/{MeetingId}/giay-moi{extension}{query}";
    }

    private string GroupSuffix() => _group is { } group ? $" ({group.ToVietnamese()})" : "";

    private void StartAdding() => (_formOpen, _editing) = (true, null);

    private void StartEditing(MeetingDelegate person) => (_formOpen, _editing) = (true, person);

    private void CloseForm() => (_formOpen, _editing) = (false, null);

    private async Task<string?> SaveAsync(DelegateDraft draft)
    {
        var editing = _editing;
        var result = await Commands.RunAsync(MeetingId, (await AuthState).User, StaffRoles.DelegateList, (m, _) =>
            editing is null
                ? m.AddDelegate(draft.Name, draft.Title, draft.Organization, draft.Group, draft.Phone)
                : m.EditDelegate(editing.Id, draft.Name, draft.Title, draft.Organization, draft.Group, draft.Phone));
        if (!result.Ok) return result.Error ?? MeetingCommands.SaveFailed;
        Snackbar.Add(editing is null ? $"Đã thêm {result.Value!.Name}." : $"Đã lưu thông tin {result.Value!.Name}.", Severity.Success);
        if (editing is not null) CloseForm();
        await ReloadAsync();
        return null;
    }

    private async Task RemoveAsync(MeetingDelegate person)
    {
        _confirmingRemoval = null;
        var result = await Commands.RemoveDelegateAsync(MeetingId, (await AuthState).User, person.Id);
        if (result.Ok) Snackbar.Add($"Đã xóa {person.Name} khỏi danh sách.", Severity.Success);
        else Snackbar.Add(result.Error ?? MeetingCommands.SaveFailed, Severity.Warning);
        await ReloadAsync();
    }

    private async Task ImportedAsync(DelegateImportResult result)
    {
        Snackbar.Add($"Đã nhập danh sách: {result.ToVietnamese()}", Severity.Success);
        await ReloadAsync();
    }
}
