using System.Security.Claims;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Features.Secretary;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>
/// The secretary writes what was answered on the opinion's card; it is saved through the command path (a real SQLite
/// file), read back into the minutes, and a second seat writing over a summary it has not seen is refused by name.
/// </summary>
public sealed class AnswerSummaryTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private readonly BunitContext _bunit;

    public AnswerSummaryTests() => _bunit = StaffBunit.For(_app, "thuky", StaffRoles.Secretary, typeof(MeetingCommands));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_summary_written_on_the_card_reaches_the_minutes_and_a_stale_one_is_refused_by_name()
    {
        var demo = await _app.DemoMeetingAsync();
        var opinion = demo.Opinions.First(o => o.IsOpen);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AnswerByChair(opinion.Id, now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, now));
        var shown = (await _app.LoadAsync(demo.Id)).FindOpinion(opinion.Id);

        // Two cards open on the same opinion, both showing no summary yet.
        var first = _bunit.Render<AnswerSummaryEditor>(p => p.Add(x => x.MeetingId, demo.Id).Add(x => x.Opinion, shown));
        var second = _bunit.Render<AnswerSummaryEditor>(p => p.Add(x => x.MeetingId, demo.Id).Add(x => x.Opinion, shown));
        Assert.Equal("chưa ghi", first.Find("[data-testid=answer-summary-current]").TextContent);
        first.Find("[data-testid=answer-summary-edit]").Click();
        second.Find("[data-testid=answer-summary-edit]").Click();

        const string Summary = "Đồng chí Bí thư cho biết xã sẽ sửa đường trục xóm trong quý III năm 2026.";
        first.Find("textarea").Change(Summary);
        first.Find("[data-testid=answer-summary-save]").Click();
        first.WaitForAssertion(() => Assert.Empty(first.FindAll("[data-testid=answer-summary-save]")));
        var saved = (await _app.LoadAsync(demo.Id)).FindOpinion(opinion.Id);
        Assert.Equal(Summary, saved.AnswerSummary);
        Assert.Equal("thuky", saved.AnswerSummaryBy);

        second.Find("textarea").Change("Chủ trì hứa xem xét.");
        second.Find("[data-testid=answer-summary-save]").Click();
        second.WaitForAssertion(() => Assert.Contains("vừa được thuky sửa", second.Find("[data-testid=answer-summary-error]").TextContent));
        Assert.Equal(Summary, (await _app.LoadAsync(demo.Id)).FindOpinion(opinion.Id).AnswerSummary);

        // The minutes read it under the opinion, with who answered.
        var minutes = (await _app.AppServices.GetRequiredService<MinutesStore>().LoadAsync(demo.Id))!;
        Assert.Contains($"- Đồng chí chủ trì hội nghị trả lời: {Summary}",
            minutes.Parts.Single(p => p.Section.Key == MinutesKeys.Answer(opinion.Number)).Section.Generated);
    }

    [Fact]
    public async Task The_chairs_side_records_the_summary_on_the_answer_panel_during_the_turn()
    {
        await using var chairBunit = StaffBunit.For(_app, "chutri", StaffRoles.Chair, typeof(MeetingCommands));
        var demo = await _app.DemoMeetingAsync();
        var opinion = demo.Opinions.First(o => o.IsOpen);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AnswerByChair(opinion.Id, now));

        var live = await _app.LoadAsync(demo.Id);
        // As the chair's page composes it: the panel shows the box for the opinion it shows.
        var panel = chairBunit.Render<DoiThoai.Web.Features.Chair.AnswerPanel>(p => p.Add(x => x.Meeting, live).Add(x => x.Departments, [])
            .Add(x => x.AnswerSummary, shown => b =>
            {
                b.OpenComponent<AnswerSummaryEditor>(0);
                b.AddAttribute(1, nameof(AnswerSummaryEditor.MeetingId), demo.Id);
                b.AddAttribute(2, nameof(AnswerSummaryEditor.Opinion), shown);
                b.CloseComponent();
            }));
        var editor = panel.Find("[data-testid=answer-panel] [data-testid=answer-summary]");
        Assert.Equal(opinion.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), editor.GetAttribute("data-opinion-number"));
        panel.Find("[data-testid=answer-summary-edit]").Click();
        const string Summary = "Chủ trì: xã bố trí vốn sửa cống xóm 5 trước mùa mưa.";
        panel.Find("textarea").Change(Summary);
        panel.Find("[data-testid=answer-summary-save]").Click();
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=answer-summary-save]")));

        var saved = (await _app.LoadAsync(demo.Id)).FindOpinion(opinion.Id);
        Assert.Equal(Summary, saved.AnswerSummary);
        Assert.Equal("chutri", saved.AnswerSummaryBy);
    }
}
