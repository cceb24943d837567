using System.Globalization;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Import;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>Meetings being prepared and the sheets an office would bring, made by the tests.</summary>
internal static class CollectedApp
{
    public static readonly ClaimsPrincipal Organizer = TestApp.Staff(StaffRoles.Organizer, "vanphong");

    /// <summary>A meeting of Giao Minh two weeks ahead, not yet announced: opinions are being collected.</summary>
    public static async Task<Guid> PreparingMeetingAsync(TestApp app, int daysAhead = 14, Guid? unitId = null)
    {
        var meeting = Meeting.Create(new MeetingPlan(
            "Hội nghị đối thoại giữa Bí thư Đảng ủy, Chủ tịch UBND xã với Nhân dân xã Giao Minh năm 2026", MeetingKind.Periodic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy, Chủ tịch HĐND xã"), new ChairPerson("Đỗ Minh Tuấn", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã")],
            "Hội trường Trụ sở Đảng ủy xã Giao Minh", app.Commands.Now.AddDays(daysAhead), 200, "Số 21-KH/ĐU",
            HostOffice: "Văn phòng Đảng ủy xã Giao Minh", Audience: "Nhân dân xã Giao Minh",
            PlacesList: ["Xóm 3", "Xóm 5", "Xóm 7", "Xóm 9"], UnitId: unitId ?? DemoUnits.GiaoMinhId));
        await app.Commands.AddMeetingAsync(meeting, "Kiểm thử");
        return meeting.Id;
    }

    public static DateOnly Today(TestApp app) => DateOnly.FromDateTime(app.Commands.Now.DateTime);

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The Front's summary as offices keep it: title rows, a header on row 4, fields as section rows (one by a Roman
    /// numeral in the STT column, one by a line in capitals), a date typed as text and one kept as an Excel serial,
    /// a row without a name, an unknown field, the same opinion typed again without accents, a day still to come, the
    /// signature block and a row under it.
    /// </summary>
    public static byte[] FrontSummary(DateOnly today) => new SheetBuilder()
        .Row(1, "ỦY BAN MTTQ VIỆT NAM XÃ GIAO MINH")
        .Row(2, "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN TRƯỚC HỘI NGHỊ ĐỐI THOẠI")
        .Row(4, "STT", "Họ và tên", "Địa chỉ", "Lĩnh vực", "Nội dung ý kiến, kiến nghị", "Nguồn", "Ngày nhận")
        .Row(5, "I", "LĨNH VỰC KINH TẾ")
        .Row(6, 1, "Nguyễn Văn Bình", "Xóm 3", "", "Đề nghị sửa đường trục xóm 3 bị xuống cấp.", "MTTQ", Day(today.AddDays(-5)))
        .Row(7, 2, "Trần Thị Hoa", "Xóm 5", "Kinh tế", "Giá phân bón tăng cao, đề nghị hỗ trợ nông dân.", "Hội Nông dân",
            today.AddDays(-4).ToDateTime(TimeOnly.MinValue).ToOADate())
        .Row(8, "II. LĨNH VỰC ĐẤT ĐAI, MÔI TRƯỜNG").Merge("A8:G8")
        .Row(9, 3, "Lê Văn Cường", "Xóm 7", "", "Đề nghị xử lý bãi rác tự phát ven đê.", "Chi bộ xóm 7", "")
        .Row(10, 4, "", "Xóm 7", "", "Ý kiến không ghi tên người nêu.", "MTTQ", "")
        .Row(11, 5, "Phạm Thị Dung", "Xóm 9", "Linh tinh", "Đề nghị làm sân chơi cho trẻ em.", "", "")
        .Row(12, 6, "nguyen van binh", "Xom 3", "Kinh tế", "de nghi sua duong truc xom 3 bi xuong cap.", "", "")
        .Row(13, 7, "Đỗ Văn Em", "", "Quốc phòng - an ninh", "Tình trạng trộm cắp vặt ban đêm ở xóm 9.", "thư điện tử", Day(today.AddDays(3)))
        .Row(15, "", "Người lập biểu")
        .Row(16, 8, "Ngô Thị Giang", "Xóm 3", "", "Dòng dưới chữ ký, không phải ý kiến.", "", "")
        .ToXlsx();

    /// <summary>What the confirm button does: read against the opinions already collected, then import the new rows.</summary>
    public static async Task<(OpinionSheetPreview Preview, CollectedImportResult Result)> ImportAsync(TestApp app, Guid meetingId, byte[] file)
    {
        var preview = OpinionSheetReader.Read(file, "tong-hop-y-kien.xlsx", (await app.LoadAsync(meetingId)).Opinions,
            CollectedChannel.Front, Today(app));
        Assert.True(preview.Ok, preview.Error);
        var result = await app.MustAsync(meetingId, Organizer, CollectedOpinionAccess.Roles, (m, now) => m.ImportCollectedOpinions(preview.Drafts, now));
        return (preview, result.Value!);
    }

    public static async Task<IReadOnlyList<Department>> DepartmentsAsync(TestApp app, Guid? unitId = null)
    {
        await using var db = await app.OpenDbAsync();
        return await db.Departments.AsNoTracking().Where(d => d.UnitId == (unitId ?? DemoUnits.GiaoMinhId)).OrderBy(d => d.SortOrder).ToListAsync();
    }
}
