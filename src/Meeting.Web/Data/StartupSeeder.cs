using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Data;

/// <summary>Migrates the database on start; in demo mode seeds the departments, the demo meeting and demo accounts once.</summary>
public static class StartupSeeder
{
    public const string DemoPassword = "DoiThoai2026";

    public static readonly IReadOnlyList<(string UserName, string FullName, string Role)> DemoAccounts =
    [
        ("chutri", "Trần Văn Hùng", StaffRoles.Chair),
        ("thuky", "Lê Thị Thu", StaffRoles.Secretary),
        ("tiepnhan", "Phạm Văn Nam", StaffRoles.Reception),
        ("vanphong", "Đỗ Thị Lan", StaffRoles.Organizer),
        ("phongban", "Vũ Văn Kiên", StaffRoles.Department),
        ("giamsat", "Hoàng Thị Mai", StaffRoles.Supervisor),
        ("admin", "Quản trị hệ thống", StaffRoles.Admin),
    ];

    public static async Task RunAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDb>();
        await db.Database.MigrateAsync();

        var options = sp.GetRequiredService<IOptions<DoiThoaiOptions>>().Value;
        if (!await db.Departments.AnyAsync())
        {
            db.Departments.AddRange(DemoMeeting.Departments());
            await db.SaveChangesAsync();
        }
        if (!options.Demo) return;

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        foreach (var (userName, fullName, role) in DemoAccounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new StaffUser { UserName = userName, FullName = fullName };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }

        if (!await db.Meetings.AnyAsync())
        {
            var departments = await db.Departments.OrderBy(d => d.SortOrder).ToListAsync();
            var commands = sp.GetRequiredService<MeetingCommands>();
            await commands.AddMeetingAsync(DemoMeeting.Build(commands.Now, departments), "Dữ liệu mẫu");
        }
    }
}
