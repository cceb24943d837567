using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>
/// One meeting being prepared: the Front's sheet imported, a letter that is a complaint, a duplicate merged, one opinion
/// for the level above, the economy given to Phòng Kinh tế with a day, one answer written. The tests only read.
/// </summary>
public sealed class PreparedMeeting : IAsyncLifetime
{
    public const string Answer = "Năm 2026 xã bố trí 850 triệu đồng sửa đường trục xóm 3, khởi công trong tháng 6.";
    public const string Complaint = "Tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận.";

    public TestApp App { get; } = new();
    public Guid MeetingId { get; private set; }
    public Meeting Meeting { get; private set; } = default!;
    public DateOnly Due { get; private set; }
    public HttpClient Office { get; private set; } = default!;

    public static string OutputDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "documents");

    public async Task InitializeAsync()
    {
        MeetingId = await CollectedApp.PreparingMeetingAsync(App);
        await CollectedApp.ImportAsync(App, MeetingId, CollectedApp.FrontSummary(CollectedApp.Today(App)));
        var departments = await CollectedApp.DepartmentsAsync(App);
        var economy = departments.Single(d => d.Name == "Phòng Kinh tế").ToRef();
        var office = departments.Single(d => d.Name == "Văn phòng HĐND-UBND").ToRef();
        var meetingDay = DateOnly.FromDateTime(Clock.ToHallTime((await App.LoadAsync(MeetingId)).ScheduledStart).DateTime);
        Due = meetingDay.AddDays(-4);
        var due = Due;
        await App.MustAsync(MeetingId, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) =>
        {
            var binh = m.CollectedOpinions().Single(o => o.SubmitterName == "Nguyễn Văn Bình");
            var hoa = m.CollectedOpinions().Single(o => o.SubmitterName == "Trần Thị Hoa");
            var cuong = m.CollectedOpinions().Single(o => o.SubmitterName == "Lê Văn Cường");
            var nam = m.CollectOpinion(new CollectedOpinionDraft("Hoàng Văn Nam", "Xóm 3", OpinionField.Economy,
                "Đường trục xóm 3 xuống cấp nặng, đề nghị sửa sớm.", CollectedChannel.Email, null), now);
            m.CollectOpinion(new CollectedOpinionDraft("Vũ Thị Lan", "Xóm 9", OpinionField.CultureSociety, Complaint, CollectedChannel.Letter, null), now);
            var lan = m.CollectedOpinions().Single(o => o.SubmitterName == "Vũ Thị Lan");
            m.MergeCollectedOpinion(nam.Id, binh.Id, now);
            m.ClassifyCollectedOpinion(cuong.Id, OpinionField.LandEnvironment, Authority.LevelAbove, false, false, now);
            m.ClassifyCollectedOpinion(lan.Id, OpinionField.CultureSociety, Authority.Within, false, true, now);
            m.AssignCollectedOpinion(binh.Id, [economy, office], economy.Id, due, now);
            m.AssignCollectedOpinion(hoa.Id, [economy], economy.Id, due, now);
            m.AssignCollectedOpinion(cuong.Id, [office], office.Id, due.AddDays(1), now);
            m.RecordPreparedAnswer(binh.Id, Answer, now);
        });
        Meeting = await App.LoadAsync(MeetingId);
        Office = await App.SignedInClientAsync("vanphong");
        Directory.CreateDirectory(OutputDirectory);
    }

    public async Task DisposeAsync()
    {
        Office.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class CollectedReportTests(PreparedMeeting fixture, ITestOutputHelper output) : IClassFixture<PreparedMeeting>
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private async Task<byte[]> DownloadAsync(string path, string file)
    {
        var response = await fixture.Office.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"GET {path}: {(int)response.StatusCode}, {bytes.Length / 1024.0:0.0} KB");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await File.WriteAllBytesAsync(Path.Combine(PreparedMeeting.OutputDirectory, file), bytes);
        return bytes;
    }

    private static List<string> Paragraphs(byte[] docx, out string header)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var body = doc.MainDocumentPart!.Document!.Body!;
        header = body.Elements<Table>().First().InnerText;
        return body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    /// <summary>The opinion's own number, given when it was collected.</summary>
    private int No(string name) => fixture.Meeting.CollectedOpinions().Single(o => o.SubmitterName == name).Number;

    private static int Index(List<string> paragraphs, string start)
    {
        var index = paragraphs.FindIndex(p => p.StartsWith(start, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No paragraph starts with \"{start}\":\n{string.Join("\n", paragraphs)}");
        return index;
    }

    [Fact]
    public async Task Mau_5_counts_and_lists_the_opinions_by_field_and_authority_and_gives_each_department_its_opinions_and_day()
    {
        var response = await fixture.Office.GetAsync(CollectedOpinionAccess.ClassificationReportPath(fixture.MeetingId));
        Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
        var paragraphs = Paragraphs(await DownloadAsync(CollectedOpinionAccess.ClassificationReportPath(fixture.MeetingId), "mau-5.docx"), out var header);

        Assert.Contains("ĐẢNG ỦY XÃ GIAO MINH", header);
        Assert.Contains("VĂN PHÒNG ĐẢNG ỦY", header);
        Assert.Contains("-BC/VPĐU", header);
        Assert.Equal("BÁO CÁO", paragraphs[0]);
        Assert.StartsWith("Tổng hợp, phân loại nội dung ý kiến, kiến nghị của Nhân dân", paragraphs[1]);
        // The complaint is not a recommendation: counted apart, not under "thuộc thẩm quyền".
        Assert.Contains(paragraphs, p => p.StartsWith("Tổng số ý kiến, kiến nghị: 3 ý kiến; thuộc thẩm quyền: 2 ý kiến; đề xuất ý kiến với cấp trên: 1 ý kiến", StringComparison.Ordinal)
            && p.Contains("thuộc thẩm quyền cấp dưới: 0 ý kiến.") && p.Contains("Đã gộp 1 ý kiến trùng"));
        Assert.Contains(paragraphs, p => p.StartsWith("Ngoài ra: 1 đơn thư khiếu nại, tố cáo", StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("Trong đó: 0", StringComparison.Ordinal));

        // By field in the order of Mẫu 5, each opinion under its field and its own number (the one every page shows).
        var land = Index(paragraphs, "1. Lĩnh vực đất đai, môi trường: 1 ý kiến.");
        var economy = Index(paragraphs, "2. Lĩnh vực kinh tế: 2 ý kiến.");
        var society = Index(paragraphs, "3. Lĩnh vực văn hóa - xã hội: 1 ý kiến.");
        Assert.True(land < economy && economy < society);
        Assert.Equal(land + 1, Index(paragraphs, $"- Ý kiến số {No("Lê Văn Cường")}: Đề nghị xử lý bãi rác tự phát ven đê. (Lê Văn Cường, Xóm 7; qua Chi bộ thôn, xóm)"));
        Assert.EndsWith("— đề xuất với cấp trên.", paragraphs[land + 1]);
        var binh = paragraphs[economy + 1];
        Assert.StartsWith($"- Ý kiến số {No("Nguyễn Văn Bình")}: Đề nghị sửa đường trục xóm 3 bị xuống cấp. (Nguyễn Văn Bình, Xóm 3; qua Ủy ban MTTQ", binh);
        Assert.Contains("cùng ý kiến: Hoàng Văn Nam, Xóm 3", binh);
        Assert.StartsWith($"- Ý kiến số {No("Trần Thị Hoa")}: Giá phân bón", paragraphs[economy + 2]);
        Assert.Contains("đơn thư khiếu nại, tố cáo", paragraphs[society + 1]);
        Assert.DoesNotContain(paragraphs, p => p.StartsWith($"- Ý kiến số {No("Hoàng Văn Nam")}:", StringComparison.Ordinal)); // the duplicate is not counted twice

        // Who prepares what, by when: departments in the order of their first opinion.
        var assignment = Index(paragraphs, "II. ĐỀ XUẤT PHÂN CÔNG CHUẨN BỊ NỘI DUNG TRẢ LỜI");
        var toEconomy = paragraphs[Index(paragraphs, "2. Giao Phòng Kinh tế chủ trì")];
        Assert.Contains($"ý kiến số {No("Nguyễn Văn Bình")}, {No("Trần Thị Hoa")} (gồm 2 ý kiến); phối hợp: Văn phòng HĐND-UBND", toEconomy);
        Assert.Contains($"Thời hạn: hoàn thành trước ngày {CollectedApp.Day(fixture.Due)}, gửi báo cáo về Văn phòng Đảng ủy", toEconomy);
        var toOffice = paragraphs[Index(paragraphs, "1. Giao Văn phòng HĐND-UBND chủ trì")];
        Assert.Contains($"ý kiến số {No("Lê Văn Cường")} (gồm 1 ý kiến). Thời hạn: hoàn thành trước ngày {CollectedApp.Day(fixture.Due.AddDays(1))}", toOffice);
        Assert.True(Index(paragraphs, $"3. Chưa phân công: ý kiến số {No("Vũ Thị Lan")} (gồm 1 ý kiến).") > assignment);
        Assert.True(Index(paragraphs, "III. ĐỀ XUẤT, KIẾN NGHỊ") > assignment);
    }

    [Fact]
    public async Task Mau_6_gives_the_prepared_answers_field_by_field_and_keeps_the_complaint_out()
    {
        var paragraphs = Paragraphs(await DownloadAsync(CollectedOpinionAccess.AnswerReportPath(fixture.MeetingId), "mau-6.docx"), out _);

        Assert.Equal("BÁO CÁO", paragraphs[0]);
        Assert.StartsWith("Trả lời ý kiến, kiến nghị của Nhân dân tại Hội nghị đối thoại giữa", paragraphs[1]);
        var land = Index(paragraphs, "I. CÁC Ý KIẾN VỀ LĨNH VỰC ĐẤT ĐAI, MÔI TRƯỜNG");
        var economy = Index(paragraphs, "II. CÁC Ý KIẾN VỀ LĨNH VỰC KINH TẾ");
        var proposals = Index(paragraphs, "III. ĐỀ XUẤT, KIẾN NGHỊ");
        Assert.True(land < economy && economy < proposals);
        Assert.StartsWith($"1. Ý kiến số {No("Nguyễn Văn Bình")} (Nguyễn Văn Bình, Xóm 3; cùng ý kiến: Hoàng Văn Nam, Xóm 3): Đề nghị sửa đường", paragraphs[economy + 1]);
        Assert.Equal($"Trả lời của Phòng Kinh tế: {PreparedMeeting.Answer}", paragraphs[economy + 2]);
        Assert.StartsWith($"2. Ý kiến số {No("Trần Thị Hoa")} (Trần Thị Hoa, Xóm 5): Giá phân bón", paragraphs[economy + 3]);
        Assert.Equal($"Trả lời của Phòng Kinh tế: đang chuẩn bị (hạn {CollectedApp.Day(fixture.Due)}).", paragraphs[economy + 4]);
        Assert.Contains(paragraphs, p => p.Contains($"Đề nghị cấp trên xem xét, giải quyết các ý kiến không thuộc thẩm quyền: ý kiến số {No("Lê Văn Cường")}."));
        Assert.Contains(paragraphs, p => p.Contains("1 đơn thư khiếu nại, tố cáo được chuyển cơ quan có thẩm quyền"));
        Assert.DoesNotContain(paragraphs, p => p.Contains(PreparedMeeting.Complaint) || p.Contains("Vũ Thị Lan"));
        Assert.DoesNotContain(paragraphs, p => p.Contains("VĂN HÓA"));
    }

    [SkippableFact]
    public async Task Mau_3_is_a_cong_van_asking_the_front_and_unions_to_collect_by_the_plans_day_and_opens_in_LibreOffice()
    {
        var bytes = await DownloadAsync(CollectedOpinionAccess.RequestLetterPath(fixture.MeetingId), "mau-3.docx");
        var paragraphs = Paragraphs(bytes, out var header);

        // A công văn: no kind line; its trích yếu stands under the number in the header.
        Assert.Contains("-CV/", header);
        Assert.Contains("V/v tổng hợp ý kiến, kiến nghị của Nhân dân", header);
        Assert.DoesNotContain(paragraphs, p => p == "BÁO CÁO" || p == "CÔNG VĂN");
        Assert.StartsWith("Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam", paragraphs[0]);
        Assert.Contains(paragraphs, p => p.StartsWith("1. Tổng hợp các ý kiến, dư luận xã hội", StringComparison.Ordinal));
        var calendar = await fixture.App.AppServices.GetRequiredService<DoiThoai.Web.Features.Calendar.CalendarService>().ForMeetingAsync(fixture.MeetingId);
        var collectBy = fixture.Meeting.Timeline(calendar).Single(m => m.Key == PreparationTimeline.Collect).Due;
        Assert.Contains(paragraphs, p => p.StartsWith("2. Báo cáo tổng hợp", StringComparison.Ordinal) && p.Contains($"trước ngày {CollectedApp.Day(collectBy)}"));

        LibreOffice.SkipIfMissing();
        Assert.True((await LibreOffice.ToPdfAsync(bytes, "mau-3.docx", Path.Combine(PreparedMeeting.OutputDirectory, "pdf"))).Length > 1000);
    }

    [Fact]
    public async Task The_list_xlsx_has_every_opinion_with_its_classification_department_and_day()
    {
        var bytes = await DownloadAsync(CollectedOpinionAccess.ListPath(fixture.MeetingId), "danh-sach-y-kien.xlsx");
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(5, rows.Count);
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(r => r["STT"]?.ToString()));
        Assert.Equal(new[] { "Lê Văn Cường", "Nguyễn Văn Bình", "Hoàng Văn Nam", "Trần Thị Hoa", "Vũ Thị Lan" }.Select(n => No(n).ToString()),
            rows.Select(r => r["Số ý kiến"]?.ToString()));
        Assert.Equal("Đề xuất với cấp trên", rows[0]["Thẩm quyền"]);
        Assert.Equal("Phòng Kinh tế", rows[1]["Chủ trì chuẩn bị"]);
        Assert.Equal("Văn phòng HĐND-UBND", rows[1]["Phối hợp"]);
        Assert.Equal(CollectedApp.Day(fixture.Due), rows[1]["Hạn chuẩn bị"]);
        Assert.Equal(PreparedMeeting.Answer, rows[1]["Trả lời đã chuẩn bị"]);
        Assert.Equal($"Ý kiến số {No("Nguyễn Văn Bình")}", rows[2]["Gộp vào"]?.ToString());
        Assert.Equal("x", rows[4]["Đơn thư"]);
    }

    [Fact]
    public async Task Staff_outside_the_organizing_office_cannot_download_them()
    {
        using var secretary = await fixture.App.SignedInClientAsync("thuky");
        foreach (var path in new[]
                 {
                     CollectedOpinionAccess.ClassificationReportPath(fixture.MeetingId), CollectedOpinionAccess.AnswerReportPath(fixture.MeetingId),
                     CollectedOpinionAccess.ListPath(fixture.MeetingId), CollectedOpinionAccess.PagePath(fixture.MeetingId),
                 })
        {
            var response = await secretary.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                || response.Headers.Location?.OriginalString.Contains("/account/denied") == true, $"{path}: {(int)response.StatusCode}");
        }
        using var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await anonymous.GetAsync(CollectedOpinionAccess.ClassificationReportPath(fixture.MeetingId));
        Assert.Contains("/account/login", signIn.Headers.Location?.OriginalString);
    }
}
