using DoiThoai.Domain;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>
/// The .xlsx files: the import template, and the whole list with its classification and assignment. The list's first
/// columns carry the template's headers, so the list itself can be imported again (everything then reads "đã có").
/// </summary>
public static class CollectedSheets
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string TemplateFileName = "mau-nhap-y-kien.xlsx";

    public static readonly string[] ImportHeaders = ["STT", "Họ tên", "Địa chỉ (thôn, xóm)", "Lĩnh vực", "Nội dung ý kiến, kiến nghị", "Nguồn", "Ngày nhận"];

    private static readonly Lazy<byte[]> Template = new(BuildTemplate);

    public static byte[] TemplateBytes => Template.Value;

    private static byte[] BuildTemplate()
    {
        object[][] examples =
        [
            [1, "Nguyễn Văn Bình", "Xóm 3", OpinionField.Economy.ToVietnamese(), "Đề nghị xã sớm sửa chữa đường trục xóm 3 bị xuống cấp.",
                CollectedChannel.Front.ToVietnamese(), "02/05/2026"],
            [2, "Hội Nông dân xã", "", OpinionField.LandEnvironment.ToVietnamese(), "Đề nghị công khai quy hoạch vùng sản xuất tập trung.",
                CollectedChannel.Unions.ToVietnamese(), "03/05/2026"],
        ];
        var list = examples.Select(values => ImportHeaders.Zip(values).ToDictionary(p => p.First, p => p.Second)).ToList();
        var guide = new[]
        {
            "Mỗi dòng một ý kiến; cột “Họ tên” và “Nội dung ý kiến, kiến nghị” là bắt buộc. Xóa các dòng ví dụ trước khi nhập.",
            $"Cột Lĩnh vực ghi một trong: {string.Join(", ", Enum.GetValues<OpinionField>().Select(f => f.ToVietnamese()))}. Để trống là Khác; "
                + "cũng có thể ghi lĩnh vực ở một dòng riêng phía trên (ví dụ “I. LĨNH VỰC KINH TẾ”).",
            $"Cột Nguồn ghi một trong: {string.Join(", ", Enum.GetValues<CollectedChannel>().Where(c => c != CollectedChannel.None).Select(c => c.ToVietnamese()))}. "
                + "Để trống thì dùng nguồn chọn khi nhập.",
            "Ngày nhận ghi ngày/tháng/năm, ví dụ 05/05/2026. Có thể giữ dòng tên danh sách ở trên, dòng trống và dòng chữ ký ở dưới.",
            "Nhập lại tệp đã nhập không tạo thêm ý kiến: cùng người, cùng nội dung được bỏ qua.",
        }.Select(line => new Dictionary<string, object> { ["Hướng dẫn"] = line }).ToList();
        var widths = ImportHeaders.Zip(new[] { 6.0, 26, 20, 24, 70, 22, 14 })
            .Select(p => new DynamicExcelColumn(p.First) { Width = p.Second })
            .Append(new DynamicExcelColumn("Hướng dẫn") { Width = 120 })
            .ToArray();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["Ý kiến"] = list, ["Hướng dẫn"] = guide },
            configuration: new OpenXmlConfiguration { DynamicColumns = widths, FreezeRowCount = 1, AutoFilter = false });
        return stream.ToArray();
    }

    public static string ListFileName(Meeting meeting) => $"danh-sach-y-kien-{meeting.PublicCode}.xlsx";

    /// <summary>Every collected opinion in the reports' order, duplicates after the opinion they repeat.</summary>
    public static byte[] List(Meeting meeting)
    {
        var numbered = CollectedReports.Numbered(meeting);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var n in numbered)
        {
            rows.Add(Row(rows.Count + 1, n.Opinion, null));
            foreach (var duplicate in n.Duplicates) rows.Add(Row(rows.Count + 1, duplicate, n));
        }
        string[] headers = [.. ImportHeaders, "Số ý kiến", "Thẩm quyền", "Ngoài nội dung", "Đơn thư", "Gộp vào", "Chủ trì chuẩn bị", "Phối hợp", "Hạn chuẩn bị", "Trả lời đã chuẩn bị"];
        var widths = headers.Zip(new[] { 10.0, 26, 20, 24, 70, 22, 12, 10, 24, 14, 10, 12, 28, 28, 14, 70 })
            .Select(p => new DynamicExcelColumn(p.First) { Width = p.Second }).ToArray();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["Ý kiến thu thập"] = rows },
            configuration: new OpenXmlConfiguration { DynamicColumns = widths, FreezeRowCount = 1, AutoFilter = true });
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(int index, Opinion o, NumberedOpinion? into) => new()
    {
        ["STT"] = index,
        ["Họ tên"] = o.SubmitterName,
        ["Địa chỉ (thôn, xóm)"] = o.SubmitterPlace,
        ["Lĩnh vực"] = o.Field.ToVietnamese(),
        ["Nội dung ý kiến, kiến nghị"] = o.Content,
        ["Nguồn"] = o.Channel.ToVietnamese(),
        ["Ngày nhận"] = o.ReceivedOn is { } day ? CollectedReports.Show(day) : "",
        ["Số ý kiến"] = o.Number,
        ["Thẩm quyền"] = o.Authority.ToVietnamese(),
        ["Ngoài nội dung"] = o.IsOutOfTopic ? "x" : "",
        ["Đơn thư"] = o.IsPetition ? "x" : "",
        ["Gộp vào"] = into is null ? "" : $"Ý kiến số {into.Number}",
        ["Chủ trì chuẩn bị"] = o.LeadAssignment?.DepartmentName ?? "",
        ["Phối hợp"] = string.Join(", ", o.Assignments.Where(a => !a.IsLead).Select(a => a.DepartmentName)),
        ["Hạn chuẩn bị"] = o.PrepareDue is { } due ? CollectedReports.Show(due) : "",
        ["Trả lời đã chuẩn bị"] = o.PreparedAnswer ?? "",
    };
}
