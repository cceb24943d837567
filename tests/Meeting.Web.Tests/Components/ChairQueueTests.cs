using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Chair;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Components;

/// <summary>The chair's panels, rendered from meetings built through the domain; no database, callbacks recorded.</summary>
public sealed class ChairQueueTests : IAsyncLifetime
{
    // Composed rather than inherited: MudBlazor's services dispose only asynchronously, and xUnit 2 disposes test classes synchronously.
    private readonly BunitContext _ctx = new();

    /// <summary>14:00 on 9 May 2026, hall time.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 5, 9, 14, 0, 0, TimeSpan.FromHours(7));

    public ChairQueueTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // last: see STACK.md trap 4
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>> parameters) where T : IComponent =>
        _ctx.Render(parameters);

    [Fact]
    public void Queue_lists_requests_in_queue_order_with_name_place_and_field()
    {
        var meeting = LiveMeeting();
        var third = meeting.QueuedRequests()[2];
        meeting.MoveToTop(third.Id, meeting.QueueVersion, T0.AddMinutes(1));
        var expected = meeting.QueuedRequests();

        var cut = Render<SpeakerQueue>(p => p.Add(x => x.Meeting, meeting));

        var items = cut.FindAll("[data-testid=queue-item]");
        Assert.Equal(expected.Select(r => r.Number.ToString()), items.Select(i => i.GetAttribute("data-request-number")));
        Assert.Equal(third.Number.ToString(), items[0].GetAttribute("data-request-number"));
        for (var i = 0; i < expected.Count; i++)
        {
            var request = expected[i];
            Assert.Equal(request.Name, items[i].QuerySelector("[data-testid=queue-name]")!.TextContent.Trim());
            Assert.Equal(request.Place, items[i].QuerySelector("[data-testid=queue-place]")!.TextContent.Trim());
            Assert.Equal(meeting.OpinionOf(request)!.Field.ToVietnamese(),
                items[i].QuerySelector("[data-testid=queue-field]")!.TextContent.Trim());
        }
    }

    [Fact]
    public void Call_next_is_disabled_while_the_floor_is_busy()
    {
        var meeting = LiveMeeting();
        meeting.CallNext(T0.AddMinutes(1));

        var cut = Render<SpeakerQueue>(p => p.Add(x => x.Meeting, meeting));

        Assert.True(cut.Find("[data-testid=call-next]").HasAttribute("disabled"));
        Assert.Contains("Nguyễn Văn An", cut.Find("[data-testid=call-next-hint]").TextContent);
    }

    [Fact]
    public void Call_next_is_enabled_when_the_floor_is_free_and_fires_the_callback()
    {
        var meeting = LiveMeeting();
        var calls = 0;

        var cut = Render<SpeakerQueue>(p => p
            .Add(x => x.Meeting, meeting)
            .Add(x => x.OnCallNext, () => calls++));
        var button = cut.Find("[data-testid=call-next]");
        Assert.False(button.HasAttribute("disabled"));
        button.Click();

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Call_next_is_disabled_before_the_opening()
    {
        var meeting = LiveMeeting(start: false);

        var cut = Render<SpeakerQueue>(p => p.Add(x => x.Meeting, meeting));

        Assert.True(cut.Find("[data-testid=call-next]").HasAttribute("disabled"));
        Assert.Equal("Hội nghị chưa khai mạc.", cut.Find("[data-testid=call-next-hint]").TextContent.Trim());
    }

    [Fact]
    public void Move_buttons_report_the_new_place_and_the_queue_version_the_chair_saw()
    {
        var meeting = LiveMeeting();
        var queue = meeting.QueuedRequests();
        var moves = new List<QueueMove>();

        var cut = Render<SpeakerQueue>(p => p
            .Add(x => x.Meeting, meeting)
            .Add(x => x.OnMove, (QueueMove move) => moves.Add(move)));
        cut.FindAll("[data-testid=move-top]")[2].Click();
        cut.FindAll("[data-testid=move-down]")[0].Click();
        cut.FindAll("[data-testid=move-up]")[1].Click();

        Assert.Equal(
        [
            new QueueMove(queue[2].Id, 0, meeting.QueueVersion),
            new QueueMove(queue[0].Id, 1, meeting.QueueVersion),
            new QueueMove(queue[1].Id, 0, meeting.QueueVersion),
        ], moves);
        Assert.True(cut.FindAll("[data-testid=move-top]")[0].HasAttribute("disabled"));
        Assert.True(cut.FindAll("[data-testid=move-down]")[^1].HasAttribute("disabled"));
    }

    [Fact]
    public void Queue_marks_a_repeat_speaker()
    {
        var meeting = LiveMeeting();
        var first = meeting.CallNext(T0.AddMinutes(1));
        meeting.StartTimer(T0.AddMinutes(1));
        meeting.FinishTurn(T0.AddMinutes(3));
        var again = meeting.Submit(Draft(first.Name, first.Place, "Xin hỏi thêm về tiến độ sửa đường."), T0.AddMinutes(4));
        meeting.Approve(again.Id, T0.AddMinutes(4));

        var cut = Render<SpeakerQueue>(p => p.Add(x => x.Meeting, meeting));

        var item = cut.Find($"[data-testid=queue-item][data-request-number='{again.Number}']");
        Assert.NotNull(item.QuerySelector("[data-testid=badge-repeat]"));
        Assert.Single(cut.FindAll("[data-testid=badge-repeat]"));
    }

    [Fact]
    public void Countdown_shows_overtime_in_red()
    {
        var meeting = LiveMeeting();
        var speaker = meeting.CallNext(T0);
        meeting.StartTimer(T0);

        var onTime = Render<FloorPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, T0.AddSeconds(60)));
        var late = Render<FloorPanel>(p => p.Add(x => x.Meeting, meeting)
            .Add(x => x.Now, T0.AddSeconds(Meeting.DefaultSpeakingLimitSeconds + 20)));

        Assert.Equal("2:00", onTime.Find("[data-testid=countdown]").TextContent.Trim());
        Assert.DoesNotContain("overtime", onTime.Find("[data-testid=countdown]").ClassList);
        var countdown = late.Find("[data-testid=countdown]");
        // The same sign as the projector and the secretary: time over is added ("+0:20"), never "-0:20".
        Assert.Equal("+0:20", countdown.TextContent.Trim());
        Assert.Contains("overtime", countdown.ClassList);
        Assert.Equal(speaker.Name, late.Find("[data-testid=floor-holder]").TextContent.Trim());
        Assert.True(late.FindAll("[data-testid=pause-timer]").Count == 1);
    }

    [Fact]
    public void A_department_on_the_floor_is_named_the_lead_or_coordinating_unit_never_the_chairs_own_words()
    {
        var meeting = LiveMeeting();
        var speaker = meeting.CallNext(T0);
        meeting.FinishTurn(T0.AddMinutes(1));
        var departments = Department.StandardNames.Select((name, i) => new Department(name, i + 1)).ToList();
        var assignments = meeting.AssignDepartments(speaker.OpinionId!.Value, [departments[0].ToRef(), departments[1].ToRef()], departments[0].Id, T0.AddMinutes(2));

        meeting.CallDepartment(assignments.Single(a => a.IsLead).Id, T0.AddMinutes(3));
        var lead = Render<FloorPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, T0.AddMinutes(3)));
        Assert.Equal("Đơn vị chủ trì trả lời", lead.Find("[data-testid=floor-place]").TextContent.Trim());
        Assert.DoesNotContain("Chủ trì trả lời", lead.Markup.Replace("Đơn vị chủ trì trả lời", ""));

        meeting.FinishTurn(T0.AddMinutes(5));
        meeting.CallDepartment(assignments.Single(a => !a.IsLead).Id, T0.AddMinutes(6));
        var coordinating = Render<FloorPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, T0.AddMinutes(6)));
        Assert.Equal("Đơn vị phối hợp trả lời", coordinating.Find("[data-testid=floor-place]").TextContent.Trim());
    }

    [Fact]
    public async Task The_priority_dialog_opens_without_a_red_error_and_waits_for_a_name()
    {
        var provider = _ctx.Render<MudBlazor.MudDialogProvider>();
        var dialogs = _ctx.Services.GetRequiredService<MudBlazor.IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<PriorityTurnDialog>("Lượt ưu tiên"));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=priority-submit]")));
        Assert.DoesNotContain("Hãy nhập họ tên", provider.Markup);
        Assert.Empty(provider.FindAll(".mud-input-error"));
        Assert.True(provider.Find("[data-testid=priority-submit]").HasAttribute("disabled"));
        // In a browser a "required" field flags itself red as soon as the autofocused box is left empty: the name is
        // asked for by the hint and the disabled button instead.
        var name = provider.Find("input[data-testid=priority-name], [data-testid=priority-name] input");
        Assert.NotEqual("true", name.GetAttribute("aria-required"));
        Assert.False(name.HasAttribute("required"));
        Assert.Contains("Bắt buộc", provider.Markup);
        name.Input("Lê Văn Tám");
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=priority-submit]").HasAttribute("disabled")));
    }

    [Fact]
    public void Floor_panel_offers_put_back_only_before_the_speaker_starts()
    {
        var meeting = LiveMeeting();
        meeting.CallNext(T0);
        var putBacks = 0;

        var cut = Render<FloorPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, T0)
            .Add(x => x.OnPutBack, () => putBacks++));
        cut.Find("[data-testid=put-back]").Click();
        Assert.Equal(1, putBacks);

        meeting.StartTimer(T0);
        cut.Render(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, T0.AddSeconds(5)));
        Assert.Empty(cut.FindAll("[data-testid=put-back]"));
    }

    [Fact]
    public void Answer_panel_assigns_departments_with_the_first_picked_as_lead_and_shows_staff_notes()
    {
        var meeting = LiveMeeting();
        var speaker = meeting.CallNext(T0);
        meeting.FinishTurn(T0.AddMinutes(2));
        meeting.AddStaffNote(speaker.OpinionId!.Value, "Bộ phận tham mưu", "Đường đã có trong kế hoạch đầu tư công 2026.", T0.AddMinutes(2));
        var departments = Department.StandardNames.Select((name, i) => new Department(name, i + 1)).ToList();
        var assigned = new List<DepartmentAssignment>();
        var outcomes = new List<OutcomeChoice>();

        var cut = Render<AnswerPanel>(p => p
            .Add(x => x.Meeting, meeting)
            .Add(x => x.Departments, departments)
            .Add(x => x.OnAssign, (DepartmentAssignment a) => assigned.Add(a))
            .Add(x => x.OnOutcome, (OutcomeChoice o) => outcomes.Add(o)));

        Assert.Contains("kế hoạch đầu tư công", cut.Find("[data-testid=staff-notes]").TextContent);
        // The chips take room: they open on demand and close once the assignment is made.
        Assert.Empty(cut.FindAll("[data-testid=department-picker]"));
        cut.Find("[data-testid=pick-departments]").Click();
        cut.Find($"[data-testid=department-chip][data-department-id='{departments[3].Id}']").Click();
        cut.Find($"[data-testid=department-chip][data-department-id='{departments[4].Id}']").Click();
        cut.Find("[data-testid=assign-department]").Click();
        // Until the meeting holds the assignment (it may be refused) the chips stay open with the chair's picks…
        Assert.Single(cut.FindAll("[data-testid=department-picker]"));
        var assignment = Assert.Single(assigned);
        meeting.AssignDepartments(assignment.OpinionId, assignment.Departments, assignment.LeadId, T0.AddMinutes(3));
        // …and close once it does.
        cut.Render();
        Assert.Empty(cut.FindAll("[data-testid=department-picker]"));
        cut.Find("[data-testid=outcome-written]").Click();

        Assert.Equal(speaker.OpinionId, assignment.OpinionId);
        Assert.Equal([departments[3].Id, departments[4].Id], assignment.Departments.Select(d => d.Id));
        Assert.Equal(departments[3].Id, assignment.LeadId);
        Assert.Null(assignment.SeenLeadId);
        Assert.Equal([new OutcomeChoice(speaker.OpinionId.Value, OpinionOutcome.AnswerInWriting, Seen: OpinionOutcome.None)], outcomes);
    }

    [Fact]
    public void Outcome_choice_carries_the_outcome_and_lead_the_panel_showed()
    {
        var meeting = LiveMeeting();
        var speaker = meeting.CallNext(T0);
        meeting.FinishTurn(T0.AddMinutes(2));
        var opinionId = speaker.OpinionId!.Value;
        var departments = Department.StandardNames.Select((name, i) => new Department(name, i + 1)).ToList();
        meeting.AssignDepartments(opinionId, [departments[0].ToRef()], departments[0].Id, T0.AddMinutes(2));
        meeting.SetOutcome(opinionId, OpinionOutcome.AnswerInWriting, T0.AddMinutes(3), by: "phochutri");
        // The chair takes the opinion up again: the panel shows it with the outcome already recorded.
        meeting.AnswerByChair(opinionId, T0.AddMinutes(4));
        meeting.FinishTurn(T0.AddMinutes(5));
        var assigned = new List<DepartmentAssignment>();
        var outcomes = new List<OutcomeChoice>();

        var cut = Render<AnswerPanel>(p => p
            .Add(x => x.Meeting, meeting)
            .Add(x => x.Departments, departments)
            .Add(x => x.OnAssign, (DepartmentAssignment a) => assigned.Add(a))
            .Add(x => x.OnOutcome, (OutcomeChoice o) => outcomes.Add(o)));

        var current = cut.Find("[data-testid=outcome-current]").TextContent;
        Assert.Contains("Trả lời bằng văn bản", current);
        Assert.Contains("phochutri", current);
        cut.Find("[data-testid=pick-departments]").Click();
        cut.Find($"[data-testid=department-chip][data-department-id='{departments[1].Id}']").Click();
        cut.Find("[data-testid=assign-department]").Click();
        cut.Find("[data-testid=outcome-answered]").Click();

        Assert.Equal(departments[0].Id, Assert.Single(assigned).SeenLeadId);
        Assert.Equal([new OutcomeChoice(opinionId, OpinionOutcome.AnsweredAtMeeting, Seen: OpinionOutcome.AnswerInWriting)], outcomes);
    }

    [Fact]
    public void A_long_opinion_shows_its_start_on_the_chairs_panel_and_opens_whole_on_a_tap()
    {
        var meeting = LiveMeeting();
        var content = string.Join(" ", Enumerable.Repeat("Đường liên thôn xuống cấp, mùa mưa ngập, học sinh đi lại khó khăn.", 5));
        var request = meeting.Submit(Draft("Phạm Văn Dũng", "Thôn Đông", content), T0);
        meeting.Approve(request.Id, T0);
        meeting.MoveToTop(request.Id, meeting.QueueVersion, T0);
        var speaker = meeting.CallNext(T0);
        Assert.Equal(request.Id, speaker.Id);
        meeting.FinishTurn(T0.AddMinutes(2));

        var cut = Render<AnswerPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Departments, Array.Empty<Department>()));

        var text = cut.Find("[data-testid=answer-content]");
        Assert.DoesNotContain(content, text.TextContent);
        Assert.Contains("Xem thêm", text.TextContent);
        text.Click();
        Assert.Contains(content, cut.Find("[data-testid=answer-content]").TextContent);
        Assert.Contains("Thu gọn", cut.Find("[data-testid=answer-content]").TextContent);
    }

    [Fact]
    public void Outcome_buttons_wait_until_the_turn_on_that_opinion_ends()
    {
        var meeting = LiveMeeting();
        meeting.CallNext(T0);
        meeting.StartTimer(T0);

        var cut = Render<AnswerPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Departments, Array.Empty<Department>()));

        Assert.True(cut.Find("[data-testid=outcome-answered]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=answer-by-chair]").HasAttribute("disabled"));
    }

    [Fact]
    public void Agenda_offers_the_opening_then_highlights_the_current_step()
    {
        var meeting = LiveMeeting(start: false);
        var starts = 0;
        var cut = Render<AgendaPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.OnStart, () => starts++));
        Assert.Empty(cut.FindAll("[data-testid=next-step]"));
        cut.Find("[data-testid=start-meeting]").Click();
        Assert.Equal(1, starts);

        meeting.Start(T0);
        meeting.GoToStep(StandardAgenda.SpeakingStep, T0.AddMinutes(5), confirmGoingBack: false);
        var steps = new List<int>();
        cut = Render<AgendaPanel>(p => p.Add(x => x.Meeting, meeting).Add(x => x.OnGoToStep, (int n) => steps.Add(n)));

        Assert.Empty(cut.FindAll("[data-testid=start-meeting]"));
        var next = Assert.Single(cut.FindAll("[data-testid=next-step]"));
        // Its words and its icon, never Razor source printed as text.
        Assert.Equal("Bước tiếp theo", next.TextContent.Trim());
        Assert.NotNull(next.QuerySelector("svg"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains('@') || b.TextContent.Contains("Icons."));
        Assert.Equal("5", cut.Find(".step.current").GetAttribute("data-step"));
        cut.Find("[data-testid=agenda-step][data-step='1'] button").Click();
        Assert.Equal([1], steps);
    }

    /// <summary>Three villages' requests, approved into the queue; live at step 1 unless <paramref name="start"/> is false.</summary>
    [Fact]
    public void A_request_from_an_invited_delegate_is_marked_as_such()
    {
        var meeting = LiveMeeting();
        var hoa = meeting.AddDelegate("Phạm Thị Hoa", "Trưởng xóm", "Thôn Tây", DelegateGroup.VillageDelegate);
        var request = meeting.Submit(Draft("Phạm Thị Hoa", "Thôn Tây", "Đề nghị nạo vét kênh tưới.") with
            { DelegateId = hoa.Id, Source = OpinionSource.Invitation }, T0.AddMinutes(2));
        meeting.Approve(request.Id, T0.AddMinutes(2));

        var cut = Render<SpeakerQueue>(p => p.Add(x => x.Meeting, meeting));

        var invited = cut.FindAll("[data-testid=queue-item]")
            .Single(i => i.GetAttribute("data-request-number") == request.Number.ToString());
        Assert.NotNull(invited.QuerySelector("[data-testid=badge-invited]"));
        Assert.Single(cut.FindAll("[data-testid=badge-invited]"));
    }

    [Fact]
    public void The_attendance_counter_reads_as_the_minutes_do_invited_present_of_invited_and_walk_ins_apart()
    {
        var meeting = LiveMeeting();
        var invited = meeting.AddDelegate("Vũ Đức Bình", "Trưởng thôn", "Thôn Đông", DelegateGroup.VillageDelegate);
        meeting.AddDelegate("Lê Văn Cường", "", "Thôn Tây", DelegateGroup.VillageDelegate);
        meeting.CheckIn(invited.Id, T0.AddMinutes(1));
        meeting.AddWalkIn("Nông Văn Uy", "Thôn Tây", T0.AddMinutes(2));

        var cut = Render<CountersBar>(p => p.Add(x => x.Meeting, meeting));

        // Not "2/3": the walk-in was never invited, so the minutes count them apart and so does the chair.
        Assert.Equal("1/2 +1", cut.Find("[data-testid=counter-present]").TextContent);
    }

    private static Meeting LiveMeeting(bool start = true)
    {
        var meeting = Meeting.Create(new MeetingPlan(
            "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân xã Giao Minh năm 2026",
            MeetingKind.Periodic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")],
            "Hội trường UBND xã Giao Minh",
            T0,
            115,
            "21-KH/ĐU",
            PlacesList: ["Thôn Đông", "Thôn Tây", "Hội Nông dân xã"]));
        meeting.Announce();
        var drafts = new[]
        {
            Draft("Nguyễn Văn An", "Thôn Đông", "Đề nghị xã sớm sửa chữa đường liên thôn bị xuống cấp, mùa mưa đi lại rất khó khăn."),
            Draft("Trần Thị Bình", "Thôn Tây", "Xin hỏi về chế độ hỗ trợ người cao tuổi.", OpinionField.CultureSociety),
            Draft("Lê Văn Cường", "Hội Nông dân xã", "Cấp giấy chứng nhận quyền sử dụng đất còn chậm.", OpinionField.LandEnvironment),
        };
        for (var i = 0; i < drafts.Length; i++)
        {
            var at = T0.AddMinutes(-30 + i);
            var request = meeting.Submit(drafts[i], at);
            meeting.Approve(request.Id, at);
        }
        if (start) meeting.Start(T0);
        meeting.TakeEvents();
        return meeting;
    }

    private static SpeakRequestDraft Draft(string name, string place, string content, OpinionField field = OpinionField.Economy) =>
        new(name, place, field, content, SpeakMode.Speak, OpinionSource.Phone);
}
