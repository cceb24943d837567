using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.PreparationPlan;

/// <summary>The new-meeting form's service path over the real app: the meeting lands in the organizer's own unit only.</summary>
public sealed class PlanCreationTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    private static readonly System.Security.Claims.ClaimsPrincipal VanPhong = TestApp.Staff(StaffRoles.Organizer, "vanphong");
    private static readonly System.Security.Claims.ClaimsPrincipal GiaoHoa = TestApp.Staff(StaffRoles.Organizer, "giaohoa", DemoUnits.GiaoHoaId);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A chuyên đề meeting on Thursday 10/12/2026 at 14:00, the plan as seed 001 words it.</summary>
    internal static PlanForm Form(string title = "Hội nghị đối thoại chuyên đề về quản lý đất đai xã Giao Minh năm 2026") => new()
    {
        Title = title,
        Kind = MeetingKind.Thematic,
        Chairs = [new ChairRow { Name = "Trần Văn Hùng", Title = "Bí thư Đảng ủy, Chủ tịch HĐND xã" },
            new ChairRow { Name = "Đỗ Minh Tuấn", Title = "Phó Bí thư Đảng ủy, Chủ tịch UBND xã" }],
        HostOffice = "Văn phòng Đảng ủy xã Giao Minh",
        Audience = "Nhân dân xã Giao Minh",
        Venue = "Hội trường Trụ sở Đảng ủy xã Giao Minh",
        Date = new DateTime(2026, 12, 10),
        Time = new TimeSpan(14, 0, 0),
        ExpectedAttendance = 200,
        PlanNumber = "Số 30-KH/ĐU",
        Content = "- Quản lý đất đai\n- Xây dựng nông thôn mới\n",
        Places = "Xóm 1\nXóm 2\n\nHội Nông dân xã",
        InvitationNoticeDays = 7,
    };

    private async Task<int> MeetingCountAsync()
    {
        await using var db = await _app.OpenDbAsync();
        return await db.Meetings.CountAsync();
    }

    [Fact]
    public async Task The_organizers_meeting_belongs_to_their_commune_and_the_other_commune_never_sees_it()
    {
        var (id, error) = await PreparationPlans.CreateAsync(_app.Commands, VanPhong, Form());
        Assert.Null(error);
        var meeting = await _app.LoadAsync(id!.Value);

        Assert.Equal(DemoUnits.GiaoMinhId, meeting.UnitId);
        Assert.Equal(MeetingKind.Thematic, meeting.Kind);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 14, 0, 0, Clock.VietnamOffset), meeting.ScheduledStart);
        Assert.Equal(["Quản lý đất đai", "Xây dựng nông thôn mới"], meeting.ContentAreas);
        Assert.Equal(["Xóm 1", "Xóm 2", "Hội Nông dân xã"], meeting.Places);
        Assert.Equal(2, meeting.Chairs.Count);
        Assert.Equal(7, meeting.InvitationNoticeDays);
        Assert.Empty(meeting.PreparationMarks);

        using var own = await _app.SignedInClientAsync("vanphong");
        using var other = await _app.SignedInClientAsync("giaohoa");
        var page = await own.GetAsync($"/preparation/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(meeting.Title, await page.Content.ReadAsStringAsync());
        Assert.Contains($"/preparation/{id}", await own.GetStringAsync("/"));

        var hidden = await other.GetAsync($"/preparation/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(meeting.Title, await hidden.Content.ReadAsStringAsync());
        Assert.DoesNotContain(id.ToString()!, await other.GetStringAsync("/"));

        // Nor can the other commune's office change it through the commands the page uses.
        var mark = await PreparationPlans.MarkDoneAsync(_app.Commands, id.Value, GiaoHoa, PreparationTimeline.Collect);
        var edit = await PreparationPlans.EditAsync(_app.Commands, id.Value, GiaoHoa, Form("Tên khác"));
        Assert.Equal(MeetingCommands.MeetingNotFound, mark.Error);
        Assert.Equal(MeetingCommands.MeetingNotFound, edit.Error);
        var after = await _app.LoadAsync(id.Value);
        Assert.Equal(meeting.Title, after.Title);
        Assert.Empty(after.PreparationMarks);
    }

    [Fact]
    public async Task The_other_communes_office_creates_in_its_own_commune()
    {
        var (id, error) = await PreparationPlans.CreateAsync(_app.Commands, GiaoHoa, Form("Hội nghị đối thoại xã Giao Hòa năm 2026"));
        Assert.Null(error);
        Assert.Equal(DemoUnits.GiaoHoaId, (await _app.LoadAsync(id!.Value)).UnitId);

        using var giaoMinh = await _app.SignedInClientAsync("vanphong");
        Assert.Equal(HttpStatusCode.NotFound, (await giaoMinh.GetAsync($"/preparation/{id}")).StatusCode);
        using var province = await _app.SignedInClientAsync("tinh");
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/preparation/{id}")).StatusCode);
    }

    [Fact]
    public async Task Other_roles_and_incomplete_plans_are_refused_in_Vietnamese_and_nothing_is_stored()
    {
        var before = await MeetingCountAsync();

        var reception = await PreparationPlans.CreateAsync(_app.Commands, TestApp.Staff(StaffRoles.Reception, "tiepnhan"), Form());
        Assert.Equal(MeetingCommands.NoPermission, reception.Error);

        var noDate = Form();
        noDate.Date = null;
        Assert.Contains("Hãy chọn ngày họp", (await PreparationPlans.CreateAsync(_app.Commands, VanPhong, noDate)).Error);

        var noChairName = Form();
        noChairName.Chairs = [new ChairRow { Title = "Chủ tịch UBND xã" }];
        Assert.Contains("Hãy ghi họ tên người chủ trì", (await PreparationPlans.CreateAsync(_app.Commands, VanPhong, noChairName)).Error);

        var noVenue = Form();
        noVenue.Venue = "  ";
        Assert.Contains("Hãy ghi địa điểm", (await PreparationPlans.CreateAsync(_app.Commands, VanPhong, noVenue)).Error);

        Assert.Equal(before, await MeetingCountAsync());
    }

    [Fact]
    public async Task The_plan_is_edited_and_milestones_marked_until_the_meeting_opens()
    {
        var (id, _) = await PreparationPlans.CreateAsync(_app.Commands, VanPhong, Form());
        var meetingId = id!.Value;

        var changed = Form();
        changed.Venue = "Nhà văn hóa xóm 2";
        changed.Time = new TimeSpan(8, 0, 0);
        var edit = await PreparationPlans.EditAsync(_app.Commands, meetingId, VanPhong, changed);
        Assert.True(edit.Ok, edit.Error);
        Assert.Equal(["địa điểm (Nhà văn hóa xóm 2)", "thời gian (08:00 10/12/2026)"], edit.Value);

        Assert.True((await PreparationPlans.MarkDoneAsync(_app.Commands, meetingId, VanPhong, PreparationTimeline.Collect)).Ok);
        var twice = await PreparationPlans.MarkDoneAsync(_app.Commands, meetingId, VanPhong, PreparationTimeline.Collect);
        Assert.Contains("đã được đánh dấu xong", twice.Error);
        var chair = await PreparationPlans.MarkDoneAsync(_app.Commands, meetingId, Hall.Chair, PreparationTimeline.Invite);
        Assert.Equal(MeetingCommands.NoPermission, chair.Error);

        var stored = await _app.LoadAsync(meetingId);
        Assert.Equal("Nhà văn hóa xóm 2", stored.Venue);
        var mark = Assert.Single(stored.PreparationMarks);
        Assert.Equal((PreparationTimeline.Collect, "vanphong"), (mark.Key, mark.By));
        var journal = await _app.JournalAfterAsync(meetingId, 0);
        // Creating the meeting is journalled first (staff only), through the same command path.
        Assert.Equal([EventKinds.MeetingCreated, Meeting.PlanEditedEvent, Meeting.PreparationMarkedEvent], journal.Select(e => e.Kind));
        Assert.True(journal[0].StaffOnly);
        Assert.True(journal[2].StaffOnly);

        await _app.MustAsync(meetingId, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var late = await PreparationPlans.EditAsync(_app.Commands, meetingId, VanPhong, Form("Tên mới"));
        Assert.False(late.Ok);
        Assert.Contains("Hội nghị đang diễn ra: không sửa kế hoạch", late.Error);
        Assert.Equal(stored.Title, (await _app.LoadAsync(meetingId)).Title);
    }
}
