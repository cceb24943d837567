using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Reports;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Reports;

/// <summary>The dashboard drawn from known figures: tiles, the four charts, departments, communes and Mẫu 1.</summary>
public sealed class ReportDashboardTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private static readonly Guid GiaoMinh = Guid.NewGuid(), GiaoHoa = Guid.NewGuid();

    public ReportDashboardTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private static Dictionary<MeetingKind, int> Kinds(int periodic, int thematic, int adHoc) =>
        new() { [MeetingKind.Periodic] = periodic, [MeetingKind.Thematic] = thematic, [MeetingKind.AdHoc] = adHoc };

    private static List<FieldCount> Fields(int economy, int land) =>
        Enum.GetValues<OpinionField>().Select(f => new FieldCount(f, f switch
        {
            OpinionField.Economy => economy,
            OpinionField.LandEnvironment => land,
            _ => 0,
        })).ToList();

    /// <summary>Q2/2026: Giao Minh held a periodic dialogue (5 opinions), Giao Hòa a thematic one (2 opinions).</summary>
    private static ReportFigures Figures()
    {
        var period = ReportPeriod.Quarter(2026, 2);
        var giaoMinh = new MeetingFigures(Guid.NewGuid(), GiaoMinh, "Xã Giao Minh", MeetingKind.Periodic, DialogueForm.Direct, new DateOnly(2026, 5, 9),
            "Đối thoại định kỳ", "Giao thông nông thôn", "Số 21-KH/ĐU", [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")], "Nhân dân xã Giao Minh",
            1, 4, Fields(3, 2), new ResolutionCounts(2, 1, 0, 1, 1, 0, 0));
        var giaoHoa = new MeetingFigures(Guid.NewGuid(), GiaoHoa, "Xã Giao Hòa", MeetingKind.Thematic, DialogueForm.Direct, new DateOnly(2026, 6, 2),
            "Đối thoại chuyên đề", "Đất đai", "", [new ChairPerson("Ngô Văn Bình", "Bí thư Đảng ủy")], "Nhân dân xã Giao Hòa",
            0, 2, Fields(0, 2), new ResolutionCounts(1, 0, 1, 0, 0, 0, 0));
        return new ReportFigures(period, new DateOnly(2026, 7, 1), [giaoMinh, giaoHoa], Kinds(1, 1, 0), 1, 1, 6, Fields(3, 4),
            giaoMinh.Resolution + giaoHoa.Resolution,
            [
                new DepartmentFigures(GiaoMinh, "Xã Giao Minh", "Phòng Văn hóa - Xã hội", 0, 1, 0, 0, 1, 0),
                new DepartmentFigures(GiaoMinh, "Xã Giao Minh", "Phòng Kinh tế", 2, 2, 1, 0, 0, 1),
            ],
            [
                new UnitFigures(GiaoMinh, "Xã Giao Minh", Kinds(1, 0, 0), 5, giaoMinh.Resolution),
                new UnitFigures(GiaoHoa, "Xã Giao Hòa", Kinds(0, 1, 0), 2, giaoHoa.Resolution),
            ]);
    }

    [Fact]
    public void The_dashboard_shows_the_figures_in_tiles_charts_and_tables()
    {
        var page = _bunit.Render<ReportDashboard>(p => p.Add(d => d.Figures, Figures()).Add(d => d.AcrossUnits, true));

        Assert.Equal("2", page.Find("[data-testid=tile-meetings] .value").TextContent);
        Assert.Contains("định kỳ 1 · chuyên đề 1 · đột xuất 0", page.Find("[data-testid=tile-meetings]").TextContent);
        Assert.Contains("1 cuộc đã lên kế hoạch, chưa tổ chức", page.Find("[data-testid=tile-meetings]").TextContent);
        Assert.Equal("7", page.Find("[data-testid=tile-opinions] .value").TextContent);
        Assert.Equal("3", page.Find("[data-testid=tile-at-meeting] .value").TextContent);
        Assert.Contains("42,9%", page.Find("[data-testid=tile-at-meeting]").TextContent); // 3 of 7, Vietnamese decimal comma
        Assert.Equal("2/4", page.Find("[data-testid=tile-in-writing] .value").TextContent);
        Assert.Equal("1", page.Find("[data-testid=tile-overdue] .value").TextContent);
        Assert.Contains("alert", page.Find("[data-testid=tile-overdue]").ClassList);

        // Four MudBlazor charts, each an SVG: kinds (bar), fields (donut), results (bar), results by commune (stacked bar).
        foreach (var chart in new[] { "chart-kinds", "chart-fields", "chart-results", "chart-units" })
            Assert.NotNull(page.Find($"[data-testid={chart}] svg"));
        Assert.Contains("Kinh tế", page.Find("[data-testid=chart-fields]").TextContent);
        Assert.Contains("Đất đai, môi trường", page.Find("[data-testid=chart-fields]").TextContent);
        Assert.DoesNotContain("Tổ chức cán bộ", page.Find("[data-testid=chart-fields]").TextContent); // no opinions: no slice

        var departments = page.FindAll("[data-testid=department-row]");
        Assert.Equal(["Phòng Văn hóa - Xã hội", "Phòng Kinh tế"], departments.Select(r => r.GetAttribute("data-department")));
        Assert.Contains("overdue", departments[0].ClassList);
        Assert.Equal(["Phòng Kinh tế", "Xã Giao Minh", "2", "2", "1", "0", "0", "1"], departments[1].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal(["Xã Giao Minh", "Xã Giao Hòa"], page.FindAll("[data-testid=unit-row]").Select(r => r.GetAttribute("data-unit")));

        var form1 = page.FindAll("[data-testid=form1-row]");
        Assert.Equal(2, form1.Count);
        var giaoHoa = form1[1].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(24, giaoHoa.Count);
        Assert.Equal(("2", "", "Đ/c Ngô Văn Bình – Bí thư Đảng ủy"), (giaoHoa[0], giaoHoa[2], giaoHoa[9]));
        Assert.StartsWith("Xã Giao Hòa", giaoHoa[23]);
        Assert.Contains("Trả lời quá hạn 1", giaoHoa[23]);
        Assert.Equal(["2", "1", "1", "0", "0"], giaoHoa[11..16]); // thematic: its seven cells, the counts centred as numbers
        Assert.All(giaoHoa[2..9].Concat(giaoHoa[16..23]), Assert.Empty);
        Assert.All(form1[1].QuerySelectorAll("td").Skip(11).Take(5), c => Assert.Contains("count", c.ClassList));
        var header = page.Find("[data-testid=form1-table] thead");
        Assert.Equal(4, header.QuerySelectorAll("tr").Length); // three header rows and the numbered row
        Assert.Equal(Enumerable.Range(1, 24).Select(n => n.ToString()), header.QuerySelectorAll("tr.numbers th").Select(c => c.TextContent));
        Assert.Equal(3, header.QuerySelectorAll("th").Count(c => c.TextContent == "Kiến nghị của Nhân dân" && c.GetAttribute("colspan") == "5"));
        Assert.Equal(3, header.QuerySelectorAll("tr.counts th").Count(c => c.TextContent == "Đang giải quyết"));
        var total = page.Find("[data-testid=form1-total]").QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(("Tổng số", "1 cuộc", "1 cuộc", "0 cuộc", "2 cuộc"), (total[1], total[2], total[9], total[16], total[23]));
        Assert.Equal(["5", "2", "1", "2", "0"], total[4..9]); // Giao Minh's counts, as the tiles read them
        Assert.Equal(["2", "1", "1", "0", "0"], total[11..16]);
    }

    [Fact]
    public void One_commune_has_no_commune_table_and_an_empty_period_says_so()
    {
        var empty = new ReportFigures(ReportPeriod.Quarter(2026, 3), new DateOnly(2026, 7, 1), [], Kinds(0, 0, 0), 0, 0, 0, Fields(0, 0),
            ResolutionCounts.Zero, [], [new UnitFigures(GiaoMinh, "Xã Giao Minh", Kinds(0, 0, 0), 0, ResolutionCounts.Zero)]);
        var page = _bunit.Render<ReportDashboard>(p => p.Add(d => d.Figures, empty).Add(d => d.AcrossUnits, false));

        Assert.Empty(page.FindAll("[data-testid=report-units]"));
        Assert.Empty(page.FindAll("[data-testid=chart-units]"));
        Assert.Contains("Chưa có ý kiến, kiến nghị trong kỳ này.", page.Find("[data-testid=chart-fields]").TextContent);
        Assert.Contains("Chưa có ý kiến nào được giao phòng, ban", page.Find("[data-testid=report-departments]").TextContent);
        Assert.Contains("Không có cuộc đối thoại nào được tổ chức trong quý III năm 2026", page.Find("[data-testid=form1-table]").TextContent);
        Assert.DoesNotContain("alert", page.Find("[data-testid=tile-overdue]").ClassList);
    }
}
