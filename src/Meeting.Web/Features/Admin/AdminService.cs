using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Admin;

public sealed record StaffRow(string Id, string UserName, string FullName, string Role, Guid UnitId, Guid? DepartmentId, bool Locked);

public sealed record AdminView(IReadOnlyList<Unit> Units, IReadOnlyList<Department> Departments, IReadOnlyList<StaffRow> Staff);

/// <summary>What the form sends to open an account.</summary>
public sealed record StaffDraft(string? UserName, string? FullName, string? Role, Guid? UnitId, Guid? DepartmentId, string? Password);

/// <summary>
/// Quản trị: the units, their departments and their staff accounts. An administrator manages their own unit and the
/// units under it — a province's administrator opens communes and their first accounts, a commune's administrator
/// its own departments and staff. Every method answers null when done, else why not (Vietnamese), and then nothing
/// has changed.
/// </summary>
/// <remarks>Scoped: one per operation (the page opens a scope each time), so Identity's tracked users are never stale.</remarks>
public sealed partial class AdminService(IDbContextFactory<AppDb> dbFactory, AppDb scopedDb, UserManager<StaffUser> users, UnitAccess unitAccess)
{
    public const string Roles = StaffRoles.Admin;
    public const int MinUserNameLength = 3, MaxUserNameLength = 32;

