using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Reports;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Browser;
using DoiThoai.Web.Tests.Integration;
using MiniExcelLibs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Reports;

/// <summary>/bao-cao in Chromium: the province looks at one commune's quarter and downloads its Mẫu 1.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserHall hall)
{
    [Fact]
    public async Task The_province_picks_a_commune_sees_its_dashboard_and_downloads_its_Mau_1()
    {
        // A thematic dialogue Giao Hòa held today, with one opinion answered in the hall and one left for writing.
        var title = $"Hội nghị đối thoại chuyên đề về đất đai xã Giao Hòa ({Guid.NewGuid():N})"[..80];
        var plan = new MeetingPlan(title, MeetingKind.Thematic, [new ChairPerson(ReportedCommunes.GiaoHoaChair, "Bí thư Đảng ủy xã Giao Hòa")],
            "Hội trường UBND xã Giao Hòa", hall.Commands.Now, 80, "Số 12-KH/ĐU", "Văn phòng Đảng ủy xã Giao Hòa", "Cán bộ và Nhân dân xã Giao Hòa",
            UnitId: DemoUnits.GiaoHoaId);
        var meeting = Meeting.Create(plan);
        meeting.Announce();
        var land = meeting.Submit(new SpeakRequestDraft("Lý Văn Tám", "Thôn Hòa Bình", OpinionField.LandEnvironment,
            "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho khu dân cư mới.", SpeakMode.Speak, OpinionSource.Phone), hall.Commands.Now);
        await hall.Commands.AddMeetingAsync(meeting, "Kiểm thử");
        var chair = ReportedCommunes.GiaoHoaChairStaff;
        await hall.App.MustAsync(meeting.Id, chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await hall.App.MustAsync(meeting.Id, chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(land.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, now));
        await hall.App.MustAsync(meeting.Id, chair, StaffRoles.ChairSeat, (m, now) => m.End(now));

        await using var seats = new Seats(hall, nameof(The_province_picks_a_commune_sees_its_dashboard_and_downloads_its_Mau_1));
        await seats.RunAsync(async () =>
        {
            var province = await seats.OpenAsync("province", "/bao-cao", Seats.TabletWidth, Seats.TabletHeight, "tinh", interactive: true);
            await Expect(province.Locator("[data-testid=report-scope]")).ToContainTextAsync("Tỉnh Ninh Bình và các đơn vị trực thuộc");
            await Expect(province.Locator("[data-testid=chart-units] svg").First).ToBeVisibleAsync();

            // One commune of the province, picked from the list.
            await province.Locator("[data-testid=report-unit]").ClickAsync();
            await province.GetByRole(AriaRole.Option, new() { Name = "Xã Giao Hòa" }).ClickAsync();
            await Expect(province.Locator("[data-testid=report-scope]")).ToContainTextAsync("Xã Giao Hòa");
            await Expect(province.Locator("[data-testid=report-scope]")).Not.ToContainTextAsync("các đơn vị trực thuộc");
            await Expect(province.Locator("[data-testid=tile-at-meeting] .value")).Not.ToHaveTextAsync("0");
            await Expect(province.Locator("[data-testid=chart-kinds] svg").First).ToBeVisibleAsync();

            var download = await province.RunAndWaitForDownloadAsync(() => province.Locator("[data-testid=download-form1-xlsx]").ClickAsync());
            Assert.StartsWith("mau-1-bang-tong-hop-", download.SuggestedFilename);
            var path = Path.Combine(BrowserHall.ArtifactsDirectory, nameof(ReportsBrowserTests) + ".xlsx");
            await download.SaveAsAsync(path);
            var cells = MiniExcel.Query(path, useHeaderRow: false).Cast<IDictionary<string, object?>>()
                .SelectMany(r => r.Values).Select(v => v?.ToString() ?? "").ToList();
            Assert.Contains(cells, c => c.Contains("BẢNG TỔNG HỢP KẾT QUẢ ĐỐI THOẠI", StringComparison.Ordinal));
            // Only Giao Hòa: its chair in the thematic column, Giao Minh's chair nowhere.
            Assert.Contains(cells, c => c.Contains(ReportedCommunes.GiaoHoaChair, StringComparison.Ordinal));
            Assert.DoesNotContain(cells, c => c.Contains(ReportedCommunes.GiaoMinhChair, StringComparison.Ordinal));
            await seats.CaptureAsync();
        });
    }
}
