using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Data;

/// <summary>
/// Migrates the database on start; in demo mode seeds the departments, the demo meeting and demo accounts once, otherwise
/// the first administrator.
/// </summary>
public static class StartupSeeder
{
    public const string DemoPassword = "DoiThoai2026";

    public sealed record DemoAccount(string UserName, string FullName, string Role, Guid UnitId, string? Department = null);

    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("chutri", "Trần Văn Hùng", StaffRoles.Chair, DemoUnits.GiaoMinhId),
        new("thuky", "Lê Thị Thu", StaffRoles.Secretary, DemoUnits.GiaoMinhId),
        new("tiepnhan", "Phạm Văn Nam", StaffRoles.Reception, DemoUnits.GiaoMinhId),
        new("vanphong", "Đỗ Thị Lan", StaffRoles.Organizer, DemoUnits.GiaoMinhId),
        new("phongban", "Vũ Văn Kiên", StaffRoles.Department, DemoUnits.GiaoMinhId, "Phòng Kinh tế"),
        new("giamsat", "Hoàng Thị Mai", StaffRoles.Supervisor, DemoUnits.GiaoMinhId),
        new("mttq", "Đinh Thị Thu", StaffRoles.Collector, DemoUnits.GiaoMinhId),
        new("admin", "Quản trị hệ thống", StaffRoles.Admin, DemoUnits.GiaoMinhId),
        new("giaohoa", "Ngô Văn Bình", StaffRoles.Organizer, DemoUnits.GiaoHoaId),
        new("tinh", "Đinh Thị Hà", StaffRoles.Organizer, DemoUnits.ProvinceId),
        // Opens communes and their first accounts on /quan-tri.
        new("quantri", "Lý Văn Quang", StaffRoles.Admin, DemoUnits.ProvinceId),
    ];

    /// <summary>Without demo data, a single commune holds everything until units are set up.</summary>
    public static readonly Guid DefaultUnitId = DemoUnits.GiaoMinhId;

    public static async Task RunAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDb>();
        await SetAsideForeignSchemaAsync(db, sp);
        // Migrate only when a migration waits: MigrateAsync alone also takes its lock and diffs the model against the
        // last snapshot, a few hundred milliseconds of every restart (that the model has no unmigrated change is a test).
        if ((await db.Database.GetPendingMigrationsAsync()).Any()) await db.Database.MigrateAsync();
        Storage.OwnerOnlyDatabaseFiles(Storage.ResolveDataDirectory(sp.GetRequiredService<IConfiguration>()));

        var options = sp.GetRequiredService<IOptions<DoiThoaiOptions>>().Value;
        if (!await db.Units.AnyAsync())
        {
            db.Units.AddRange(options.Demo ? DemoUnits.All() : [FirstUnit(sp.GetRequiredService<IConfiguration>())]);
            await db.SaveChangesAsync();
            // Data from before units existed belongs to the first commune.
            await db.Meetings.Where(m => m.UnitId == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(m => m.UnitId, DefaultUnitId));
            await db.Departments.Where(d => d.UnitId == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(d => d.UnitId, DefaultUnitId));
            await db.Users.Where(u => u.UnitId == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitId, DefaultUnitId));
        }
        if (!await db.Departments.AnyAsync())
        {
            db.Departments.AddRange(DemoMeeting.Departments(DefaultUnitId));
            if (options.Demo) db.Departments.AddRange(DemoMeeting.Departments(DemoUnits.GiaoHoaId));
            await db.SaveChangesAsync();
        }
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        if (!options.Demo)
        {
            await DisableDemoAccountsAsync(sp, users);
            await FirstAdministratorAsync(sp, db, users);
            return;
        }

        foreach (var account in DemoAccounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var department = account.Department is null ? null
                : await db.Departments.Where(d => d.UnitId == account.UnitId && d.Name == account.Department).Select(d => (Guid?)d.Id).FirstOrDefaultAsync();
            var user = new StaffUser { UserName = account.UserName, FullName = account.FullName, UnitId = account.UnitId, DepartmentId = department };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, account.Role);
        }

        if (!await db.Meetings.AnyAsync())
        {
            var departments = await db.Departments.Where(d => d.UnitId == DemoUnits.GiaoMinhId).OrderBy(d => d.SortOrder).ToListAsync();
            var commands = sp.GetRequiredService<MeetingCommands>();
            await commands.AddMeetingAsync(DemoMeeting.Build(commands.Now, departments), "Dữ liệu mẫu");
        }
    }

    /// <summary>
    /// A database whose schema history this version does not know (made before the migrations were folded into one
    /// Initial, or by a newer version) cannot be migrated. Demo data is disposable: it is moved aside and a fresh demo
    /// made. A real installation's data is never touched: the start stops with what to do.
    /// </summary>
    private static async Task SetAsideForeignSchemaAsync(AppDb db, IServiceProvider sp)
    {
        var known = db.Database.GetMigrations().ToHashSet();
        var foreign = (await db.Database.GetAppliedMigrationsAsync()).Where(m => !known.Contains(m)).ToList();
        if (foreign.Count == 0) return;
        var configuration = sp.GetRequiredService<IConfiguration>();
        var dataDirectory = Storage.ResolveDataDirectory(configuration);
        // Only demo data in a SQLite file is set aside; a PostgreSQL database is never touched.
        if (!sp.GetRequiredService<IOptions<DoiThoaiOptions>>().Value.Demo || !db.Database.IsSqlite())
            throw new StartupRefused(
                $"Cơ sở dữ liệu trong {dataDirectory} do một phiên bản DoiThoai khác tạo (cập nhật lạ: {string.Join(", ", foreign.Take(3))}). " +
                "Hãy chạy đúng phiên bản đã tạo nó, hoặc khôi phục một bản sao lưu của phiên bản này. Chưa thay đổi gì.");
        await db.Database.CloseConnectionAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var aside = Path.Combine(dataDirectory, $"demo-cu-{DateTime.Now:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(aside);
        foreach (var file in Directory.EnumerateFiles(dataDirectory, Storage.DatabaseFile + "*"))
            File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        sp.GetRequiredService<ILoggerFactory>().CreateLogger("DoiThoai.Setup").LogWarning(
            "Dữ liệu trình diễn cũ (do phiên bản trước tạo) đã được chuyển sang {Folder}; tạo dữ liệu trình diễn mới.", aside);
    }

    /// <summary>A start that must not go on; Program prints the message (no stack trace) and exits.</summary>
    public sealed class StartupRefused(string message) : Exception(message);

    public const string FirstAdminUserName = "admin";
    public const string FirstAdminPasswordFile = "mat-khau-quan-tri.txt";
    public const string ResetAdminSetting = "DoiThoai:ResetAdmin";

    /// <summary>
    /// A real installation starts with no accounts: one administrator is made, with the password from
    /// DoiThoai:AdminPassword or a new one written to a file beside the database (only the machine's owner reads it).
    /// The administrator then names the unit and opens the other accounts on /quan-tri.
    /// </summary>
    private static async Task FirstAdministratorAsync(IServiceProvider sp, AppDb db, UserManager<StaffUser> users)
    {
        var configuration = sp.GetRequiredService<IConfiguration>();
        // DoiThoai:ResetAdmin=true: the way back in when the administrator's password is lost (the machine's owner
        // sets it for one start): a new password as below, unlocked, an administrator again.
        var reset = configuration.GetValue(ResetAdminSetting, false);
        // No administrator left who can sign in (e.g. the demo's were just disabled): make one, as on a first start.
        if (!reset && await db.Users.AnyAsync() && await HasUsableAdministratorAsync(users)) return;
        var configured = configuration["DoiThoai:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? Features.Admin.AdminService.NewPassword() : configured;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("DoiThoai.Setup");
        string? file = null;
        if (string.IsNullOrEmpty(configured))
        {
            // Written before the account exists: an account whose password reached no one could never be used.
            file = Path.Combine(Storage.ResolveDataDirectory(configuration), FirstAdminPasswordFile);
            await File.WriteAllTextAsync(file, $"Tài khoản: {FirstAdminUserName}{Environment.NewLine}Mật khẩu: {password}{Environment.NewLine}");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var existing = await users.FindByNameAsync(FirstAdminUserName);
        var admin = existing ?? new StaffUser { UserName = FirstAdminUserName, FullName = "Quản trị hệ thống", UnitId = DefaultUnitId };
        Func<Task<IdentityResult>>[] steps = existing is null
            ? [() => users.CreateAsync(admin, password), () => users.AddToRoleAsync(admin, StaffRoles.Admin)]
            :
            [
                async () => await users.ResetPasswordAsync(admin, await users.GeneratePasswordResetTokenAsync(admin), password),
                () => users.SetLockoutEndDateAsync(admin, null),
                () => users.ResetAccessFailedCountAsync(admin),
                async () => await users.IsInRoleAsync(admin, StaffRoles.Admin) ? IdentityResult.Success : await users.AddToRoleAsync(admin, StaffRoles.Admin),
            ];
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
                throw new InvalidOperationException("DoiThoai:AdminPassword: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await tx.CommitAsync();
        var what = existing is null ? "Created the first administrator" : "Reset the administrator";
        if (file is not null)
            logger.LogWarning("{What} '{User}'; the password is in {File}. Change it after signing in.", what, FirstAdminUserName, file);
        else logger.LogWarning("{What} '{User}' with the password from DoiThoai:AdminPassword.", what, FirstAdminUserName);
        if (reset) logger.LogWarning("Remove {Setting} now: each start with it resets the administrator again.", ResetAdminSetting);
    }

    /// <summary>
    /// Demo data belongs in its own folder; if a real start finds demo accounts anyway (the same data started once as a
    /// demo), every one that still opens with the public password is disabled for good and its open sessions end.
    /// </summary>
    private static async Task DisableDemoAccountsAsync(IServiceProvider sp, UserManager<StaffUser> users)
    {
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("DoiThoai.Setup");
        foreach (var account in DemoAccounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not { } user || Features.Admin.AdminService.IsLockedByAdministrator(user)) continue;
            if (!await users.CheckPasswordAsync(user, DemoPassword)) continue;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            logger.LogWarning("Disabled demo account '{User}': it still had the public demo password.", account.UserName);
        }
    }

    private static async Task<bool> HasUsableAdministratorAsync(UserManager<StaffUser> users) =>
        (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Any(u => !Features.Admin.AdminService.IsLockedByAdministrator(u));

    /// <summary>A real installation's own unit: DoiThoai:UnitName and DoiThoai:UnitKind (Commune, City or Province).</summary>
    private static Unit FirstUnit(IConfiguration configuration)
    {
        var name = configuration["DoiThoai:UnitName"];
        var kind = Enum.TryParse<UnitKind>(configuration["DoiThoai:UnitKind"], ignoreCase: true, out var k) ? k : UnitKind.Commune;
        return Unit.Create(DefaultUnitId, string.IsNullOrWhiteSpace(name) ? "Đơn vị" : name, kind, null);
    }
}
