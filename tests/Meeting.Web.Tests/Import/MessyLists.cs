using static DoiThoai.Web.Tests.Import.Csv;

namespace DoiThoai.Web.Tests.Import;

/// <summary>Delegate lists as a commune office sends them: the sheet and the CSV hold the same people.</summary>
internal static class MessyLists
{
    public const string UnknownGroup = "dòng 15: nhóm “Khách mời” không rõ (ghi Đại biểu thành phố, Đại biểu xã, Đại biểu thôn xóm hoặc Nhân dân)";

    /// <summary>Problems of <see cref="Xlsx"/>, in line order.</summary>
    public static readonly string[] XlsxProblems =
    [
        "dòng 12: số điện thoại “09x8 abc” không hợp lệ (chỉ gồm chữ số, 8–15 số)",
        "dòng 14: thiếu họ tên",
        UnknownGroup,
        "dòng 16: trùng với dòng 10 (Nguyễn Thị Lan, Xóm 3)",
    ];

    /// <summary>
    /// Title and subtitle rows, a blank row, "STT" and "Họ và tên" merged over two header rows with the other headers
    /// under a merged "Thông tin đại biểu", a xóm merged down over three people, decomposed names, stray spaces,
    /// a phone Excel turned into a number, a row with only its STT, and a totals line and signature block below.
    /// </summary>
    public static byte[] Xlsx() => new SheetBuilder()
        .Row(1, "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ ĐỐI THOẠI").Merge("A1:F1", writeCoveredCells: false)
        .Row(2, "(Kèm theo Kế hoạch số 45/KH-UBND ngày 01/11/2026)").Merge("A2:F2")
        .Row(4, "STT", "Họ và tên", "Thông tin đại biểu").Merge("A4:A5").Merge("B4:B5").Merge("C4:F4")
        .Row(5, null, null, "Chức vụ", "Cơ quan / Thôn, xóm", " Nhóm ", "Điện thoại")
        .Row(6, 1, "  Trần   Văn Bình ", "Phó Chủ tịch UBND thành phố", "UBND thành phố", "Đại biểu thành phố", "0912 345 678")
        .Row(7, 2, Decomposed("Lê Thị Hoa"), "Chủ tịch Ủy ban MTTQ xã", "Ủy ban MTTQ xã", "xã", "")
        .Row(9, 3, "Phạm Văn Cường", "Trưởng xóm", "Xóm 3", Decomposed("thôn"), 912345678).Merge("D9:D11")
        .Row(10, 4, "Nguyễn Thị Lan", "", null, "Nhân dân")
        .Row(11, 5, "Đỗ Văn Hùng")
        .Row(12, 6, "Vũ Thị Mai", "", "Xóm 5", "dân", "09x8 abc")
        .Row(13, 7)
        .Row(14, 8, "", "Trưởng thôn", "Thôn Đông", "thôn")
        .Row(15, 9, "Hoàng Văn Nam", "", "Xóm 7", "Khách mời")
        .Row(16, 10, Decomposed(" Nguyễn  Thị   Lan "), "", "Xóm 3 ", "Nhân dân")
        .Row(18, null, "Tổng cộng: 10 đại biểu")
        .Row(19, null, null, null, null, "NGƯỜI LẬP BIỂU")
        .Row(20, null, null, null, null, "Nguyễn Văn Lập")
        .ToXlsx();

    /// <summary>The same people, one header row, saved as "CSV UTF-8" with ';'; quoted fields hold ';' and quotes.</summary>
    public static byte[] Csv() => Utf8WithBom(
        "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ ĐỐI THOẠI;;;;;",
        ";;;;;",
        "STT;Họ và tên;Chức vụ;Cơ quan / Thôn, xóm;Nhóm;Số điện thoại",
        "1;  Trần   Văn Bình ;Phó Chủ tịch UBND thành phố;UBND thành phố;Đại biểu thành phố;0912 345 678",
        $"2;{Decomposed("Lê Thị Hoa")};\"Chủ tịch \"\"Mặt trận\"\"; xã\";Ủy ban MTTQ xã;xã;",
        "3;Phạm Văn Cường;Trưởng xóm;Xóm 3;thôn;912345678",
        ";;;;;",
        "4;;Trưởng thôn;Thôn Đông;thôn;",
        $"5;{Decomposed("Nguyễn Thị Lan")};;Xóm 3;Nhân dân;",
        "6;Nguyễn Thị Lan;;xóm 3;;");
}
