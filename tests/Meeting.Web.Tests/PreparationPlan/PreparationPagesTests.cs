using System.Security.Claims;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.PreparationPlan;

/// <summary>/preparation/new and /preparation/{id} rendered over the real app's services and database, on a fixed day.</summary>
public sealed class PreparationPagesTests : IAsyncLifetime
{
    /// <summary>Thursday 03/12/2026, 09:00: for a meeting on Thursday 10/12 the collection (01/12) is late, the invitations (03/12) due today.</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 3, 9, 0, 0, Clock.VietnamOffset);

    private readonly BunitContext _bunit = new();
    private readonly TestApp _app = new();

    public PreparationPagesTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        foreach (var type in new[] { typeof(IDbContextFactory<AppDb>), typeof(MeetingFeed), typeof(MeetingSnapshots), typeof(MeetingCommands), typeof(UnitAccess), typeof(CalendarService) })
            _bunit.Services.AddSingleton(type, _app.AppServices.GetRequiredService(type));
        _bunit.Services.AddSingleton<TimeProvider>(new FixedTime(Today));
        _bunit.AddAuthorization().SetAuthorized("vanphong").SetRoles(StaffRoles.Organizer)
            .SetClaims(new Claim(UnitAccess.UnitClaim, DemoUnits.GiaoMinhId.ToString()));
        // Last: registering services after one has been resolved throws (STACK.md trap 4).
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_form_creates_the_meeting_in_the_users_commune_and_opens_its_preparation()
    {
        var page = Render<NewMeetingPage>();
        page.WaitForElement("[data-testid=plan-fields]");
        // The unit's name is filled in where the plan has it.
        Assert.Contains("xã Giao Minh", page.Find("textarea[data-testid=plan-title]").GetAttribute("value") ?? page.Find("textarea[data-testid=plan-title]").TextContent);

        page.Find("textarea[data-testid=plan-title]").Change("Hội nghị đối thoại với Nhân dân xã Giao Minh (thử biểu mẫu)");
        page.Find("input[data-testid=plan-kind-Periodic]").Click();
        page.Find("input[data-testid=plan-chair-name]").Change("Trần Văn Hùng");
        page.Find("input[data-testid=plan-chair-title]").Change("Bí thư Đảng ủy");
        page.Find("button[data-testid=plan-chair-add]").Click();
        page.FindAll("input[data-testid=plan-chair-name]")[1].Change("Đỗ Minh Tuấn");
        page.FindAll("input[data-testid=plan-chair-title]")[1].Change("Chủ tịch UBND xã");
        page.Find("button[data-testid=plan-chair-add]").Click();
        page.FindAll("input[data-testid=plan-chair-name]")[2].Change("Phạm Văn Long");
        page.FindAll("input[data-testid=plan-chair-title]")[2].Change("Phó Bí thư Thường trực Đảng ủy");
        Assert.Empty(page.FindAll("button[data-testid=plan-chair-add]")); // three chairs at most (seed 000 has three)
        page.Find("input[data-testid=plan-venue]").Change("Hội trường UBND xã");
        page.Find("input[data-testid=plan-date]").Change("10/12/2026");
        page.Find("input[data-testid=plan-time]").Change("14:30");
        page.Find("input[data-testid=plan-attendance]").Change("150");
        page.Find("textarea[data-testid=plan-places]").Change("Xóm 1\nXóm 2");

        // Nothing is stored while a required field is missing.
        page.Find("input[data-testid=plan-venue]").Change("");
        page.Find("button[data-testid=plan-create]").Click();
        page.WaitForAssertion(() => Assert.Contains("Hãy ghi địa điểm", page.Find("[data-testid=plan-error]").TextContent));

        page.Find("input[data-testid=plan-venue]").Change("Hội trường UBND xã");
        page.Find("button[data-testid=plan-create]").Click();

        var navigation = _bunit.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/preparation/", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var meeting = await _app.LoadAsync(id);
        Assert.Equal(DemoUnits.GiaoMinhId, meeting.UnitId);
        Assert.Equal("Hội nghị đối thoại với Nhân dân xã Giao Minh (thử biểu mẫu)", meeting.Title);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 14, 30, 0, Clock.VietnamOffset), meeting.ScheduledStart);
        Assert.Equal(["Trần Văn Hùng", "Đỗ Minh Tuấn", "Phạm Văn Long"], meeting.Chairs.Select(c => c.Name));
        Assert.Equal(["Xóm 1", "Xóm 2"], meeting.Places);
        Assert.Equal(150, meeting.ExpectedAttendance);
    }

    [Fact]
    public async Task The_timeline_shows_each_deadline_late_due_or_upcoming_and_a_milestone_is_marked_done()
    {
        var (id, error) = await PreparationPlans.CreateAsync(_app.Commands, TestApp.Staff(StaffRoles.Organizer, "vanphong"), FiveDayForm());
        Assert.Null(error);

        var page = Render<PreparationPage>(id!.Value);
        page.WaitForElement("[data-testid=milestone]");
        Assert.Equal(
            [("collect", "Late", "Thứ Ba, 01/12/2026"), ("invite", "DueToday", "Thứ Năm, 03/12/2026"), ("classify", "Upcoming", "Thứ Hai, 07/12/2026")],
            page.FindAll("[data-testid=milestone]").Select(r => (r.GetAttribute("data-key"), r.GetAttribute("data-state"),
                r.QuerySelector("[data-testid=milestone-due]")!.TextContent.Trim())));
        Assert.Contains("Quá hạn (hạn 01/12/2026)", Milestone(page, "collect").TextContent);
        Assert.Contains("Chưa có ý kiến nào", Milestone(page, "collect").TextContent);
        Assert.Contains("Hạn hôm nay", Milestone(page, "invite").TextContent);
        Assert.Contains("Thứ Năm, 10/12/2026", page.Find("[data-testid=milestone-meeting]").TextContent);

        Click(page, "[data-testid=milestone][data-key=collect] button[data-testid=milestone-done]");
        page.WaitForAssertion(() => Assert.Equal("Done", Milestone(page, "collect").GetAttribute("data-state")));
        Assert.Contains("Ghi nhận: vanphong", Milestone(page, "collect").TextContent);
        Assert.Equal(PreparationTimeline.Collect, Assert.Single((await _app.LoadAsync(id.Value)).PreparationMarks).Key);

        Click(page, "[data-testid=milestone][data-key=collect] button[data-testid=milestone-undo]");
        page.WaitForAssertion(() => Assert.Equal("Late", Milestone(page, "collect").GetAttribute("data-state")));
        Assert.Empty((await _app.LoadAsync(id.Value)).PreparationMarks);
    }

    [Fact]
    public async Task The_plan_is_edited_on_the_page_until_the_meeting_opens()
    {
        var (id, _) = await PreparationPlans.CreateAsync(_app.Commands, TestApp.Staff(StaffRoles.Organizer, "vanphong"), FiveDayForm());
        var page = Render<PreparationPage>(id!.Value);
        page.WaitForElement("[data-testid=plan-summary]");

        Click(page, "button[data-testid=plan-edit]");
        page.Find("input[data-testid=plan-venue]").Change("Nhà văn hóa xóm 2");
        page.Find("input[data-testid=plan-notice-7]").Click();
        Click(page, "button[data-testid=plan-save]");
        page.WaitForAssertion(() => Assert.Contains("Nhà văn hóa xóm 2", page.Find("[data-testid=plan-summary]").TextContent));
        // Seven working days' notice moves the invitations back to the collection's day.
        Assert.Contains("Thứ Ba, 01/12/2026", Milestone(page, "invite").TextContent);

        await _app.MustAsync(id.Value, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        page.WaitForAssertion(() => Assert.Contains("không sửa được nữa", page.Find("[data-testid=plan-locked]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=plan-edit]"));
    }

    [Fact]
    public async Task An_ad_hoc_meeting_has_no_milestones()
    {
        var form = FiveDayForm();
        form.Kind = MeetingKind.AdHoc;
        var (id, _) = await PreparationPlans.CreateAsync(_app.Commands, TestApp.Staff(StaffRoles.Organizer, "vanphong"), form);

        var page = Render<PreparationPage>(id!.Value);
        page.WaitForElement("[data-testid=preparation-adhoc]");
        Assert.Equal("Hội nghị đột xuất: không áp dụng mốc chuẩn bị.", page.Find("[data-testid=preparation-adhoc]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=milestone]"));
    }

    private static PlanForm FiveDayForm()
    {
        var form = PlanCreationTests.Form();
        form.Kind = MeetingKind.Periodic;
        form.InvitationNoticeDays = 5;
        return form;
    }

    /// <summary>
    /// A command's own reload and the feed's reload may re-render between finding a button and clicking it; the click
    /// then names a handler that is gone and did nothing, so it is made again on the fresh button.
    /// </summary>
    private static void Click(IRenderedComponent<IComponent> page, string selector)
    {
        // A missing button throws from Find; a stale handler is retried up to 5 times, then its exception fails the test.
        var clicked = false;
        for (var attempt = 1; !clicked; attempt++)
        {
            try
            {
                page.Find(selector).Click();
                clicked = true;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 5)
            {
            }
        }
    }

    private static AngleSharp.Dom.IElement Milestone(IRenderedComponent<IComponent> page, string key) =>
        page.Find($"[data-testid=milestone][data-key={key}]");

    /// <summary>The page next to MudBlazor's popover provider, as the layout has it.</summary>
    private IRenderedComponent<IComponent> Render<TPage>(Guid? meetingId = null) where TPage : IComponent => _bunit.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<TPage>(1);
        if (meetingId is { } id) builder.AddAttribute(2, "MeetingId", id);
        builder.CloseComponent();
    });

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
