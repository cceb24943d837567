using DoiThoai.Domain;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Features.Sheets;
using static DoiThoai.Web.Tests.Import.RawXlsx;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>The collected-opinions reader under the same bounds as the delegate list: seconds, real rows or a Vietnamese refusal.</summary>
public sealed class OpinionSheetBoundsTests
{
    private static readonly DateOnly Today = new(2026, 5, 10);

    private static IEnumerable<string> List(int opinions) =>
    [
        Row(1, "STT", "Họ tên", "Địa chỉ", "Lĩnh vực", "Nội dung ý kiến"),
        .. Enumerable.Range(1, opinions).Select(n => Row(n + 1, $"{n}", $"Trần Thị {n}", "Xóm 3", "Kinh tế", $"Đề nghị sửa đoạn đường số {n}.")),
    ];

    private static byte[] DeclaredHuge() => Build("A1:XFD20000", List(2));

    private static OpinionSheetPreview Read(byte[] file, CancellationToken ct = default) =>
        OpinionSheetReader.Read(file, "tong-hop.xlsx", [], CollectedChannel.Front, Today, ct);

    [Fact]
    public async Task A_sheet_declaring_A1_XFD20000_reads_only_its_real_rows()
    {
        var preview = await Guarded(() => Read(DeclaredHuge()));

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal([2, 3], preview.Rows.Select(r => r.Line));
        Assert.Equal(["Trần Thị 1", "Trần Thị 2"], preview.Drafts.Select(d => d.Name));
    }

    [Fact]
    public async Task A_value_in_row_1048576_or_rows_past_the_limit_are_refused()
    {
        var lastRow = await Guarded(() => Read(Build("A1:E1048576", [.. List(2), Row(1_048_576, "", "Trần Thị Cuối")])));
        var tooMany = await Guarded(() => Read(Build("A1:E6001", List(6_000))));

        Assert.Equal("Tệp có quá nhiều dòng (tối đa 5.000 dòng). Hãy chia nhỏ danh sách.", lastRow.Error);
        Assert.Equal(SheetText.TooManyRows, tooMany.Error);
        Assert.Empty(tooMany.Rows);
    }

    [Fact]
    public async Task A_merge_over_the_whole_sheet_and_a_zip_bomb_are_refused()
    {
        var merged = await Guarded(() => Read(Build("A1:E3", List(2), """<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>""")));
        var bomb = await Guarded(() => Read(Build("A1:E3", List(2), padding: SheetText.MaxUnpackedBytes + 1)));

        Assert.Equal(SheetText.TooManyMergedCells, merged.Error);
        Assert.Equal(SheetText.TooLargeUnpacked, bomb.Error);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_stops_the_read()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.ThrowsAny<OperationCanceledException>(() => Read(DeclaredHuge(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OpinionSheetReader.ReadAsync(new MemoryStream(DeclaredHuge()),
            "tong-hop.xlsx", [], CollectedChannel.Front, Today, cancelled.Token));
    }

    [Fact]
    public void Running_out_of_time_stops_the_read_with_a_message()
    {
        var preview = OpinionSheetReader.Read(DeclaredHuge(), "tong-hop.xlsx", [], CollectedChannel.Front, Today,
            timeLimit: new CancellationToken(canceled: true), CancellationToken.None);

        Assert.Equal("Đọc tệp quá lâu, đã dừng. Tệp có thể bị hỏng hoặc quá lớn.", preview.Error);
        Assert.Empty(preview.Rows);
    }
}
