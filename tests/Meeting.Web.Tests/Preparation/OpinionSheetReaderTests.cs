using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Import;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using MiniExcelLibs;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>Reading the sheets offices bring (pure), and importing them into a meeting being prepared.</summary>
public sealed class OpinionSheetReaderTests
{
    private static readonly DateOnly Today = new(2026, 5, 10);

    private static OpinionSheetPreview Read(byte[] file, IEnumerable<Opinion>? existing = null) =>
        OpinionSheetReader.Read(file, "tong-hop.xlsx", existing ?? [], CollectedChannel.Front, Today);

    [Fact]
    public void The_Fronts_summary_is_read_with_its_sections_dates_sources_and_every_problem_by_line()
    {
        var preview = Read(CollectedApp.FrontSummary(Today));

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal([6, 7, 9, 10, 11, 12, 13], preview.Rows.Select(r => r.Line));
        Assert.Equal([OpinionRowStatus.New, OpinionRowStatus.New, OpinionRowStatus.New, OpinionRowStatus.Invalid, OpinionRowStatus.Invalid,
            OpinionRowStatus.Repeated, OpinionRowStatus.Invalid], preview.Rows.Select(r => r.Status));

        var drafts = preview.Drafts;
        Assert.Equal(3, drafts.Count);
        Assert.Equal(new CollectedOpinionDraft("Nguyễn Văn Bình", "Xóm 3", OpinionField.Economy, "Đề nghị sửa đường trục xóm 3 bị xuống cấp.",
            CollectedChannel.Front, Today.AddDays(-5)), drafts[0]);
        Assert.Equal((OpinionField.Economy, CollectedChannel.Unions, Today.AddDays(-4)), (drafts[1].Field, drafts[1].Channel, drafts[1].ReceivedOn));
        Assert.Equal((OpinionField.LandEnvironment, CollectedChannel.PartyCell, (DateOnly?)null), (drafts[2].Field, drafts[2].Channel, drafts[2].ReceivedOn));

        var problems = preview.Problems.ToList();
        Assert.Contains(problems, p => p.StartsWith("dòng 10: thiếu họ tên", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("dòng 11: lĩnh vực “Linh tinh” không rõ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("dòng 12: trùng với dòng 6", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"dòng 13: ngày nhận {CollectedApp.Day(Today.AddDays(3))} chưa đến", StringComparison.Ordinal));
        Assert.DoesNotContain(preview.Rows, r => r.Name == "Ngô Thị Giang"); // under the signature block
        Assert.Equal("3 ý kiến mới", preview.Summary.Split(": ")[1].Split(',')[0]);
    }

    [Fact]
    public void Opinions_already_collected_read_as_already_there()
    {
        var meeting = Meeting.Create(new MeetingPlan("Hội nghị", MeetingKind.Periodic, [new ChairPerson("A", "Bí thư")], "Hội trường",
            new DateTimeOffset(2026, 5, 20, 14, 0, 0, Clock.VietnamOffset), 100, "1-KH"));
        meeting.CollectOpinion(new CollectedOpinionDraft("LÊ VĂN CƯỜNG", "Xóm 7", OpinionField.Other, "Đề nghị xử lý bãi rác tự phát ven đê.",
            CollectedChannel.Letter, null), new DateTimeOffset(2026, 5, 10, 9, 0, 0, Clock.VietnamOffset));

        var preview = Read(CollectedApp.FrontSummary(Today), meeting.Opinions);

        Assert.Equal(OpinionRowStatus.AlreadyCollected, preview.Rows.Single(r => r.Line == 9).Status);
        Assert.Equal(2, preview.Drafts.Count);
    }

    [Theory]
    [InlineData("Kinh tế", OpinionField.Economy)]
    [InlineData("Văn hóa - Xã hội", OpinionField.CultureSociety)]
    [InlineData("ANTT", OpinionField.DefenceSecurity)]
    [InlineData("Quốc phòng - an ninh", OpinionField.DefenceSecurity)]
    [InlineData("Xây dựng Đảng và hệ thống chính trị", OpinionField.PartyBuilding)]
    [InlineData("Tổ chức cán bộ", OpinionField.Personnel)]
    [InlineData("dat dai, moi truong", OpinionField.LandEnvironment)]
    [InlineData("", OpinionField.Other)]
    [InlineData("Khác", OpinionField.Other)]
    public void Fields_are_understood_as_offices_write_them(string text, OpinionField expected) =>
        Assert.Equal(expected, OpinionSheetReader.ParseField(text));

    [Theory]
    [InlineData("Ủy ban MTTQ xã", CollectedChannel.Front)]
    [InlineData("Hội Cựu chiến binh", CollectedChannel.Unions)]
    [InlineData("Chi bộ xóm 3", CollectedChannel.PartyCell)]
    [InlineData("Đơn thư", CollectedChannel.Letter)]
    [InlineData("E-mail", CollectedChannel.Email)]
    [InlineData("Thư điện tử", CollectedChannel.Email)]
    [InlineData("Phiếu trực tuyến", CollectedChannel.OnlineForm)]
    [InlineData("gọi điện", CollectedChannel.Other)]
    public void Sources_are_understood_as_offices_write_them(string text, CollectedChannel expected) =>
        Assert.Equal(expected, OpinionSheetReader.ParseChannel(text));

    [Fact]
    public void Files_that_are_not_an_opinion_sheet_are_refused_with_a_reason()
    {
        Assert.Contains(".xls", Read([0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]).Error);
        Assert.Contains("không phải bảng tính", Read("STT;Họ tên"u8.ToArray()).Error);
        Assert.Contains("Không đọc được", Read([0x50, 0x4B, 0x03, 0x04, 9, 9, 9, 9]).Error);
        var noHeader = new SheetBuilder().Row(1, "Danh sách").Row(2, "Nguyễn Văn A", "Xóm 1").ToXlsx();
        Assert.Contains("“Nội dung”", Read(noHeader).Error);
        Assert.Contains("trống", Read([]).Error);
    }

    [Fact]
    public void The_template_the_page_offers_reads_back_as_its_two_examples()
    {
        var preview = OpinionSheetReader.Read(CollectedSheets.TemplateBytes, CollectedSheets.TemplateFileName, [], CollectedChannel.Front, new DateOnly(2026, 12, 31));

        Assert.True(preview.Ok, preview.Error);
        Assert.Equal(2, preview.Drafts.Count);
        Assert.Equal(CollectedChannel.Unions, preview.Drafts[1].Channel);
        Assert.Equal(OpinionField.LandEnvironment, preview.Drafts[1].Field);
    }
}

public sealed class CollectedImportTests
{
    [Fact]
    public async Task An_imported_sheet_adds_its_good_rows_once_and_a_second_import_adds_nothing()
    {
        await using var app = new TestApp();
        var meetingId = await CollectedApp.PreparingMeetingAsync(app);
        var sheet = CollectedApp.FrontSummary(CollectedApp.Today(app));

        var (preview, first) = await CollectedApp.ImportAsync(app, meetingId, sheet);
        var again = OpinionSheetReader.Read(sheet, "again.xlsx", (await app.LoadAsync(meetingId)).Opinions, CollectedChannel.Front, CollectedApp.Today(app));
        // Even sent again as they were (two tabs open on the same preview), the rows are not added twice.
        var resent = await app.MustAsync(meetingId, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) => m.ImportCollectedOpinions(preview.Drafts, now));

        Assert.Equal(new CollectedImportResult(3, 0), first);
        Assert.Equal(3, preview.Drafts.Count);
        Assert.Empty(again.Drafts);
        Assert.Equal(4, again.Count(OpinionRowStatus.AlreadyCollected)); // the three, and the one typed twice
        Assert.Equal(new CollectedImportResult(0, 3), resent.Value);
        var stored = (await app.LoadAsync(meetingId)).CollectedOpinions();
        Assert.Equal(["Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Cường"], stored.Select(o => o.SubmitterName));
        Assert.Equal([CollectedChannel.Front, CollectedChannel.Unions, CollectedChannel.PartyCell], stored.Select(o => o.Channel));
        Assert.All(stored, o => Assert.Equal(OpinionSource.BeforeMeeting, o.Source));
    }

    [Fact]
    public async Task Only_the_organizing_office_imports_and_a_refused_import_writes_nothing()
    {
        await using var app = new TestApp();
        var meetingId = await CollectedApp.PreparingMeetingAsync(app);
        var preview = OpinionSheetReader.Read(CollectedApp.FrontSummary(CollectedApp.Today(app)), "x.xlsx", [], CollectedChannel.Front, CollectedApp.Today(app));
        var before = (await app.LoadAsync(meetingId)).LastSequence;

        var reception = await app.Commands.RunAsync(meetingId, Hall.Reception, CollectedOpinionAccess.Roles, (m, now) => m.ImportCollectedOpinions(preview.Drafts, now));
        var secretary = await app.Commands.RunAsync(meetingId, Hall.Secretary, CollectedOpinionAccess.Roles, (m, now) => m.ImportCollectedOpinions(preview.Drafts, now));
        var otherCommune = await app.Commands.RunAsync(meetingId, TestApp.Staff(StaffRoles.Organizer, "giaohoa", DemoUnits.GiaoHoaId),
            CollectedOpinionAccess.Roles, (m, now) => m.ImportCollectedOpinions(preview.Drafts, now));

        Assert.Equal(MeetingCommands.NoPermission, reception.Error);
        Assert.Equal(MeetingCommands.NoPermission, secretary.Error);
        Assert.Equal(MeetingCommands.MeetingNotFound, otherCommune.Error);
        var after = await app.LoadAsync(meetingId);
        Assert.Empty(after.CollectedOpinions());
        Assert.Equal(before, after.LastSequence);
    }

    [Fact]
    public async Task The_exported_list_reads_back_as_already_collected()
    {
        await using var app = new TestApp();
        var meetingId = await CollectedApp.PreparingMeetingAsync(app);
        await CollectedApp.ImportAsync(app, meetingId, CollectedApp.FrontSummary(CollectedApp.Today(app)));
        var meeting = await app.LoadAsync(meetingId);

        var list = CollectedSheets.List(meeting);
        var rows = MiniExcel.Query(new MemoryStream(list), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var preview = OpinionSheetReader.Read(list, "danh-sach.xlsx", meeting.Opinions, CollectedChannel.Front, CollectedApp.Today(app));

        Assert.Equal(3, rows.Count);
        Assert.Equal("Lê Văn Cường", rows[0]["Họ tên"]); // land and environment come before the economy, as in Mẫu 5
        Assert.True(preview.Ok, preview.Error);
        Assert.Equal(3, preview.Count(OpinionRowStatus.AlreadyCollected));
    }
}
