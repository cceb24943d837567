using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Delegates.Import;
using static DoiThoai.Web.Tests.Import.Csv;

namespace DoiThoai.Web.Tests.Import;

/// <summary>The reader alone: real messy files in, a preview with sheet line numbers and Vietnamese problems out.</summary>
public sealed class DelegateSheetReaderTests
{
    private static readonly MeetingDelegate[] Nobody = [];

    [Fact]
    public void Messy_xlsx_is_previewed_row_by_row_with_the_line_numbers_the_user_sees()
    {
        var preview = DelegateSheetReader.Read(MessyLists.Xlsx(), "danh sach.xlsx", Nobody);

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal([6, 7, 9, 10, 11, 12, 14, 15, 16], preview.Rows.Select(r => r.Line));
        Assert.Equal(MessyLists.XlsxProblems, preview.Problems);
        Assert.Equal("9 dòng: 5 thêm mới, 0 cập nhật, 0 giữ nguyên, 4 dòng có lỗi sẽ bỏ qua", preview.Summary);

        Assert.Equal(
        [
            new DelegateDraft("Trần Văn Bình", "Phó Chủ tịch UBND thành phố", "UBND thành phố", DelegateGroup.CityDelegate, "0912345678"),
            new DelegateDraft("Lê Thị Hoa", "Chủ tịch Ủy ban MTTQ xã", "Ủy ban MTTQ xã", DelegateGroup.CommuneDelegate),
            // The phone Excel stored as 912345678 gets its zero back; the merged xóm belongs to all three rows.
            new DelegateDraft("Phạm Văn Cường", "Trưởng xóm", "Xóm 3", DelegateGroup.VillageDelegate, "0912345678"),
            new DelegateDraft("Nguyễn Thị Lan", "", "Xóm 3", DelegateGroup.People),
            new DelegateDraft("Đỗ Văn Hùng", "", "Xóm 3", DelegateGroup.People),
        ], preview.Drafts);
        // Decomposed input is stored composed (NFC), like typed text.
        Assert.Equal("Lê Thị Hoa".Normalize(NormalizationForm.FormC), preview.Drafts[1].Name);
        Assert.All(preview.Rows.Where(r => r.Problems.Count > 0), r => Assert.Equal(ImportRowStatus.Invalid, r.Status));
        // The signature block under "Tổng cộng" is not read as people.
        Assert.DoesNotContain(preview.Rows, r => r.Group.Contains("Lập") || r.Name.Contains("Tổng"));
    }

    [Fact]
    public void Csv_in_utf8_with_bom_and_semicolons_reads_the_same_people()
    {
        var preview = DelegateSheetReader.Read(MessyLists.Csv(), "danh-sach.csv", Nobody);

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal([4, 5, 6, 8, 9, 10], preview.Rows.Select(r => r.Line));
        Assert.Equal(["dòng 8: thiếu họ tên", "dòng 10: trùng với dòng 9 (Nguyễn Thị Lan, xóm 3)"], preview.Problems);
        Assert.Equal(["Trần Văn Bình", "Lê Thị Hoa", "Phạm Văn Cường", "Nguyễn Thị Lan"], preview.Drafts.Select(d => d.Name));
        Assert.Equal("Chủ tịch \"Mặt trận\"; xã", preview.Drafts[1].Title);
        Assert.Equal("0912345678", preview.Drafts[2].Phone);
        Assert.Equal("6 dòng: 4 thêm mới, 0 cập nhật, 0 giữ nguyên, 2 dòng có lỗi sẽ bỏ qua", preview.Summary);
    }

    [Theory]
    [InlineData("utf-16", '\t')]
    [InlineData("utf-8-no-bom", ',')]
    [InlineData("windows-1258", ',')]
    public void Csv_in_other_encodings_and_separators_reads_too(string encoding, char separator)
    {
        var text = $"Họ và tên{separator}Cơ quan{separator}Nhóm\r\n" +
                   $"\"Nguyễn Văn Ân, con\"{separator}Xóm 3{separator}Đại biểu thôn xóm\r\n" +
                   $"Lê Thị Hạnh{separator}UBND xã{separator}Đại biểu xã\r\n";
        byte[] bytes = encoding switch
        {
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-8-no-bom" => Encoding.UTF8.GetBytes(text),
            _ => WindowsVietnamese.GetBytes(WindowsVietnameseForm(text)),
        };

        var preview = DelegateSheetReader.Read(bytes, "list.csv", Nobody);

        Assert.True(preview.Ok, preview.Error);
        Assert.Empty(preview.Problems);
        Assert.Equal(
        [
            new DelegateDraft("Nguyễn Văn Ân, con", "", "Xóm 3", DelegateGroup.VillageDelegate),
            new DelegateDraft("Lê Thị Hạnh", "", "UBND xã", DelegateGroup.CommuneDelegate),
        ], preview.Drafts);
    }

