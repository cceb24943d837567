using DoiThoai.Domain;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Web.Features.Delegates.Import;

/// <summary>The sheet offices fill in: the header the reader knows, one example per group, and a short guide.</summary>
public static class DelegateTemplate
{
    public const string FileName = "mau-danh-sach-dai-bieu.xlsx";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Headers = ["STT", "Họ và tên", "Chức vụ", "Cơ quan / Thôn, xóm", "Nhóm", "Điện thoại"];

    private static readonly Lazy<byte[]> Built = new(Build);

    public static byte[] Bytes => Built.Value;

    /// <summary>
    /// The meeting's list as it stood for the hồ sơ: the template's columns (phones left out: the record does not need
    /// them and they are erased after follow-up), then whether the person was invited and when they checked in.
    /// </summary>
    public static byte[] ListOf(Meeting meeting)
    {
        var people = Invitations.InvitationSelection.InPrintOrder(meeting.Delegates);
        var rows = people.Select((d, i) => new Dictionary<string, object>
        {
            [Headers[0]] = i + 1,
            [Headers[1]] = d.Name,
            [Headers[2]] = d.Title,
            [Headers[3]] = d.Organization,
            [Headers[4]] = d.Group.ToVietnamese(),
            ["Giấy mời"] = d.IsWalkIn ? "Đến không có giấy mời" : "Có",
            ["Điểm danh"] = d.CheckedInAt is { } at ? Clock.ToHallTime(at).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
                : meeting.StartedAt is null ? "Chưa điểm danh" : "Vắng",
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["Danh sách đại biểu"] = rows },
            configuration: new OpenXmlConfiguration { FreezeRowCount = 1, AutoFilter = false });
        return stream.ToArray();
    }

    private static byte[] Build()
    {
        object[][] examples =
        [
            [1, "Trần Văn Bình", "Phó Chủ tịch UBND thành phố", "UBND thành phố", DelegateGroup.CityDelegate.ToVietnamese(), "0912 345 678"],
            [2, "Lê Thị Hoa", "Chủ tịch Ủy ban MTTQ xã", "Ủy ban MTTQ xã", DelegateGroup.CommuneDelegate.ToVietnamese(), ""],
            [3, "Phạm Văn Cường", "Trưởng xóm", "Xóm 3", DelegateGroup.VillageDelegate.ToVietnamese(), "0987 654 321"],
            [4, "Nguyễn Thị Lan", "", "Xóm 3", DelegateGroup.People.ToVietnamese(), ""],
        ];
        var list = examples.Select(values => Headers.Zip(values).ToDictionary(p => p.First, p => p.Second)).ToList();
        var guide = new[]
        {
            "Mỗi dòng một đại biểu; chỉ cột “Họ và tên” là bắt buộc. Xóa các dòng ví dụ trước khi nhập.",
            "Cột Nhóm ghi một trong: Đại biểu thành phố, Đại biểu xã, Đại biểu thôn, xóm, Nhân dân. Để trống là Nhân dân.",
            "Có thể giữ dòng tên danh sách ở trên, dòng trống và ô gộp; tệp CSV nên lưu dạng UTF-8.",
            "Nhập lại tệp đã sửa không tạo thêm người: người cùng họ tên và cùng cơ quan / thôn, xóm được cập nhật.",
        }.Select(line => new Dictionary<string, object> { ["Hướng dẫn"] = line }).ToList();

        var widths = Headers.Zip(new[] { 6.0, 26, 30, 26, 20, 16 })
            .Select(p => new DynamicExcelColumn(p.First) { Width = p.Second })
            .Append(new DynamicExcelColumn("Hướng dẫn") { Width = 110 })
            .ToArray();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["Danh sách"] = list, ["Hướng dẫn"] = guide },
            configuration: new OpenXmlConfiguration { DynamicColumns = widths, FreezeRowCount = 1, AutoFilter = false });
        return stream.ToArray();
    }
}
