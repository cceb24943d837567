using System.Net;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Admin;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Admin;

/// <summary>
/// Quản trị over the real app and its SQLite file: accounts opened here sign in through the real login form and see
/// their own unit only; refusals are Vietnamese and leave the database as it was; one commune's administrator cannot
/// touch another commune.
/// </summary>
public sealed class AdminServiceTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private static readonly ClaimsPrincipal GiaoMinhAdmin = TestApp.Staff(StaffRoles.Admin, "admin", DemoUnits.GiaoMinhId);
    private static readonly ClaimsPrincipal ProvinceAdmin = TestApp.Staff(StaffRoles.Admin, "quantri", DemoUnits.ProvinceId);
    private const string Password = "LuaXuan2027";

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string?> AsAsync(Func<AdminService, Task<string?>> change)
    {
        await using var scope = _app.AppServices.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<AdminService>());
    }

    private async Task<AdminView> ViewAsync(ClaimsPrincipal who)
    {
        await using var scope = _app.AppServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminService>().LoadAsync(who);
    }

    /// <summary>Everything an admin could change, as one comparable text.</summary>
    private async Task<string> DatabaseAsync()
    {
        await using var db = await _app.OpenDbAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => $"{u.UserName}|{u.FullName}|{u.UnitId}|{u.DepartmentId}|{u.LockoutEnd}|{u.PasswordHash}").ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().OrderBy(r => r.UserId).ThenBy(r => r.RoleId).Select(r => r.UserId + r.RoleId).ToListAsync();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => $"{u.Name}|{u.ParentId}").ToListAsync();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => $"{d.Name}|{d.UnitId}").ToListAsync();
        return string.Join("\n", users.Concat(roles).Concat(units).Concat(departments));
    }

    private static StaffDraft Draft(string userName, string role = StaffRoles.Organizer, Guid? unit = null, Guid? department = null,
        string password = Password) =>
        new(userName, "Nguyễn Thị Hoa", role, unit ?? DemoUnits.GiaoMinhId, department, password);

    [Fact]
    public async Task An_account_opened_here_signs_in_with_its_role_and_sees_its_own_commune_only()
    {
        Assert.Null(await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin, Draft(" NguyenHoa ", StaffRoles.Organizer))));

        var view = await ViewAsync(GiaoMinhAdmin);
        var row = Assert.Single(view.Staff, p => p.UserName == "nguyenhoa");
        Assert.Equal((StaffRoles.Organizer, DemoUnits.GiaoMinhId, "Nguyễn Thị Hoa", false), (row.Role, row.UnitId, row.FullName, row.Locked));

        using var hoa = await _app.SignedInClientAsync("nguyenhoa", Password);
        Assert.Equal(HttpStatusCode.OK, (await hoa.GetAsync("/preparation/new")).StatusCode);
        var giaoHoaMeeting = await NewMeetingInAsync(DemoUnits.GiaoHoaId);
        Assert.Equal(HttpStatusCode.NotFound, (await hoa.GetAsync($"/preparation/{giaoHoaMeeting}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hoa.GetAsync($"/preparation/{await NewMeetingInAsync(DemoUnits.GiaoMinhId)}")).StatusCode);
    }

    [Theory]
    [InlineData("ab", Password, "3–32 ký tự")]
    [InlineData("nguyễn hoa", Password, "chữ thường không dấu")]
    [InlineData("thuky", Password, "đã có người dùng")]
    [InlineData("hoa.nguyen", "ngan", "ít nhất 8 ký tự")]
    [InlineData("hoa.nguyen", "khongcochuso", "chữ số")]
    [InlineData("hoa.nguyen", "", "Hãy nhập mật khẩu")]
    public async Task A_bad_account_is_refused_in_vietnamese_and_nothing_is_written(string userName, string password, string phrase)
    {
        var before = await DatabaseAsync();
        var error = await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin, Draft(userName, password: password)));
        Assert.Contains(phrase, error);
        Assert.Equal(before, await DatabaseAsync());
    }

    [Fact]
    public async Task Department_staff_need_a_department_of_their_own_unit()
    {
        var view = await ViewAsync(ProvinceAdmin);
        var giaoMinhKinhTe = view.Departments.First(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == "Phòng Kinh tế");
        var giaoHoaKinhTe = view.Departments.First(d => d.UnitId == DemoUnits.GiaoHoaId && d.Name == "Phòng Kinh tế");
        var before = await DatabaseAsync();

        Assert.Contains("hãy chọn phòng, ban", await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin, Draft("kt.hoa", StaffRoles.Department))));
        Assert.Contains("không thuộc đơn vị", await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin,
            Draft("kt.hoa", StaffRoles.Department, department: giaoHoaKinhTe.Id))));
        Assert.Equal(before, await DatabaseAsync());

        Assert.Null(await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin, Draft("kt.hoa", StaffRoles.Department, department: giaoMinhKinhTe.Id))));
        using var client = await _app.SignedInClientAsync("kt.hoa", Password);
        // Department staff land on their own follow-up items.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/theo-doi")).StatusCode);
    }

    [Fact]
    public async Task One_communes_administrator_cannot_reach_another_commune()
    {
        var giaoHoa = (await ViewAsync(ProvinceAdmin)).Staff.Single(p => p.UserName == "giaohoa");
        var before = await DatabaseAsync();

        Assert.Equal("Không tìm thấy đơn vị này.", await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin, Draft("xam.nhap", unit: DemoUnits.GiaoHoaId))));
        Assert.Equal("Không tìm thấy đơn vị này.", await AsAsync(s => s.AddDepartmentAsync(GiaoMinhAdmin, DemoUnits.GiaoHoaId, "Phòng mới")));
        Assert.Equal("Không tìm thấy đơn vị này.", await AsAsync(s => s.RenameUnitAsync(GiaoMinhAdmin, DemoUnits.GiaoHoaId, "Xã khác")));
        var giaoHoaDepartment = (await ViewAsync(ProvinceAdmin)).Departments.First(d => d.UnitId == DemoUnits.GiaoHoaId);
        Assert.Equal("Không tìm thấy đơn vị này.", await AsAsync(s => s.RenameDepartmentAsync(GiaoMinhAdmin, giaoHoaDepartment.Id, "Phòng khác")));
        Assert.Equal("Không tìm thấy tài khoản này.", await AsAsync(s => s.ResetPasswordAsync(GiaoMinhAdmin, giaoHoa.Id, "Matkhau2027")));
        Assert.Equal("Không tìm thấy tài khoản này.", await AsAsync(s => s.SetLockedAsync(GiaoMinhAdmin, giaoHoa.Id, true)));
        Assert.Equal("Không tìm thấy tài khoản này.", await AsAsync(s => s.UpdateStaffAsync(GiaoMinhAdmin, giaoHoa.Id, "X", StaffRoles.Admin,
            DemoUnits.GiaoMinhId, null)));
        // Moving one's own staff into another commune is refused the same way.
        var thuky = (await ViewAsync(GiaoMinhAdmin)).Staff.Single(p => p.UserName == "thuky");
        Assert.Equal("Không tìm thấy đơn vị này.", await AsAsync(s => s.UpdateStaffAsync(GiaoMinhAdmin, thuky.Id, thuky.FullName, thuky.Role,
            DemoUnits.GiaoHoaId, null)));
        // And the list it is given holds its own commune only.
        var view = await ViewAsync(GiaoMinhAdmin);
        Assert.Equal([DemoUnits.GiaoMinhId], view.Units.Select(u => u.Id));
        Assert.DoesNotContain(view.Staff, p => p.UserName is "giaohoa" or "tinh");
        Assert.Equal(before, await DatabaseAsync());
    }

    [Fact]
    public async Task Only_administrators_administer()
    {
        var organizer = TestApp.Staff(StaffRoles.Organizer, "vanphong", DemoUnits.GiaoMinhId);
        var before = await DatabaseAsync();
        Assert.Equal(MeetingCommands.NoPermission, await AsAsync(s => s.CreateStaffAsync(organizer, Draft("tu.mo"))));
        Assert.Equal(MeetingCommands.NoPermission, await AsAsync(s => s.AddDepartmentAsync(organizer, DemoUnits.GiaoMinhId, "Phòng mới")));
        Assert.Empty((await ViewAsync(organizer)).Staff);
        Assert.Equal(before, await DatabaseAsync());

        using var client = await _app.SignedInClientAsync("vanphong");
        var page = await client.GetAsync("/quan-tri");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/denied", page.Headers.Location!.PathAndQuery);
        using var admin = await _app.SignedInClientAsync("admin");
        var adminPage = await admin.GetStringAsync("/quan-tri");
        Assert.Contains("Quản trị: đơn vị, phòng ban, tài khoản", adminPage);
        Assert.Contains("Xã Giao Minh", adminPage);
    }

    [Fact]
    public async Task A_province_opens_a_commune_with_departments_and_an_organizer_who_sees_that_commune_only()
    {
        Assert.Null(await AsAsync(s => s.AddUnitAsync(ProvinceAdmin, DemoUnits.ProvinceId, "Xã  Giao Hải", UnitKind.Commune)));
        Assert.Contains("đã có đơn vị", await AsAsync(s => s.AddUnitAsync(ProvinceAdmin, DemoUnits.ProvinceId, "Xã Giao Hải", UnitKind.Commune)));
        Assert.Contains("cấp xã", await AsAsync(s => s.AddUnitAsync(ProvinceAdmin, DemoUnits.GiaoMinhId, "Thôn 1", UnitKind.Commune)));
        var giaoHai = (await ViewAsync(ProvinceAdmin)).Units.Single(u => u.Name == "Xã Giao Hải");

        Assert.Null(await AsAsync(s => s.AddDepartmentAsync(ProvinceAdmin, giaoHai.Id, "Phòng Kinh tế")));
        Assert.Contains("đã có", await AsAsync(s => s.AddDepartmentAsync(ProvinceAdmin, giaoHai.Id, "phong kinh te")));
        Assert.Null(await AsAsync(s => s.CreateStaffAsync(ProvinceAdmin, Draft("vp.giaohai", unit: giaoHai.Id))));

        var view = await ViewAsync(ProvinceAdmin);
        // The tree the page indents: the province, then its communes by name.
        Assert.Equal(["Tỉnh Ninh Bình", "Xã Giao Hải", "Xã Giao Hòa", "Xã Giao Minh"], view.Units.Select(u => u.Name));
        Assert.Single(view.Departments, d => d.UnitId == giaoHai.Id);

        var units = _app.AppServices.GetRequiredService<UnitAccess>();
        using var organizer = await _app.SignedInClientAsync("vp.giaohai", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.GetAsync($"/preparation/{await NewMeetingInAsync(DemoUnits.GiaoMinhId)}")).StatusCode);
        var own = await NewMeetingInAsync(giaoHai.Id);
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync($"/preparation/{own}")).StatusCode);
        Assert.Equal(new HashSet<Guid> { giaoHai.Id },
            await units.VisibleUnitsAsync(TestApp.Staff(StaffRoles.Organizer, "vp.giaohai", giaoHai.Id)));
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_a_reset_password_replaces_the_old_and_no_one_locks_themself_out()
    {
        var thuky = (await ViewAsync(GiaoMinhAdmin)).Staff.Single(p => p.UserName == "thuky");
        Assert.Null(await AsAsync(s => s.SetLockedAsync(GiaoMinhAdmin, thuky.Id, true)));
        Assert.True((await ViewAsync(GiaoMinhAdmin)).Staff.Single(p => p.UserName == "thuky").Locked);
        Assert.Contains("error=locked", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));

        // A new password does not undo an administrator's lock.
        var whileLocked = AdminService.NewPassword();
        Assert.Null(await AsAsync(s => s.ResetPasswordAsync(GiaoMinhAdmin, thuky.Id, whileLocked)));
        Assert.Contains("error=locked", await _app.LoginLandingAsync("thuky", whileLocked));
        Assert.Null(await AsAsync(s => s.SetLockedAsync(GiaoMinhAdmin, thuky.Id, false)));
        Assert.Null(await AsAsync(s => s.ResetPasswordAsync(GiaoMinhAdmin, thuky.Id, StartupSeeder.DemoPassword)));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));

        Assert.Contains("chữ số", await AsAsync(s => s.ResetPasswordAsync(GiaoMinhAdmin, thuky.Id, "khongcochuso")));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
        var fresh = AdminService.NewPassword();
        Assert.Null(await AsAsync(s => s.ResetPasswordAsync(GiaoMinhAdmin, thuky.Id, fresh)));
        Assert.Contains("error=wrong", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", fresh));

        var self = (await ViewAsync(GiaoMinhAdmin)).Staff.Single(p => p.UserName == "admin");
        Assert.Contains("chính mình", await AsAsync(s => s.SetLockedAsync(GiaoMinhAdmin, self.Id, true)));
        Assert.Contains("chính mình", await AsAsync(s => s.UpdateStaffAsync(GiaoMinhAdmin, self.Id, self.FullName, StaffRoles.Organizer,
            DemoUnits.GiaoMinhId, null)));
        Assert.Equal("/", await _app.LoginLandingAsync("admin", StartupSeeder.DemoPassword));
    }

    [Fact]
    public async Task An_administrator_locked_a_moment_ago_can_no_longer_act_from_a_page_left_open()
    {
        var admin = (await ViewAsync(ProvinceAdmin)).Staff.Single(p => p.UserName == "admin");
        Assert.Null(await AsAsync(s => s.SetLockedAsync(ProvinceAdmin, admin.Id, true)));
        var before = await DatabaseAsync();

        // The same signed-in principal (claims unchanged) the open page still holds.
        Assert.Equal(MeetingCommands.NoPermission, await AsAsync(s => s.CreateStaffAsync(GiaoMinhAdmin, Draft("sau.khi.khoa", StaffRoles.Admin))));
        Assert.Equal(MeetingCommands.NoPermission, await AsAsync(s => s.SetLockedAsync(GiaoMinhAdmin, admin.Id, false)));
        Assert.Empty((await ViewAsync(GiaoMinhAdmin)).Staff);
        Assert.Equal(before, await DatabaseAsync());
    }

    [Fact]
    public async Task A_changed_role_takes_effect_and_a_renamed_department_keeps_its_people()
    {
        var view = await ViewAsync(GiaoMinhAdmin);
        var tiepnhan = view.Staff.Single(p => p.UserName == "tiepnhan");
        var kinhTe = view.Departments.Single(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == "Phòng Kinh tế");

        Assert.Null(await AsAsync(s => s.UpdateStaffAsync(GiaoMinhAdmin, tiepnhan.Id, "Phạm Văn Nam", StaffRoles.Department, DemoUnits.GiaoMinhId, kinhTe.Id)));
        Assert.Null(await AsAsync(s => s.RenameDepartmentAsync(GiaoMinhAdmin, kinhTe.Id, "Phòng Kinh tế - Hạ tầng")));

        var after = await ViewAsync(GiaoMinhAdmin);
        var moved = after.Staff.Single(p => p.UserName == "tiepnhan");
        Assert.Equal((StaffRoles.Department, (Guid?)kinhTe.Id), (moved.Role, moved.DepartmentId));
        Assert.Equal("Phòng Kinh tế - Hạ tầng", after.Departments.Single(d => d.Id == kinhTe.Id).Name);
        // A reception seat is no longer theirs.
        using var client = await _app.SignedInClientAsync("tiepnhan");
        var desk = await client.GetAsync($"/checkin/{(await _app.DemoMeetingAsync()).Id}");
        Assert.StartsWith("/account/denied", desk.Headers.Location?.PathAndQuery ?? "");
    }

    private async Task<Guid> NewMeetingInAsync(Guid unitId)
    {
        await using var db = await _app.OpenDbAsync();
        var departments = await db.Departments.Where(d => d.UnitId == unitId).OrderBy(d => d.SortOrder).ToListAsync();
        var meeting = DemoMeeting.Build(_app.Commands.Now, departments, unitId);
        await _app.Commands.AddMeetingAsync(meeting, "Kiểm thử");
        return meeting.Id;
    }
}