    // Code page 1258, what Excel's plain "CSV" writes on a Vietnamese Windows; throws rather than writing '?'.
    private static readonly Encoding WindowsVietnamese =
        CodePagesEncodingProvider.Instance.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    /// <summary>Code page 1258 has â, ê, ô, ă, ơ, ư precomposed and the five tones as combining marks: "ệ" is "ê" + dot below.</summary>
    private static string WindowsVietnameseForm(string text)
    {
        var chars = new List<char>();
        var lastBase = -1;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (c is '\u0302' or '\u0306' or '\u031B') chars[lastBase] = $"{chars[lastBase]}{c}".Normalize(NormalizationForm.FormC)[0];
            else
            {
                if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) lastBase = chars.Count;
                chars.Add(c);
            }
        }
        return new string([.. chars]);
    }

    [Fact]
    public void Rows_are_marked_new_update_or_unchanged_against_the_list_already_there()
    {
        var meetingId = Guid.NewGuid();
        MeetingDelegate[] existing =
        [
            new(meetingId, "Trần Văn Bình", "Phó Chủ tịch UBND thành phố", "UBND thành phố", DelegateGroup.CityDelegate, "0912345678"),
            new(meetingId, "Phạm Văn Cường", "Xóm trưởng", "Xóm 3", DelegateGroup.VillageDelegate),
        ];

        var preview = DelegateSheetReader.Read(MessyLists.Xlsx(), "danh sach.xlsx", existing);

        Assert.Equal(ImportRowStatus.Unchanged, preview.Rows.Single(r => r.Line == 6).Status);
        Assert.Equal(ImportRowStatus.Update, preview.Rows.Single(r => r.Line == 9).Status);
        Assert.Equal(ImportRowStatus.New, preview.Rows.Single(r => r.Line == 7).Status);
        Assert.Equal("9 dòng: 3 thêm mới, 1 cập nhật, 1 giữ nguyên, 4 dòng có lỗi sẽ bỏ qua", preview.Summary);
    }

    [Fact]
    public void Section_rows_give_their_group_and_names_match_whatever_the_header_spelling()
    {
        var sheet = new SheetBuilder()
            .Row(1, "TT", "HỌ VÀ TÊN:", "Chức danh", "Đơn vị", "Thành phần")
            .Row(2, "I. ĐẠI BIỂU THÀNH PHỐ").Merge("A2:E2")
            .Row(3, 1, "Trần Văn Bình", "Phó Chủ tịch", "UBND thành phố")
            .Row(4, "II", "Đại biểu các thôn, xóm")
            .Row(5, 2, "Phạm Văn Cường", "Trưởng xóm", "Xóm 3")
            .Row(6, 3, "Vũ Thị Mai", "", "Xóm 5", "Nhân dân")
            .Row(7, null, "ĐẠI BIỂU XÃ")
            .Row(8, 4, "Lê Thị Hoa", "Chủ tịch", "UBND xã")
            .Row(10, null, null, null, "Giao Minh, ngày 20 tháng 11 năm 2026")
            .ToXlsx();

        var preview = DelegateSheetReader.Read(sheet, "ds.xlsx", Nobody);

        Assert.True(preview.Ok, preview.Error);
        Assert.Empty(preview.Problems);
        Assert.Equal([3, 5, 6, 8], preview.Rows.Select(r => r.Line));
        Assert.Equal([DelegateGroup.CityDelegate, DelegateGroup.VillageDelegate, DelegateGroup.People, DelegateGroup.CommuneDelegate],
            preview.Drafts.Select(d => d.Group));
        Assert.Equal(["Phó Chủ tịch", "Trưởng xóm", "", "Chủ tịch"], preview.Drafts.Select(d => d.Title));
    }

    [Fact]
    public void A_name_split_in_two_columns_under_a_merged_header_is_joined()
    {
        var sheet = new SheetBuilder()
            .Row(1, "STT", "Họ và tên", null, "Nhóm").Merge("B1:C1").Merge("A1:A2").Merge("D1:D2")
            .Row(2, null, "Họ đệm", "Tên")
            .Row(3, 1, "Nguyễn Văn", "An", "xã")
            .Row(4, 2, "Lê Thị", "Hạnh")
            .ToXlsx();

        var preview = DelegateSheetReader.Read(sheet, "ds.xlsx", Nobody);

        Assert.Empty(preview.Problems);
        Assert.Equal([3, 4], preview.Rows.Select(r => r.Line));
        Assert.Equal(["Nguyễn Văn An", "Lê Thị Hạnh"], preview.Drafts.Select(d => d.Name));
        Assert.Equal([DelegateGroup.CommuneDelegate, DelegateGroup.People], preview.Drafts.Select(d => d.Group));
    }

    [Theory]
    [InlineData("Đại biểu thành phố", DelegateGroup.CityDelegate)]
    [InlineData("thành phố", DelegateGroup.CityDelegate)]
    [InlineData("TP", DelegateGroup.CityDelegate)]
    [InlineData("Tỉnh", DelegateGroup.CityDelegate)]
    [InlineData("Đại biểu xã", DelegateGroup.CommuneDelegate)]
    [InlineData("XÃ", DelegateGroup.CommuneDelegate)]
    [InlineData("Đại biểu thôn, xóm", DelegateGroup.VillageDelegate)]
    [InlineData("thôn", DelegateGroup.VillageDelegate)]
    [InlineData("xom", DelegateGroup.VillageDelegate)]
    [InlineData("Tổ dân phố", DelegateGroup.VillageDelegate)]
    [InlineData("Nhân dân", DelegateGroup.People)]
    [InlineData("dân", DelegateGroup.People)]
    [InlineData("Hộ gia đình", DelegateGroup.People)]
    [InlineData("", DelegateGroup.People)]
    [InlineData("Khách mời", null)]
    public void Group_values_are_understood_as_offices_write_them(string text, DelegateGroup? expected)
    {
        Assert.Equal(expected, DelegateSheetReader.ParseGroup(text));
        Assert.Equal(expected, DelegateSheetReader.ParseGroup(Decomposed(text)));
    }

    [Fact]
    public void Too_long_text_is_a_problem_of_its_line()
    {
        var sheet = new SheetBuilder()
            .Row(1, "Họ và tên", "Chức vụ", "Cơ quan")
            .Row(2, new string('A', Meeting.MaxNameLength + 1), "", "")
            .Row(3, "Lê Văn Tám", new string('b', MeetingDelegate.MaxTextLength + 1), new string('c', MeetingDelegate.MaxTextLength + 1))
            .ToXlsx();

        var preview = DelegateSheetReader.Read(sheet, "ds.xlsx", Nobody);

        Assert.Equal(
        [
            $"dòng 2: họ tên dài quá {Meeting.MaxNameLength} ký tự",
            $"dòng 3: chức vụ dài quá {MeetingDelegate.MaxTextLength} ký tự",
            $"dòng 3: cơ quan, thôn, xóm dài quá {MeetingDelegate.MaxTextLength} ký tự",
        ], preview.Problems);
        Assert.Empty(preview.Drafts);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty.csv", [], "trống" },
        { "photo.xlsx", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "không phải bảng tính Excel" },
        { "broken.xlsx", [0x50, 0x4B, 0x03, 0x04, 9, 9, 9, 9], "Không đọc được tệp" },
        { "old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "Excel 97–2003" },
        { "notes.pdf", Encoding.UTF8.GetBytes("%PDF-1.7"), "Chỉ nhập được tệp Excel (.xlsx) hoặc CSV" },
        { "no-name.csv", Encoding.UTF8.GetBytes("STT;Chức vụ;Nhóm\n1;Trưởng xóm;thôn\n"), "Không tìm thấy dòng tiêu đề có cột “Họ và tên”" },
        { "header-only.csv", Encoding.UTF8.GetBytes("Họ và tên;Nhóm\n;\n"), "không có dòng đại biểu nào" },
        { "big.csv", new byte[DelegateSheetReader.MaxBytes + 1], "lớn hơn 5 MB" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_file_that_cannot_be_a_list_gives_a_message_not_an_exception(string name, byte[] content, string expected)
    {
        var preview = DelegateSheetReader.Read(content, name, Nobody);

        Assert.False(preview.Ok);
        Assert.Contains(expected, preview.Error);
        Assert.Empty(preview.Rows);
    }

    [Fact]
    public async Task A_stream_over_5_MB_is_refused_without_buffering_it_all()
    {
        await using var endless = new EndlessStream();

        var preview = await DelegateSheetReader.ReadAsync(endless, "huge.csv", Nobody);

        Assert.Equal(DelegateSheetReader.TooLarge, preview.Error);
        Assert.InRange(endless.Served, DelegateSheetReader.MaxBytes, DelegateSheetReader.MaxBytes + 200_000);
    }

    [Fact]
    public void The_template_reads_back_with_no_problems()
    {
        var preview = DelegateSheetReader.Read(DelegateTemplate.Bytes, DelegateTemplate.FileName, Nobody);

        Assert.True(preview.Ok, preview.Error);
        Assert.Empty(preview.Problems);
        Assert.Equal(Enum.GetValues<DelegateGroup>(), preview.Drafts.Select(d => d.Group));
        Assert.Equal([2, 3, 4, 5], preview.Rows.Select(r => r.Line));
    }

    /// <summary>A browser upload that never ends.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            Served += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
