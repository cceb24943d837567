using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Units;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DoiThoai.Web.Features.Admin;

public partial class AdminPage
{
    /// <summary>The account form's fields (one form opens and edits).</summary>
    private sealed class StaffForm
    {
        public string? UserName { get; set; }
        public string? FullName { get; set; }
        public string? Role { get; set; }
        public Guid? UnitId { get; set; }
        public Guid? DepartmentId { get; set; }
        public string? Password { get; set; }
    }

    private AdminView _view = new([], [], []);
    private const string Units = "units", Departments = "departments", Staff = "staff";
    private string? _message, _messageSection;
    private bool _messageIsError, _busy;
    private Guid? _renamingUnit, _renamingDepartment;
    private string? _renameText;
    private Guid? _newUnitParent, _departmentUnit;
    private UnitKind? _newUnitKind = UnitKind.Commune;
    private string? _newUnitName, _newDepartmentName, _search;
    private StaffForm _draft = new();
    private StaffRow? _editing;
    private string? _resetting, _resetPassword;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] private ILogger<AdminPage> Logger { get; set; } = default!;
    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    private ClaimsPrincipal User { get; set; } = new();

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthState).User;
        await ReloadAsync();
        var own = UnitAccess.UnitOf(User);
        _departmentUnit = own;
        _newUnitParent = _view.Units.FirstOrDefault(u => u.Id == own && u.Kind != UnitKind.Commune)?.Id;
        _draft = new StaffForm { UnitId = own, Role = Live.StaffRoles.Organizer };
    }

    private async Task ReloadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        _view = await scope.ServiceProvider.GetRequiredService<AdminService>().LoadAsync(User);
    }

    /// <summary>Each change in a scope of its own (a fresh context), then the page shows what is stored.</summary>
    private async Task<bool> RunAsync(Func<AdminService, Task<string?>> change, string section, string? done, Action? after = null)
    {
        _busy = true;
        try
        {
            string? error;
            try
            {
                await using var scope = Scopes.CreateAsyncScope();
                error = await change(scope.ServiceProvider.GetRequiredService<AdminService>());
            }
            catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
            {
                // Two administrators at once (the same user name) or a busy database: nothing was kept; say so.
                Logger.LogWarning(ex, "An administration change failed");
                error = "Không lưu được (có thể người khác vừa thay đổi cùng lúc). Hãy tải lại trang và thử lại.";
            }
            (_message, _messageIsError, _messageSection) = (error ?? done, error is not null, section);
            // Also where the eye is, for an action far down a long list.
            if (_message is not null) Snackbar.Add(_message, error is null ? MudBlazor.Severity.Success : MudBlazor.Severity.Warning);
            if (error is not null) return false;
            after?.Invoke();
            await ReloadAsync();
            return true;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task RunAsync(Func<AdminService, Task<string?>> change, string section, Action done) => RunAsync(change, section, "Đã lưu.", done);

    private async Task AddUnitAsync()
    {
        var name = _newUnitName;
        await RunAsync(s => s.AddUnitAsync(User, _newUnitParent, name, _newUnitKind), Units, $"Đã thêm đơn vị {SearchText.Clean(name ?? "")}.",
            () => _newUnitName = null);
    }

    private async Task AddDepartmentAsync()
    {
        var name = _newDepartmentName;
        await RunAsync(s => s.AddDepartmentAsync(User, _departmentUnit, name), Departments, $"Đã thêm {SearchText.Clean(name ?? "")}.",
            () => _newDepartmentName = null);
    }

    private async Task CreateStaffAsync()
    {
        var draft = new StaffDraft(_draft.UserName, _draft.FullName, _draft.Role, _draft.UnitId, _draft.DepartmentId, _draft.Password);
        var userName = (draft.UserName ?? "").Trim().ToLowerInvariant();
        // The password is shown once, to be handed over; it is not kept anywhere readable.
        await RunAsync(s => s.CreateStaffAsync(User, draft), Staff,
            $"Đã mở tài khoản {userName}. Mật khẩu ban đầu: {draft.Password} — hãy trao tận tay người dùng.",
            () => _draft = new StaffForm { UnitId = draft.UnitId, Role = draft.Role, DepartmentId = draft.DepartmentId });
    }

    private void StartEditing(StaffRow person)
    {
        _editing = person;
        _draft = new StaffForm
        {
            UserName = person.UserName, FullName = person.FullName, Role = person.Role, UnitId = person.UnitId, DepartmentId = person.DepartmentId,
        };
    }

    private void StopEditing()
    {
        _editing = null;
        _draft = new StaffForm { UnitId = UnitAccess.UnitOf(User), Role = Live.StaffRoles.Organizer };
    }

    private async Task UpdateStaffAsync()
    {
        if (_editing is not { } person) return;
        var draft = _draft;
        await RunAsync(s => s.UpdateStaffAsync(User, person.Id, draft.FullName, draft.Role, draft.UnitId, draft.DepartmentId), Staff,
            $"Đã lưu tài khoản {person.UserName}.", StopEditing);
    }

    private async Task ResetPasswordAsync(StaffRow person)
    {
        var password = _resetPassword;
        await RunAsync(s => s.ResetPasswordAsync(User, person.Id, password), Staff,
            $"Mật khẩu mới của {person.UserName}: {password} — hãy trao tận tay người dùng.", () => _resetting = null);
    }

    private Task ToggleLockAsync(StaffRow person) =>
        RunAsync(s => s.SetLockedAsync(User, person.Id, !person.Locked), Staff,
            $"Đã {(person.Locked ? "mở khóa" : "khóa")} tài khoản {person.UserName}.");

    private IEnumerable<StaffRow> ShownStaff()
    {
        var query = SearchText.Fold(_search ?? "");
        return query.Length == 0 ? _view.Staff
            : _view.Staff.Where(p => SearchText.Fold($"{p.UserName} {p.FullName} {UnitName(p.UnitId)}").Contains(query, StringComparison.Ordinal));
    }

    private string UnitName(Guid unitId) => _view.Units.FirstOrDefault(u => u.Id == unitId)?.Name ?? "";

    private int Depth(Unit unit)
    {
        var depth = 0;
        for (var parent = unit.ParentId; parent is { } id && _view.Units.FirstOrDefault(u => u.Id == id) is { } p; parent = p.ParentId)
            depth++;
        return depth;
    }
}
