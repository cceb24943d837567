using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Delegates.Import;
using DoiThoai.Web.Features.Sheets;
using static DoiThoai.Web.Tests.Import.RawXlsx;

namespace DoiThoai.Web.Tests.Import;

/// <summary>
/// Files that declare far more than they hold, or hold more than any list: the delegate reader answers in seconds,
/// with the real rows or a Vietnamese refusal (issue 10: a 5.7 KB .xlsx declaring A1:XFD20000 ran for 20 minutes).
/// </summary>
public sealed class ImportBoundsTests
{
    private static readonly MeetingDelegate[] Nobody = [];

    private static readonly string[] Header = ["STT", "Họ và tên", "Chức vụ", "Cơ quan, đơn vị", "Nhóm"];

    private static IEnumerable<string> List(int people) =>
        [Row(1, Header), .. Enumerable.Range(1, people).Select(n => Row(n + 1, $"{n}", $"Nguyễn Văn {n}", "", $"Xóm {n % 9 + 1}", "Nhân dân"))];

    /// <summary>The finding's file: a few real cells under a dimension of 16,384 columns by 20,000 rows.</summary>
    internal static byte[] DeclaredHuge() => Build("A1:XFD20000", List(2));

    private static Task<ImportPreview> ReadAsync(byte[] file, string name = "ds.xlsx") =>
        Guarded(() => DelegateSheetReader.Read(file, name, Nobody));

    [Fact]
    public async Task A_sheet_declaring_A1_XFD20000_reads_only_its_real_rows()
    {
        var file = DeclaredHuge();
        Assert.InRange(file.Length, 1, 10_000);

        var preview = await ReadAsync(file);

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal([2, 3], preview.Rows.Select(r => r.Line));
        Assert.Equal(["Nguyễn Văn 1", "Nguyễn Văn 2"], preview.Drafts.Select(d => d.Name));
    }

    [Fact]
    public async Task A_value_in_row_1048576_is_refused_with_the_row_limit()
    {
        var file = Build("A1:E1048576", [.. List(2), Row(1_048_576, "", "Nguyễn Văn Cuối")]);

        var preview = await ReadAsync(file);

        Assert.False(preview.Ok);
        Assert.Equal(SheetText.TooManyRows, preview.Error);
        Assert.Empty(preview.Rows);
    }

    [Fact]
    public async Task More_real_rows_than_the_limit_are_refused()
    {
        var preview = await ReadAsync(Build("A1:E6001", List(6_000)));

        Assert.Equal("Tệp có quá nhiều dòng (tối đa 5.000 dòng). Hãy chia nhỏ danh sách.", preview.Error);
        Assert.Empty(preview.Rows);
    }

    [Fact]
    public async Task A_list_just_under_the_limit_is_read_whole()
    {
        var preview = await ReadAsync(Build("A1:E5000", List(SheetText.MaxRows - 1)));

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal(SheetText.MaxRows - 1, preview.Drafts.Count);
    }

    [Fact]
    public async Task Empty_cells_far_below_and_right_of_the_list_are_no_reason_to_refuse()
    {
        // Borders drawn down to row 900,000 leave empty styled cells; a stray note sits in the last column.
        var file = Build("A1:XFD900000", [.. List(2), $"<row r=\"3\">{Cell("XFD3", "ghi chú")}</row>",
            "<row r=\"900000\"><c r=\"A900000\"/><c r=\"XFD900000\"/></row>"]);

        var preview = await ReadAsync(file);

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal([2, 3], preview.Rows.Select(r => r.Line));
    }

    [Fact]
    public async Task A_merge_over_the_whole_sheet_is_refused()
    {
        var file = Build("A1:E3", List(2), """<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>""");

        var preview = await ReadAsync(file);

        Assert.Equal(SheetText.TooManyMergedCells, preview.Error);
    }

    [Fact]
    public async Task A_workbook_that_unpacks_past_100_MB_is_refused_before_reading()
    {
        var file = Build("A1:E3", List(2), padding: SheetText.MaxUnpackedBytes + 1);
        Assert.InRange(file.Length, 1, DelegateSheetReader.MaxBytes);

        var preview = await ReadAsync(file);

        Assert.Equal(SheetText.TooLargeUnpacked, preview.Error);
    }

    [Fact]
    public async Task A_csv_longer_than_the_limit_is_refused_and_a_wide_one_keeps_its_first_columns()
    {
        var longList = "Họ và tên;Nhóm\n" + string.Concat(Enumerable.Range(1, 6_000).Select(n => $"Nguyễn Văn {n};Nhân dân\n"));
        Assert.Equal(SheetText.TooManyRows, (await ReadAsync(Encoding.UTF8.GetBytes(longList), "ds.csv")).Error);

        // 200,000 fields full of quotes: once quadratic in the field's length, now one pass.
        var wide = "Họ và tên;Nhóm\nNguyễn Văn An;Nhân dân" + string.Concat(Enumerable.Repeat(";a\"b\"", 200_000)) + "\n";
        var preview = await ReadAsync(Encoding.UTF8.GetBytes(wide), "ds.csv");
        Assert.True(preview.Ok, preview.Error);
        Assert.Equal(["Nguyễn Văn An"], preview.Drafts.Select(d => d.Name));
    }

    [Fact]
    public async Task Cancelling_the_callers_token_stops_the_read()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.ThrowsAny<OperationCanceledException>(() => DelegateSheetReader.Read(DeclaredHuge(), "ds.xlsx", Nobody, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DelegateSheetReader.Read(Encoding.UTF8.GetBytes("Họ và tên\nAn\n"), "ds.csv", Nobody, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DelegateSheetReader.ReadAsync(new MemoryStream(DeclaredHuge()), "ds.xlsx", Nobody, cancelled.Token));
    }

    [Fact]
    public void Running_out_of_time_stops_the_read_with_a_message()
    {
        var timeUp = new CancellationToken(canceled: true);

        var xlsx = DelegateSheetReader.Read(DeclaredHuge(), "ds.xlsx", Nobody, timeUp, CancellationToken.None);
        var csv = DelegateSheetReader.Read(Encoding.UTF8.GetBytes("Họ và tên\nAn\n"), "ds.csv", Nobody, timeUp, CancellationToken.None);

        Assert.Equal("Đọc tệp quá lâu, đã dừng. Tệp có thể bị hỏng hoặc quá lớn.", xlsx.Error);
        Assert.Equal(SheetText.TooSlow, csv.Error);
        Assert.Empty(xlsx.Rows);
    }
}
