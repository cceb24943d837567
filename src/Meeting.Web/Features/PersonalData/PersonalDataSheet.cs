using DoiThoai.Domain;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Web.Features.PersonalData;

/// <summary>What the app holds about one person, as an .xlsx they can open and read: one row per record, plain words.</summary>
public static class PersonalDataSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Thông tin cá nhân";

    public static readonly string[] Headers =
        ["STT", "Loại thông tin", "Hội nghị", "Ngày hội nghị", "Số", "Họ và tên", "Thôn, xóm / cơ quan", "Số điện thoại", "Nội dung", "Trạng thái", "Thời điểm"];

    public static string FileName(DateTimeOffset now) => $"thong-tin-ca-nhan-{Clock.ToHallTime(now):yyyyMMdd-HHmm}.xlsx";

    public static byte[] Build(IReadOnlyList<PersonRecord> records, string query, DateTimeOffset now)
    {
        var rows = records.Select((r, i) => Headers.Zip(new object?[]
        {
            i + 1, r.KindText, r.MeetingTitle, Clock.ToHallTime(r.MeetingDate).ToString("dd/MM/yyyy"), r.Number?.ToString() ?? "",
            r.Name, r.Place, r.Phone ?? "", r.Details, r.Status, r.At is { } at ? Clock.ToHallTime(at).ToString("HH:mm dd/MM/yyyy") : "",
        }).ToDictionary(p => p.First, p => p.Second)).ToList();
        var about = new[]
        {
            $"Thông tin cá nhân hệ thống DoiThoai lưu giữ, tìm theo: “{query}”.",
            $"Trích xuất lúc {Clock.ToHallTime(now):HH:mm} ngày {Clock.ToHallTime(now):dd/MM/yyyy}, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 13/2023/NĐ-CP.",
            "Số điện thoại chỉ được lưu khi người gửi đồng ý, để báo kết quả trả lời kiến nghị.",
        }.Select(line => new Dictionary<string, object> { ["Ghi chú"] = line }).ToList();
        var widths = Headers.Zip(new[] { 6.0, 24, 40, 14, 6, 26, 22, 16, 60, 22, 18 })
            .Select(p => new DynamicExcelColumn(p.First) { Width = p.Second })
            .Append(new DynamicExcelColumn("Ghi chú") { Width = 120 })
            .ToArray();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { [SheetName] = rows, ["Ghi chú"] = about },
            configuration: new OpenXmlConfiguration { DynamicColumns = widths, FreezeRowCount = 1, AutoFilter = false });
        return stream.ToArray();
    }
}
