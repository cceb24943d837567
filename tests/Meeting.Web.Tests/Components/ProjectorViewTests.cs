using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Components;

/// <summary>The hall projector, rendered from meetings built through the domain. Plain bUnit: the view has no services.</summary>
public sealed class ProjectorViewTests : IAsyncLifetime
{
    /// <summary>14:00 on 23 November 2026, hall time.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(7));
    private const string Url = "http://192.168.1.10:5080/m/GM7K2P";
    private const string Svg = "<svg data-fake-qr=\"1\" viewBox=\"0 0 10 10\"></svg>";
    private const string StaffNote = "Ghi chú nội bộ: hộ này đã được trả lời bằng văn bản năm 2025";
    private const string Phone = "0912345678";

    private readonly BunitContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only.
    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    private static Meeting Announced()
    {
        var meeting = Meeting.Create(new MeetingPlan(
            "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2026",
            MeetingKind.Periodic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")],
            "Hội trường UBND xã Giao Minh",
            T0,
            115,
            "21-KH/ĐU",
            PlacesList: ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc"]));
        meeting.Announce();
        return meeting;
    }

    /// <summary>Four approved requests, the meeting live at step 5 and the first speaker called and timed from T0+60.</summary>
    private static Meeting Speaking()
    {
        var meeting = Announced();
        Queue(meeting, "Nguyễn Văn An", "Thôn Đông", "Đề nghị xã sớm sửa chữa đường liên thôn bị xuống cấp.", 1, Phone);
        Queue(meeting, "Trần Thị Bình", "Thôn Tây", "Xin hỏi tiến độ cấp giấy chứng nhận quyền sử dụng đất.", 2);
        Queue(meeting, "Lê Văn Cường", "Thôn Nam", "Đề nghị lắp thêm đèn chiếu sáng ở ngã ba chợ.", 3);
        Queue(meeting, "Phạm Thị Dung", "Thôn Bắc", "Kiến nghị nạo vét kênh tưới tiêu trước mùa mưa.", 4);
        meeting.Start(T0);
        meeting.GoToStep(StandardAgenda.SpeakingStep, T0, confirmGoingBack: false);
        var speaker = meeting.CallNext(At(50));
        meeting.AddStaffNote(speaker.OpinionId!.Value, "Thư ký", StaffNote, At(55));
        meeting.StartTimer(At(60));
        return meeting;
    }

    private static void Queue(Meeting meeting, string name, string place, string content, int atSeconds, string? phone = null)
    {
        var request = meeting.Submit(new SpeakRequestDraft(name, place, OpinionField.Economy, content, SpeakMode.Speak,
            OpinionSource.Phone, phone, PhoneConsent: phone is not null), At(atSeconds - 600));
        meeting.Approve(request.Id, At(atSeconds - 600));
    }

    private IRenderedComponent<ProjectorView> Render(Meeting meeting, DateTimeOffset now, bool thumbnail = false) =>
        _ctx.Render<ProjectorView>(p => p
            .Add(x => x.Meeting, meeting)
            .Add(x => x.Now, now)
            .Add(x => x.RegisterUrl, Url)
            .Add(x => x.QrSvg, Svg)
            .Add(x => x.Thumbnail, thumbnail));

    private static string Text(IRenderedComponent<ProjectorView> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void Shows_the_speaker_the_question_and_the_time_left()
    {
        var meeting = Speaking();
        var speaker = meeting.FloorSpeaker!;

        var cut = Render(meeting, At(110));

        Assert.Equal(speaker.Name, Text(cut, "projector-speaker"));
        Assert.Equal(speaker.Place, Text(cut, "projector-place"));
        Assert.Equal(meeting.OpinionOf(speaker)!.Content, Text(cut, "projector-content"));
        Assert.Equal("2:10", Text(cut, "projector-countdown"));
        Assert.Contains("normal", cut.Find("[data-testid=projector-countdown]").ClassList);
        Assert.Equal($"Bước 5: {meeting.CurrentStep!.Title}", Text(cut, "projector-step"));
        Assert.Equal(meeting.Title, Text(cut, "projector-title"));
    }

    [Fact]
    public void Countdown_turns_to_warning_in_the_last_thirty_seconds()
    {
        var cut = Render(Speaking(), At(60 + 160));

        var countdown = cut.Find("[data-testid=projector-countdown]");
        Assert.Equal("0:20", countdown.TextContent.Trim());
        Assert.Contains("warning", countdown.ClassList);
    }

    [Fact]
    public void Overtime_is_shown_in_red_and_counts_up_without_cutting_anyone_off()
    {
        var meeting = Speaking();

        var cut = Render(meeting, At(60 + 180 + 15));

        var countdown = cut.Find("[data-testid=projector-countdown]");
        Assert.Equal("+0:15 quá giờ", countdown.TextContent.Trim());
        Assert.Contains("overtime", countdown.ClassList);
        Assert.Equal(meeting.FloorSpeaker!.Name, Text(cut, "projector-speaker"));
    }

    [Fact]
    public void Next_three_follow_the_queue_and_its_changes()
    {
        var meeting = Speaking();
        Queue(meeting, "Vũ Văn Em", "Thôn Đông", "Đề nghị hỗ trợ giống lúa.", 100);
        Assert.Equal(4, meeting.QueuedRequests().Count);

        var cut = Render(meeting, At(110));
        AssertNextMatchesQueue(cut, meeting);
        Assert.DoesNotContain(meeting.QueuedRequests()[^1].Name, cut.Find("[data-testid=projector-next]").TextContent);

        var last = meeting.QueuedRequests()[^1];
        meeting.MoveInQueue(last.Id, 0, meeting.QueueVersion, At(120));
        cut = Render(meeting, At(121));

        AssertNextMatchesQueue(cut, meeting);
        Assert.StartsWith(last.Name, cut.FindAll("[data-testid=projector-next-item]")[0].TextContent.Trim());
    }

    [Fact]
    public void Attendance_shows_present_over_invited_and_follows_a_check_in()
    {
        var meeting = Speaking();
        var hoa = meeting.AddDelegate("Phạm Thị Hoa", "Trưởng xóm", "Xóm 7", DelegateGroup.VillageDelegate);
        meeting.AddDelegate("Lê Văn Nam", "", "Xóm 2", DelegateGroup.People);
        Assert.Contains("0/2", Text(Render(meeting, At(10)), "projector-attendance"));

        meeting.CheckIn(hoa.Id, At(20));

        Assert.Contains("1/2", Text(Render(meeting, At(30)), "projector-attendance"));
    }

    private static void AssertNextMatchesQueue(IRenderedComponent<ProjectorView> cut, Meeting meeting)
    {
        var items = cut.FindAll("[data-testid=projector-next-item]");
        var expected = meeting.QueuedRequests().Take(3).ToList();
        Assert.Equal(3, items.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, items[i].QuerySelector(".next-name")!.TextContent.Trim());
            Assert.Equal(expected[i].Place, items[i].QuerySelector(".next-place")!.TextContent.Trim());
        }
    }

    [Fact]
    public void Shows_the_qr_code_and_the_register_address()
    {
        var cut = Render(Speaking(), At(110));

        var qr = cut.Find("[data-testid=projector-qr]");
        Assert.NotNull(qr.QuerySelector("svg[data-fake-qr]"));
        Assert.Contains("Quét mã để đăng ký phát biểu", qr.TextContent);
        Assert.Contains("192.168.1.10:5080/m/GM7K2P", qr.TextContent);
    }

    [Fact]
    public void Lead_department_is_announced_while_the_question_is_asked_then_answers()
    {
        var meeting = Speaking();
        var opinionId = meeting.FloorSpeaker!.OpinionId!.Value;
        var economy = new Department("Phòng Kinh tế", 1).ToRef();
        var assignment = meeting.AssignDepartments(opinionId, [economy], economy.Id, At(70)).Single();

        Assert.Equal("Dự kiến trả lời: Phòng Kinh tế", Text(Render(meeting, At(80)), "projector-answerer"));

        meeting.FinishTurn(At(200));
        meeting.CallDepartment(assignment.Id, At(210));
        meeting.StartTimer(At(210));
        var cut = Render(meeting, At(250));

        Assert.Equal("Phòng Kinh tế", Text(cut, "projector-answerer"));
        Assert.Equal("4:20", Text(cut, "projector-countdown"));
        Assert.Contains("Nguyễn Văn An (Thôn Đông)", Text(cut, "projector-asker"));
        Assert.Empty(cut.FindAll("[data-testid=projector-speaker]"));
    }

    [Fact]
    public void Chair_answering_is_shown_as_such()
    {
        var meeting = Speaking();
        var opinionId = meeting.FloorSpeaker!.OpinionId!.Value;
        meeting.FinishTurn(At(200));
        meeting.AnswerByChair(opinionId, At(210));
        meeting.StartTimer(At(210));

        var cut = Render(meeting, At(215));

        Assert.Equal("Chủ trì trả lời", Text(cut, "projector-answerer"));
        Assert.Equal("4:55", Text(cut, "projector-countdown"));
    }

    [Fact]
    public void Welcome_screen_before_the_meeting_starts()
    {
        var meeting = Announced();

        var cut = Render(meeting, T0.AddMinutes(-30));

        var welcome = cut.Find("[data-testid=projector-welcome]");
        Assert.Contains(meeting.Title, welcome.TextContent);
        Assert.Contains("Hội trường UBND xã Giao Minh", welcome.TextContent);
        Assert.Equal("14:00 ngày 23/11/2026", Text(cut, "projector-when"));
        Assert.NotNull(cut.Find("[data-testid=projector-qr]").QuerySelector("svg"));
        Assert.Empty(cut.FindAll("[data-testid=projector-countdown]"));
        Assert.Empty(cut.FindAll("[data-testid=projector-step]"));
    }

    [Fact]
    public void Draft_meeting_welcomes_without_a_qr_code_since_it_takes_no_requests_yet()
    {
        var draft = Meeting.Create(new MeetingPlan("Hội nghị đối thoại chuyên đề", MeetingKind.Thematic,
            [new ChairPerson("Lê Thị Mai", "Chủ tịch UBND xã")], "Nhà văn hóa thôn Đông", T0, 50, "05-KH/UBND"));

        var cut = Render(draft, T0.AddDays(-1));

        Assert.NotNull(cut.Find("[data-testid=projector-welcome]"));
        Assert.Empty(cut.FindAll("[data-testid=projector-qr]"));
    }

    [Fact]
    public void Message_mode_shows_only_the_message()
    {
        var meeting = Speaking();
        meeting.SetProjector(ProjectorMode.Message, "Hội nghị nghỉ giải lao 15 phút");

        var cut = Render(meeting, At(110));

        Assert.Equal("Hội nghị nghỉ giải lao 15 phút", Text(cut, "projector-message"));
        Assert.Equal("Hội nghị nghỉ giải lao 15 phút", cut.Find("[data-testid=projector-view]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=projector-speaker]"));
        Assert.Empty(cut.FindAll("[data-testid=projector-qr]"));

        meeting.SetProjector(ProjectorMode.Follow, null);
        cut = Render(meeting, At(111));

        Assert.Empty(cut.FindAll("[data-testid=projector-message]"));
        Assert.Equal(meeting.FloorSpeaker!.Name, Text(cut, "projector-speaker"));
    }

    [Fact]
    public void Blank_mode_is_an_empty_black_screen()
    {
        var meeting = Speaking();
        meeting.SetProjector(ProjectorMode.Blank, null);

        var cut = Render(meeting, At(110));

        var view = cut.Find("[data-testid=projector-view]");
        Assert.Equal("", view.TextContent.Trim());
        Assert.Equal(0, view.ChildElementCount);
        Assert.Contains("screen-blank", view.ClassList);
    }

    [Fact]
    public void After_the_end_thanks_the_delegates()
    {
        var meeting = Speaking();
        meeting.FinishTurn(At(200));
        meeting.End(At(3600));

        var cut = Render(meeting, At(3700));

        Assert.Contains("Hội nghị đã kết thúc.", cut.Markup);
        Assert.Contains("Cảm ơn quý vị đại biểu", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=projector-qr]"));
        Assert.Empty(cut.FindAll("[data-testid=projector-next]"));
    }

    [Fact]
    public void Staff_notes_and_phone_numbers_never_reach_the_screen()
    {
        var meeting = Speaking();
        Assert.Contains(meeting.Opinions, o => o.Notes.Any(n => n.Text == StaffNote));

        foreach (var now in new[] { At(110), At(400) })
        {
            var markup = Render(meeting, now).Markup + Render(meeting, now, thumbnail: true).Markup;
            Assert.DoesNotContain(StaffNote, markup);
            Assert.DoesNotContain("Ghi chú", markup);
            Assert.DoesNotContain(Phone, markup);
        }

        meeting.FinishTurn(At(200));
        var afterTurn = Render(meeting, At(210)).Markup;
        Assert.Contains("Nguyễn Văn An", afterTurn);
        Assert.DoesNotContain(StaffNote, afterTurn);
        Assert.DoesNotContain(Phone, afterTurn);
    }

    [Fact]
    public void Idle_floor_invites_people_to_register()
    {
        var meeting = Announced();
        meeting.Start(T0);

        var cut = Render(meeting, At(30));

        Assert.Contains("xin mời đăng ký phát biểu", cut.Find("[data-testid=projector-floor]").TextContent);
        Assert.Equal("Bước 1: " + meeting.CurrentStep!.Title, Text(cut, "projector-step"));
        Assert.Empty(cut.FindAll("[data-testid=projector-countdown]"));
    }

    [Fact]
    public void Thumbnail_renders_the_same_screen_in_a_scaled_box()
    {
        var meeting = Speaking();

        var cut = Render(meeting, At(110), thumbnail: true);

        var view = cut.Find("[data-testid=projector-view]");
        Assert.Contains("thumb", view.ClassList);
        Assert.DoesNotContain("full", view.ClassList);
        Assert.Equal(meeting.FloorSpeaker!.Name, Text(cut, "projector-speaker"));
        Assert.Equal("2:10", Text(cut, "projector-countdown"));
    }

    [Fact]
    public void Register_address_uses_the_public_base_without_a_trailing_slash()
    {
        Assert.Equal("http://192.168.1.10:5080/m/GM7K2P", QrCodes.RegisterUrl("http://192.168.1.10:5080/", "GM7K2P"));
        Assert.Equal("192.168.1.10:5080/m/GM7K2P", QrCodes.ForDisplay("http://192.168.1.10:5080/m/GM7K2P"));

        var svg = QrCodes.Svg("http://192.168.1.10:5080/m/GM7K2P");
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("viewBox", svg);
        Assert.Same(svg, QrCodes.Svg("http://192.168.1.10:5080/m/GM7K2P"));
    }

    [Fact]
    public void Control_panel_shows_the_thumbnail_and_the_kiosk_link_and_reports_a_refusal()
    {
        // The real command service: without a signed-in user it refuses before touching the database.
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSignalR();
        _ctx.Services.AddLogging();
        _ctx.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        _ctx.Services.AddDbContextFactory<AppDb>(o => o.UseSqlite("Data Source=:memory:"));
        _ctx.Services.AddSingleton(TimeProvider.System);
        _ctx.Services.AddSingleton<MeetingFeed>();
        _ctx.Services.AddSingleton<PublicCodes>();
        _ctx.Services.AddMetrics();
        _ctx.Services.AddSingleton<MeetingSnapshots>();
        _ctx.Services.AddSingleton<LiveMetrics>();
        _ctx.Services.AddSingleton<MeetingCommands>();
        _ctx.Services.AddSingleton<NodeCaches>();
        _ctx.Services.AddSingleton<DoiThoai.Web.Features.Units.UnitAccess>();
        _ctx.Services.AddSingleton<ProjectorLinks>();
        _ctx.Services.AddOptions<DoiThoaiOptions>().Configure(o => o.PublicBaseUrl = "http://192.168.1.10:5080/");
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var meeting = Speaking();

        var cut = _ctx.Render<ProjectorControl>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, At(110)));

        var thumbnail = cut.Find("[data-testid=projector-thumbnail] [data-testid=projector-view]");
        Assert.Contains("thumb", thumbnail.ClassList);
        Assert.Contains($"192.168.1.10:5080/m/{meeting.PublicCode}", thumbnail.TextContent);
        Assert.Contains("mud-button-filled", cut.Find("[data-testid=projector-mode-follow]").ClassList);
        var kiosk = cut.Find("[data-testid=projector-kiosk-link] input, input[data-testid=projector-kiosk-link]");
        Assert.StartsWith($"http://192.168.1.10:5080/projector/{meeting.Id}?key=", kiosk.GetAttribute("value"));

        cut.Find("[data-testid=projector-mode-blank]").Click();

        var snackbar = Assert.Single(_ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(MeetingCommands.NoPermission, snackbar.Message);
    }
}
