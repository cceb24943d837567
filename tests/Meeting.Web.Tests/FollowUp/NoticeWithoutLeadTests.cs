using System.Security.Claims;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// A written answer recorded before a department was chosen must not block the notice for good: after Bế mạc the
/// secretary's notice panel lists it with the department picker, and once given a lead the notice can be issued.
/// </summary>
public sealed class NoticeWithoutLeadTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private readonly BunitContext _bunit;
    private bool _providerRendered;

    /// <summary>What the secretary's notice panel uses of the app.</summary>
    internal static readonly Type[] PanelServices = [typeof(FollowUpService), typeof(CalendarService), typeof(MeetingCommands), typeof(IDbContextFactory<AppDb>)];

    public NoticeWithoutLeadTests() => _bunit = StaffBunit.For(_app, "thuky", StaffRoles.Secretary, PanelServices);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task After_closing_the_secretary_gives_a_lead_department_on_the_notice_panel_and_the_notice_can_be_issued()
    {
        var service = _app.AppServices.GetRequiredService<FollowUpService>();
        var demo = await _app.DemoMeetingAsync();
        var orphan = demo.Opinions.First(o => o.IsOpen && o.LeadAssignment is null);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(orphan.Id, OpinionOutcome.AnswerInWriting, now));
        await _app.WithdrawWaitingAsync(demo.Id);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));
        Assert.Contains("chưa giao phòng, ban chủ trì", (await service.IssueNoticeAsync(demo.Id, Hall.Secretary, "35-TB/ĐU", service.Today, false)).Error);

        var ended = await _app.DemoMeetingAsync();
        var panel = Render(ended);
        var item = panel.WaitForElement("[data-testid=notice-without-lead-item]");
        Assert.Equal(orphan.Number.ToString(), item.GetAttribute("data-number"));
        Assert.Contains(orphan.Content, item.TextContent);
        Assert.Empty(panel.FindAll("[data-testid=issue-notice-open]"));

        Department kinhTe;
        await using (var db = await _app.OpenDbAsync())
            kinhTe = await db.Departments.AsNoTracking().SingleAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == FollowedMeeting.KinhTeName);
        panel.WaitForElement($"[data-testid=department-chip][data-department-id='{kinhTe.Id}']").Click();
        panel.Find("[data-testid=assign-department]").Click();
        await WaitForLeadAsync(orphan.Id);

        var assigned = await _app.DemoMeetingAsync();
        panel.Render(p => p.Add(x => x.Meeting, assigned));
        panel.WaitForElement("[data-testid=issue-notice-open]");
        Assert.Empty(panel.FindAll("[data-testid=notice-without-lead]"));

        var issued = await service.IssueNoticeAsync(demo.Id, Hall.Secretary, "35-TB/ĐU", service.Today, false);
        Assert.True(issued.Ok, issued.Error);
        Assert.Equal(1, issued.Items);
    }

    [Fact]
    public async Task The_panel_s_count_and_the_notice_s_numbering_are_the_same_list()
    {
        var demo = await _app.DemoMeetingAsync();
        var (inWriting, answered) = (demo.Opinions[0], demo.Opinions[1]);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(inWriting.Id, OpinionOutcome.AnswerInWriting, now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(answered.Id, OpinionOutcome.AnsweredAtMeeting, now));
        await using (var db = await _app.OpenDbAsync())
        {
            var lead = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == DemoUnits.GiaoMinhId);
            foreach (var opinion in ConclusionNotice.WithoutLead(await _app.DemoMeetingAsync()))
                await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(opinion.Id, [lead.ToRef()], lead.Id, now));
        }
        await _app.WithdrawWaitingAsync(demo.Id);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));
        var meeting = await _app.DemoMeetingAsync();
        var toAnswer = ConclusionNotice.ToAnswerInWriting(meeting);
        var draft = ConclusionNotice.Draft(meeting, WorkingCalendar.Vietnam());
        Assert.Equal(draft.Counts.Unresolved, toAnswer.Count);
        Assert.NotEmpty(toAnswer);
        Assert.Equal(draft.Assignments.Select(a => a.OpinionNumber), toAnswer.Select(o => o.Number));
        // The panel says the same count the notice will print.
        var panel = Render(meeting);
        // The office's deadlines after the meeting stand above the form: the chase (9 working days) and the notice (10).
        panel.WaitForAssertion(() => Assert.Equal([AfterMeetingTimeline.Chase, AfterMeetingTimeline.Notice],
            panel.FindAll("[data-testid=notice-deadline]").Select(li => li.GetAttribute("data-key"))));
        Assert.Contains(AfterMeetingTimeline.NoticeTitle, panel.Find("[data-testid=notice-deadlines]").TextContent);
        panel.WaitForElement("[data-testid=issue-notice-open]").Click();
        Assert.Contains($"{toAnswer.Count} ý kiến chưa giải quyết tại hội nghị", panel.Find("[data-testid=issue-notice-summary]").TextContent);
    }

    [Fact]
    public async Task Until_the_notice_is_issued_the_secretary_hands_an_opinion_to_another_lead_department_and_the_item_follows_it()
    {
        var service = _app.AppServices.GetRequiredService<FollowUpService>();
        var demo = await _app.DemoMeetingAsync();
        var opinion = demo.Opinions.First(o => o.IsOpen && o.LeadAssignment is null);
        Department kinhTe, vanHoa;
        await using (var db = await _app.OpenDbAsync())
        {
            kinhTe = await db.Departments.AsNoTracking().SingleAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == FollowedMeeting.KinhTeName);
            vanHoa = await db.Departments.AsNoTracking().SingleAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == "Phòng Văn hóa - Xã hội");
        }
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(opinion.Id, OpinionOutcome.AnswerInWriting, now));
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(opinion.Id, [kinhTe.ToRef()], kinhTe.Id, now));
        await _app.WithdrawWaitingAsync(demo.Id);
        await _app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));

        var ended = await _app.DemoMeetingAsync();
        var number = ConclusionNotice.ToAnswerInWriting(ended).Single(o => o.Id == opinion.Id).Number;
        var panel = Render(ended);
        panel.WaitForElement("[data-testid=issue-notice-open]").Click();
        var item = $"[data-testid=notice-lead-item][data-number='{number}']";
        Assert.Equal(FollowedMeeting.KinhTeName, panel.Find($"{item} [data-testid=notice-lead-name]").TextContent);
        panel.Find($"{item} [data-testid=notice-lead-change]").Click();
        panel.WaitForElement($"{item} [data-testid=department-chip][data-department-id='{vanHoa.Id}']").Click();
        panel.Find($"{item} [data-testid=assign-department]").Click();
        await WaitForLeadAsync(opinion.Id, vanHoa.Id);
        var changed = await _app.DemoMeetingAsync();
        panel.Render(p => p.Add(x => x.Meeting, changed));
        panel.WaitForAssertion(() => Assert.Equal(vanHoa.Name, panel.Find($"{item} [data-testid=notice-lead-name]").TextContent));

        var issued = await service.IssueNoticeAsync(demo.Id, Hall.Secretary, "35-TB/ĐU", service.Today, false);
        Assert.True(issued.Ok, issued.Error);
        await using (var db = await _app.OpenDbAsync())
            Assert.Equal(vanHoa.Id, (await db.Set<FollowUpItem>().AsNoTracking().SingleAsync(i => i.OpinionId == opinion.Id)).DepartmentId);

        // Once issued, the items carry the departments: a late change is refused and changes nothing.
        var late = await service.AssignBeforeNoticeAsync(demo.Id, Hall.Secretary,
            new DoiThoai.Web.Features.Chair.DepartmentAssignment(opinion.Id, [kinhTe.ToRef()], kinhTe.Id, vanHoa.Id));
        Assert.Contains("đã được ban hành (số 35-TB/ĐU", late);
        Assert.Equal(vanHoa.Id, (await _app.DemoMeetingAsync()).FindOpinion(opinion.Id).LeadAssignment!.DepartmentId);
    }

    private async Task WaitForLeadAsync(Guid opinionId, Guid? departmentId = null)
    {
        for (var i = 0; i < 100; i++)
        {
            var lead = (await _app.DemoMeetingAsync()).Opinions.Single(o => o.Id == opinionId).LeadAssignment;
            if (lead is not null && (departmentId is null || lead.DepartmentId == departmentId)) return;
            await Task.Delay(50);
        }
        Assert.Fail("The lead department was not saved.");
    }

    private IRenderedComponent<IssueNoticePanel> Render(Meeting meeting)
    {
        if (!_providerRendered) _bunit.Render<MudPopoverProvider>();
        _providerRendered = true;
        return _bunit.Render<IssueNoticePanel>(p => p.Add(x => x.Meeting, meeting));
    }
}