/// <summary>A real installation (not the demo) starts with one administrator and nothing else to sign in with.</summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task Without_a_configured_password_one_is_made_and_written_beside_the_database()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:Demo"] = "false" });
        _ = app.AppServices;
        var file = Path.Combine(app.DataDirectory, StartupSeeder.FirstAdminPasswordFile);
        var text = await File.ReadAllTextAsync(file);
        var password = text.Split("Mật khẩu: ")[1].Trim();

        Assert.Contains($"Tài khoản: {StartupSeeder.FirstAdminUserName}", text);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal("/", await app.LoginLandingAsync(StartupSeeder.FirstAdminUserName, password));
        Assert.Contains("error=wrong", await app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
        using var admin = await app.SignedInClientAsync(StartupSeeder.FirstAdminUserName, password);
        Assert.Contains("Quản trị: đơn vị, phòng ban, tài khoản", await admin.GetStringAsync("/quan-tri"));
        await using var db = await app.OpenDbAsync();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task A_configured_password_is_used_and_a_restart_makes_no_second_administrator()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DoiThoai:Demo"] = "false", ["DoiThoai:AdminPassword"] = "SongHong2027",
            ["DoiThoai:UnitName"] = "Tỉnh Nam Định", ["DoiThoai:UnitKind"] = "Province",
        };
        var folder = TestApp.NewDataDirectory();
        await using (var first = new TestApp(folder, settings: settings)) _ = first.AppServices;
        await using var again = new TestApp(folder, settings: settings);

        Assert.Equal("/", await again.LoginLandingAsync(StartupSeeder.FirstAdminUserName, "SongHong2027"));
        Assert.False(File.Exists(Path.Combine(folder, StartupSeeder.FirstAdminPasswordFile)));
        await using var db = await again.OpenDbAsync();
        Assert.Equal(1, await db.Users.CountAsync());

        // A province installation: its administrator opens the first commune.
        var province = Assert.Single(await db.Units.AsNoTracking().ToListAsync());
        Assert.Equal(("Tỉnh Nam Định", UnitKind.Province), (province.Name, province.Kind));
        await using var scope = again.AppServices.CreateAsyncScope();
        var admin = TestApp.Staff(StaffRoles.Admin, StartupSeeder.FirstAdminUserName, province.Id);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AdminService>().AddUnitAsync(admin, province.Id, "Xã Hải Hậu", UnitKind.Commune));
    }
}