    public async Task<AdminView> LoadAsync(ClaimsPrincipal admin, CancellationToken ct = default)
    {
        if (await ActingAdminAsync(admin, ct) is not { } visible) return new([], [], []);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = (await db.Units.AsNoTracking().ToListAsync(ct)).Where(u => visible.Contains(u.Id)).ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => visible.Contains(d.UnitId))
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => visible.Contains(u.UnitId)).OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        var now = DateTimeOffset.UtcNow;
        var staff = people.Select(u => new StaffRow(u.Id, u.UserName ?? "", u.FullName, roleOf.GetValueOrDefault(u.Id, ""), u.UnitId,
            u.DepartmentId, u.LockoutEnd is { } end && end > now)).ToList();
        return new(OrderAsTree(units), departments, staff);
    }

    /// <summary>Parents first, each followed by its children, by name: the order the page indents.</summary>
    public static IReadOnlyList<Unit> OrderAsTree(IReadOnlyList<Unit> units)
    {
        var ids = units.Select(u => u.Id).ToHashSet();
        var children = units.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var ordered = new List<Unit>();
        void Add(Guid? parent)
        {
            foreach (var unit in children[parent].OrderBy(u => u.Kind).ThenBy(u => SearchText.Fold(u.Name), StringComparer.Ordinal))
            {
                ordered.Add(unit);
                Add(unit.Id);
            }
        }
        Add(null);
        return ordered;
    }

    public async Task<string?> AddUnitAsync(ClaimsPrincipal admin, Guid? parentId, string? name, UnitKind? kind, CancellationToken ct = default)
    {
        if (await RefuseAsync(admin, parentId, ct) is { } refused) return refused;
        if (kind is not { } k) return "Hãy chọn cấp của đơn vị.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parent = await db.Units.AsNoTracking().FirstAsync(u => u.Id == parentId, ct);
        try
        {
            var unit = Unit.Under(parent, name ?? "", k);
            var siblings = await db.Units.AsNoTracking().Where(u => u.ParentId == parent.Id).Select(u => u.Name).ToListAsync(ct);
            if (siblings.Any(n => SearchText.Fold(n) == SearchText.Fold(unit.Name))) return $"{parent.Name} đã có đơn vị “{unit.Name}”.";
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
        }
        catch (MeetingRuleException ex)
        {
            return ex.Message;
        }
        unitAccess.UnitsChanged();
        return null;
    }

    public async Task<string?> RenameUnitAsync(ClaimsPrincipal admin, Guid unitId, string? name, CancellationToken ct = default)
    {
        if (await RefuseAsync(admin, unitId, ct) is { } refused) return refused;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.FirstAsync(u => u.Id == unitId, ct);
        try
        {
            unit.Rename(name ?? "");
        }
        catch (MeetingRuleException ex)
        {
            return ex.Message;
        }
        await db.SaveChangesAsync(ct);
        unitAccess.UnitsChanged();
        return null;
    }

    public async Task<string?> AddDepartmentAsync(ClaimsPrincipal admin, Guid? unitId, string? name, CancellationToken ct = default)
    {
        if (await RefuseAsync(admin, unitId, ct) is { } refused) return refused;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Departments.AsNoTracking().Where(d => d.UnitId == unitId).ToListAsync(ct);
        try
        {
            var department = Department.Create(name ?? "", existing.Count == 0 ? 1 : existing.Max(d => d.SortOrder) + 1, unitId!.Value);
            if (existing.Any(d => SearchText.Fold(d.Name) == SearchText.Fold(department.Name)))
                return $"Đơn vị đã có “{department.Name}”.";
            db.Departments.Add(department);
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (MeetingRuleException ex)
        {
            return ex.Message;
        }
    }

    public async Task<string?> RenameDepartmentAsync(ClaimsPrincipal admin, Guid departmentId, string? name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (await RefuseAsync(admin, department?.UnitId, ct) is { } refused) return refused;
        try
        {
            department!.Rename(name ?? "");
        }
        catch (MeetingRuleException ex)
        {
            return ex.Message;
        }
        var others = await db.Departments.AsNoTracking().Where(d => d.UnitId == department.UnitId && d.Id != departmentId).Select(d => d.Name).ToListAsync(ct);
        if (others.Any(n => SearchText.Fold(n) == SearchText.Fold(department.Name))) return $"Đơn vị đã có “{department.Name}”.";
        // Opinions and items keep the name they were assigned under: a renamed department answers its old work too.
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<string?> CreateStaffAsync(ClaimsPrincipal admin, StaffDraft draft, CancellationToken ct = default)
    {
        if (await RefuseAsync(admin, draft.UnitId, ct) is { } refused) return refused;
        var userName = (draft.UserName ?? "").Trim().ToLowerInvariant();
        if (CheckUserName(userName) is { } badName) return badName;
        var fullName = SearchText.Clean(draft.FullName ?? "");
        if (fullName.Length == 0) return "Hãy nhập họ tên người dùng.";
        if (await CheckRoleAsync(draft.Role, draft.UnitId!.Value, draft.DepartmentId, ct) is { } badRole) return badRole;
        if (string.IsNullOrEmpty(draft.Password)) return "Hãy nhập mật khẩu (hoặc bấm “Tạo mật khẩu”).";
        if (await users.FindByNameAsync(userName) is not null) return $"Tên đăng nhập “{userName}” đã có người dùng.";

        var user = new StaffUser
        {
            UserName = userName,
            FullName = fullName,
            UnitId = draft.UnitId.Value,
            DepartmentId = draft.Role == StaffRoles.Department ? draft.DepartmentId : null,
        };
        // Identity's store shares this scope's context: the account and its role are written together or not at all.
        await using var tx = await scopedDb.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, draft.Password);
        if (!created.Succeeded) return Describe(created);
        var withRole = await users.AddToRoleAsync(user, draft.Role!);
        if (!withRole.Succeeded) return Describe(withRole);
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task<string?> UpdateStaffAsync(ClaimsPrincipal admin, string staffId, string? fullName, string? role, Guid? unitId,
        Guid? departmentId, CancellationToken ct = default)
    {
        var (user, refused) = await FindStaffAsync(admin, staffId, ct);
        if (user is null) return refused;
        if (await RefuseAsync(admin, unitId, ct) is { } otherUnit) return otherUnit;
        var name = SearchText.Clean(fullName ?? "");
        if (name.Length == 0) return "Hãy nhập họ tên người dùng.";
        if (await CheckRoleAsync(role, unitId!.Value, departmentId, ct) is { } badRole) return badRole;
        var current = await users.GetRolesAsync(user);
        if (IsSelf(admin, user) && (role != StaffRoles.Admin || unitId != user.UnitId))
            return "Không tự đổi vai trò hay đơn vị của chính mình (để không mất quyền quản trị); hãy nhờ quản trị cấp trên.";

        user.FullName = name;
        user.UnitId = unitId.Value;
        user.DepartmentId = role == StaffRoles.Department ? departmentId : null;
        await using var tx = await scopedDb.Database.BeginTransactionAsync(ct);
        if (!current.SequenceEqual([role!]))
        {
            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded) return Describe(removed);
            var added = await users.AddToRoleAsync(user, role!);
            if (!added.Succeeded) return Describe(added);
        }
        // UpdateSecurityStamp saves the user too; the person's open sessions carry the old role and unit, so they
        // are asked to sign in again.
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded) return Describe(updated);
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task<string?> ResetPasswordAsync(ClaimsPrincipal admin, string staffId, string? password, CancellationToken ct = default)
    {
        var (user, refused) = await FindStaffAsync(admin, staffId, ct);
        if (user is null) return refused;
        if (string.IsNullOrEmpty(password)) return "Hãy nhập mật khẩu mới (hoặc bấm “Tạo mật khẩu”).";
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded) return Describe(valid);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded) return Describe(reset);
        // A forgotten password often follows wrong tries: the new one works at once. An administrator's lock stays.
        if (!IsLockedByAdministrator(user)) await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return null;
    }

    public async Task<string?> SetLockedAsync(ClaimsPrincipal admin, string staffId, bool locked, CancellationToken ct = default)
    {
        var (user, refused) = await FindStaffAsync(admin, staffId, ct);
        if (user is null) return refused;
        if (locked && IsSelf(admin, user)) return "Không tự khóa tài khoản của chính mình.";
        // Lock and new security stamp together: a lock whose stamp failed would leave signed-in devices working.
        await using var tx = await scopedDb.Database.BeginTransactionAsync(ct);
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.SetLockoutEnabledAsync(user, true),
            () => users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null),
            () => locked ? users.UpdateSecurityStampAsync(user) : users.ResetAccessFailedCountAsync(user),
        })
        {
            var result = await step();
            if (!result.Succeeded) return Describe(result);
        }
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Locked by hand (until the end of time), not by a few wrong passwords (minutes).</summary>
    public static bool IsLockedByAdministrator(StaffUser user) => user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddYears(100);

    /// <summary>A password to read out or write down: no 0/O or 1/l/I to confuse, 12 characters.</summary>
    public static string NewPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ", digits = "23456789";
        var chars = Enumerable.Range(0, 12).Select(i => i % 4 == 3 ? digits[RandomNumberGenerator.GetInt32(digits.Length)]
            : letters[RandomNumberGenerator.GetInt32(letters.Length)]).ToArray();
        // Identity asks for an upper- and a lower-case letter.
        chars[0] = char.ToUpperInvariant(chars[0]);
        chars[1] = char.ToLowerInvariant(chars[1]);
        return new string(chars);
    }

    public static string? CheckUserName(string userName) =>
        userName.Length is < MinUserNameLength or > MaxUserNameLength
            ? $"Tên đăng nhập dài {MinUserNameLength}–{MaxUserNameLength} ký tự."
            : UserNamePattern().IsMatch(userName) ? null
            : "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và dấu . _ - (ví dụ: nguyenvana, kt.giaominh).";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex UserNamePattern();

    private async Task<string?> CheckRoleAsync(string? role, Guid unitId, Guid? departmentId, CancellationToken ct)
    {
        if (role is null || !StaffRoles.All.Contains(role)) return "Hãy chọn vai trò.";
        if (role != StaffRoles.Department) return null;
        if (departmentId is not { } id) return "Người của phòng, ban: hãy chọn phòng, ban.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().AnyAsync(d => d.Id == id && d.UnitId == unitId, ct)
            ? null
            : "Phòng, ban đã chọn không thuộc đơn vị của người dùng.";
    }

    /// <summary>
    /// The units the acting administrator manages, read from the database rather than from the sign-in: a page left
    /// open by someone locked or moved a minute ago acts with what they are now. Null when they are not an
    /// administrator (any more).
    /// </summary>
    private async Task<IReadOnlySet<Guid>?> ActingAdminAsync(ClaimsPrincipal admin, CancellationToken ct)
    {
        if (!admin.IsInAny(Roles)) return null;
        var actor = await users.GetUserAsync(admin) ?? (admin.Identity?.Name is { } name ? await users.FindByNameAsync(name) : null);
        if (actor is null || await users.IsLockedOutAsync(actor) || !await users.IsInRoleAsync(actor, StaffRoles.Admin)) return null;
        return Unit.WithDescendants(actor.UnitId, await unitAccess.AllUnitsAsync(ct));
    }

    /// <summary>Admins only, and only in their own units; an id outside them is answered as if it did not exist.</summary>
    private async Task<string?> RefuseAsync(ClaimsPrincipal admin, Guid? unitId, CancellationToken ct)
    {
        if (await ActingAdminAsync(admin, ct) is not { } visible) return MeetingCommands.NoPermission;
        if (unitId is not { } id) return "Hãy chọn đơn vị.";
        return visible.Contains(id) ? null : "Không tìm thấy đơn vị này.";
    }

    private async Task<(StaffUser? User, string? Refused)> FindStaffAsync(ClaimsPrincipal admin, string staffId, CancellationToken ct)
    {
        if (await ActingAdminAsync(admin, ct) is not { } visible) return (null, MeetingCommands.NoPermission);
        var user = await users.FindByIdAsync(staffId);
        if (user is null || !visible.Contains(user.UnitId)) return (null, "Không tìm thấy tài khoản này.");
        return (user, null);
    }

    private static bool IsSelf(ClaimsPrincipal admin, StaffUser user) =>
        string.Equals(admin.FindFirstValue(ClaimTypes.NameIdentifier), user.Id, StringComparison.Ordinal)
        || string.Equals(admin.Identity?.Name, user.UserName, StringComparison.OrdinalIgnoreCase);

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
