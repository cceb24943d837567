using System.Diagnostics;
using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Delegates.Import;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Import;

/// <summary>Previewed rows imported through the real command service, and the template download.</summary>
public sealed class ImportCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_same_file_imported_twice_does_not_double_the_list()
    {
        await using var app = new TestApp();
        var meetingId = await ImportApp.EmptyMeetingAsync(app);

        var first = await ImportApp.ImportAsync(app, meetingId, MessyLists.Xlsx(), "danh sach.xlsx");
        var again = await ImportApp.ImportAsync(app, meetingId, MessyLists.Xlsx(), "danh sach.xlsx");
        // The same people typed differently (NFD, lower case, other spacing) in a CSV: one title changed.
        var fromCsv = await ImportApp.ImportAsync(app, meetingId, MessyLists.Csv(), "danh-sach.csv");

        Assert.Equal(new DelegateImportResult(5, 0, 0), first.Result);
        Assert.Equal(new DelegateImportResult(0, 0, 5), again.Result);
        Assert.Equal(5, again.Preview.Count(ImportRowStatus.Unchanged));
        Assert.Equal(new DelegateImportResult(0, 1, 3), fromCsv.Result);
        var stored = await app.LoadAsync(meetingId);
        Assert.Equal(5, stored.Delegates.Count);
        Assert.Equal("Chủ tịch \"Mặt trận\"; xã", stored.Delegates.Single(d => d.Name == "Lê Thị Hoa").Title);
    }

    [Fact]
    public async Task Nothing_is_written_by_reading_and_a_role_outside_the_list_keepers_is_refused()
    {
        await using var app = new TestApp();
        var meetingId = await ImportApp.EmptyMeetingAsync(app);
        var before = (await app.LoadAsync(meetingId)).LastSequence;

        var preview = DelegateSheetReader.Read(MessyLists.Xlsx(), "danh sach.xlsx", (await app.LoadAsync(meetingId)).Delegates);
        var refused = await app.Commands.RunAsync(meetingId, Hall.Secretary, StaffRoles.DelegateList,
            (m, _) => m.ImportDelegates(preview.Drafts));

        Assert.Equal(5, preview.Drafts.Count);
        Assert.Equal(MeetingCommands.NoPermission, refused.Error);
        var after = await app.LoadAsync(meetingId);
        Assert.Empty(after.Delegates);
        Assert.Equal(before, after.LastSequence);
    }

    [Fact]
    public async Task Five_hundred_rows_are_read_and_imported()
    {
        await using var app = new TestApp();
        var meetingId = await ImportApp.EmptyMeetingAsync(app);
        var sheet = ImportApp.LargeList(500);
        _ = DelegateSheetReader.Read(MessyLists.Xlsx(), "warm-up.xlsx", []); // JIT and MiniExcel's caches

        var clock = Stopwatch.StartNew();
        var preview = DelegateSheetReader.Read(sheet, "500.xlsx", []);
        var read = clock.Elapsed;
        clock.Restart();
        _ = DelegateSheetReader.Read(sheet, "500.xlsx", []);
        var readAgain = clock.Elapsed;
        clock.Restart();
        var result = await app.Commands.RunAsync(meetingId, Hall.Reception, StaffRoles.DelegateList, (m, _) => m.ImportDelegates(preview.Drafts));
        var imported = clock.Elapsed;

        output.WriteLine($"500 rows ({sheet.Length / 1024} KB .xlsx): read and checked in {read.TotalMilliseconds:0} ms " +
                         $"(again: {readAgain.TotalMilliseconds:0} ms), " +
                         $"imported (one command, one transaction) in {imported.TotalMilliseconds:0} ms");
        Assert.Empty(preview.Problems);
        Assert.Equal(500, preview.Drafts.Count);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(new DelegateImportResult(500, 0, 0), result.Value);
        Assert.Equal(500, (await app.LoadAsync(meetingId)).Delegates.Count);
    }

    [Fact]
    public async Task The_template_downloads_for_list_keepers_only_and_reads_back_clean()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var path = ImportEndpoints.TemplatePath(demo.Id);

        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync(path);
        using var chair = await StaffClient.SignedInClientAsync(app, "chutri");
        var chairRefused = await chair.GetAsync(path);
        using var reception = await StaffClient.SignedInClientAsync(app, "tiepnhan");
        var download = await reception.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), refused.Headers.Location!).AbsolutePath);
        Assert.Equal("/account/denied", new Uri(new Uri("http://localhost"), chairRefused.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(DelegateTemplate.ContentType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DelegateTemplate.FileName, download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var preview = DelegateSheetReader.Read(await download.Content.ReadAsByteArrayAsync(), DelegateTemplate.FileName, demo.Delegates);
        Assert.True(preview.Ok, preview.Error);
        Assert.Empty(preview.Problems);
        Assert.Equal(4, preview.Drafts.Count);
    }
}

internal static class ImportApp
{
    /// <summary>A meeting of its own with nobody on the list yet.</summary>
    public static async Task<Guid> EmptyMeetingAsync(TestApp app)
    {
        var meeting = Meeting.Create(new MeetingPlan(
            "Hội nghị đối thoại với Nhân dân xã Giao Minh", MeetingKind.Periodic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")], "Hội trường xã", app.Commands.Now.AddDays(3), 200, "Số 21-KH/ĐU",
            PlacesList: ["Xóm 3", "Xóm 5", "Xóm 7"], UnitId: DemoUnits.GiaoMinhId));
        await app.Commands.AddMeetingAsync(meeting, "Kiểm thử");
        return meeting.Id;
    }

    /// <summary>What the confirm button does: read against the current list, then import the rows without problems.</summary>
    public static async Task<(ImportPreview Preview, DelegateImportResult Result)> ImportAsync(TestApp app, Guid meetingId, byte[] file, string name)
    {
        var preview = DelegateSheetReader.Read(file, name, (await app.LoadAsync(meetingId)).Delegates);
        Assert.True(preview.Ok, preview.Error);
        var result = await app.MustAsync(meetingId, Hall.Reception, StaffRoles.DelegateList, (m, _) => m.ImportDelegates(preview.Drafts));
        return (preview, result.Value!);
    }

    /// <summary>A long list with a title row: distinct names over twelve xóm, every group, some phones.</summary>
    public static byte[] LargeList(int count)
    {
        string[] families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh", "Trịnh"];
        string[] middles = ["Văn", "Thị", "Đức", "Minh", "Thị Thu", "Văn Thanh", "Hữu", "Thị Ngọc"];
        string[] givens = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Liên", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vinh", "Xuân", "Yến"];
        string[] groups = ["Đại biểu thành phố", "Đại biểu xã", "Đại biểu thôn, xóm", "Nhân dân", ""];
        var sheet = new SheetBuilder()
            .Row(1, "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ ĐỐI THOẠI")
            .Row(3, "STT", "Họ và tên", "Chức vụ", "Cơ quan / Thôn, xóm", "Nhóm", "Điện thoại");
        for (var i = 0; i < count; i++)
        {
            var name = $"{families[i % 12]} {middles[i / 12 % 8]} {givens[i / 96 % 28]}";
            sheet.Row(4 + i, i + 1, name, i % 7 == 0 ? "Trưởng xóm" : "", $"Xóm {i % 12 + 1}", groups[i % 5], i % 3 == 0 ? 912000000 + i : null);
        }
        return sheet.ToXlsx();
    }

}