public sealed class AdministratorResetTests
{
    [Fact]
    public async Task A_lost_administrator_password_is_replaced_and_the_lock_lifted_by_one_start_with_ResetAdmin()
    {
        var folder = TestApp.NewDataDirectory();
        var settings = new Dictionary<string, string?> { ["DoiThoai:Demo"] = "false", ["DoiThoai:AdminPassword"] = "SongHong2027" };
        await using (var first = new TestApp(folder, settings: settings))
        {
            _ = first.AppServices;
            await using var db = await first.OpenDbAsync();
            var admin = await db.Users.SingleAsync();
            admin.LockoutEnd = DateTimeOffset.MaxValue;
            await db.SaveChangesAsync();
            Assert.Contains("error=locked", await first.LoginLandingAsync(StartupSeeder.FirstAdminUserName, "SongHong2027"));
        }

        // Forgotten, locked: one start with ResetAdmin and no password given writes a new one to the file.
        await using var again = new TestApp(folder, settings: new Dictionary<string, string?>
        {
            ["DoiThoai:Demo"] = "false", [StartupSeeder.ResetAdminSetting] = "true",
        });
        _ = again.AppServices;
        var password = (await File.ReadAllTextAsync(Path.Combine(folder, StartupSeeder.FirstAdminPasswordFile))).Split("Mật khẩu: ")[1].Trim();
        Assert.Equal("/", await again.LoginLandingAsync(StartupSeeder.FirstAdminUserName, password));
        Assert.Contains("error=wrong", await again.LoginLandingAsync(StartupSeeder.FirstAdminUserName, "SongHong2027"));
        await using var check = await again.OpenDbAsync();
        Assert.Equal(1, await check.Users.CountAsync());
    }
}

/// <summary>A device already signed in loses its rights once the account is locked (checked on every request here).</summary>
public sealed class LockedSessionTests
{
    [Fact]
    public async Task A_signed_in_device_is_sent_to_the_login_form_once_its_account_is_locked()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { [DoiThoai.Web.Features.Account.StaffSessionCheck.IntervalSetting] = "0" });
        var meetingId = (await app.DemoMeetingAsync()).Id;
        using var thuky = await app.SignedInClientAsync("thuky");
        Assert.Equal(HttpStatusCode.OK, (await thuky.GetAsync($"/minutes/{meetingId}")).StatusCode);

        await using (var scope = app.AppServices.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<AdminService>();
            var id = (await service.LoadAsync(TestApp.Staff(StaffRoles.Admin, "admin"))).Staff.Single(p => p.UserName == "thuky").Id;
            Assert.Null(await service.SetLockedAsync(TestApp.Staff(StaffRoles.Admin, "admin"), id, true));
        }

        var after = await thuky.GetAsync($"/minutes/{meetingId}");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery);
    }
}

/// <summary>Demo data started once, then the same folder started for real: no public password opens anything.</summary>
public sealed class DemoLeftBehindTests
{
    [Fact]
    public async Task A_real_start_on_demo_data_disables_every_demo_account_and_makes_a_fresh_administrator()
    {
        var folder = TestApp.NewDataDirectory();
        await using (var demo = new TestApp(folder))
            Assert.Equal("/", await demo.LoginLandingAsync("chutri", StartupSeeder.DemoPassword));

        await using var real = new TestApp(folder, settings: new Dictionary<string, string?> { ["DoiThoai:Demo"] = "false" });
        _ = real.AppServices;

        // Locked for good; admin's password was replaced (below), so the public one is simply wrong there.
        foreach (var account in StartupSeeder.DemoAccounts)
            Assert.Matches("error=(locked|wrong)", await real.LoginLandingAsync(account.UserName, StartupSeeder.DemoPassword));
        var home = await real.CreateClient().GetStringAsync("/");
        Assert.DoesNotContain(StartupSeeder.DemoPassword, home);
        // The installation is not left without a way in: admin got a new password, written for the machine's owner.
        var password = (await File.ReadAllTextAsync(Path.Combine(folder, StartupSeeder.FirstAdminPasswordFile))).Split("Mật khẩu: ")[1].Trim();
        Assert.Equal("/", await real.LoginLandingAsync(StartupSeeder.FirstAdminUserName, password));
    }

    [Fact]
    public async Task A_demo_account_whose_password_was_changed_keeps_working_after_demo_is_turned_off()
    {
        var folder = TestApp.NewDataDirectory();
        await using (var demo = new TestApp(folder))
        {
            await using var scope = demo.AppServices.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var chair = (await users.FindByNameAsync("chutri"))!;
            Assert.True((await users.ChangePasswordAsync(chair, StartupSeeder.DemoPassword, "Hoi-nghi-Giao-Minh-2027")).Succeeded);
        }

        await using var real = new TestApp(folder, settings: new Dictionary<string, string?> { ["DoiThoai:Demo"] = "false" });

        Assert.Equal("/", await real.LoginLandingAsync("chutri", "Hoi-nghi-Giao-Minh-2027"));
        Assert.Contains("error=locked", await real.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
    }
}
