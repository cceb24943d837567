using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class MeetingPlanTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();

    /// <summary>Tuesday 05/05/2026 at 14:00: collect by 21/04, invitations by 23/04, classify by 28/04 (see PreparationTimelineTests).</summary>
    private static readonly DateTimeOffset MayFifth = new(2026, 5, 5, 14, 0, 0, Clock.VietnamOffset);

    private static DateTimeOffset OnDay(int month, int day) => new(2026, month, day, 9, 0, 0, Clock.VietnamOffset);

    private static Meeting Planned(MeetingKind kind = MeetingKind.Periodic) => Meeting.Create(Plan() with { Kind = kind, ScheduledStart = MayFifth });

    private static string State(Meeting m) =>
        string.Join("|", m.Title, m.Kind, m.Venue, m.ScheduledStart, m.ExpectedAttendance, m.PlanNumber, m.Content, m.HostOffice, m.Audience,
            string.Join(",", m.Chairs), string.Join(",", m.Places), m.InvitationNoticeDays, string.Join(",", m.PreparationMarks),
            m.PendingEvents.Count, m.Status);

    [Fact]
    public void Create_cleans_the_plan_one_content_area_per_line_and_keeps_the_notice()
    {
        var meeting = Meeting.Create(Plan() with
        {
            Title = "  Hội nghị   đối thoại  ",
            Chairs = [new ChairPerson(" Trần Văn Hùng ", "Bí thư Đảng ủy"), new ChairPerson("", "")],
            Content = "- Công tác lãnh đạo, chỉ đạo\r\n\r\n+ Quản lý đất đai,  tài chính ngân sách\n",
            PlacesList = ["Xóm 1", " xóm 1 ", "Xóm 2", ""],
            InvitationNoticeDays = 7,
        });

        Assert.Equal("Hội nghị đối thoại", meeting.Title);
        Assert.Equal([new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")], meeting.Chairs);
        Assert.Equal(["Công tác lãnh đạo, chỉ đạo", "Quản lý đất đai, tài chính ngân sách"], meeting.ContentAreas);
        Assert.Equal(["Xóm 1", "Xóm 2"], meeting.Places);
        Assert.Equal(7, meeting.InvitationNoticeDays);
        Assert.Equal(5, Meeting.Create(Plan()).InvitationNoticeDays);
    }

    [Theory]
    [InlineData("", "Hội nghị cần có tên")]
    [InlineData("no-chair", "từ một đến 3 người chủ trì")]
    [InlineData("four-chairs", "từ một đến 3 người chủ trì")]
    [InlineData("chair-without-name", "Hãy ghi họ tên người chủ trì")]
    [InlineData("same-chairs", "trùng tên")]
    [InlineData("no-venue", "Hãy ghi địa điểm")]
    [InlineData("no-attendance", "Số người dự kiến tham dự phải từ 1")]
    [InlineData("notice-6", "5 hoặc 7 ngày làm việc")]
    [InlineData("no-time", "Hãy chọn ngày và giờ họp")]
    public void A_bad_plan_is_refused_in_Vietnamese_at_creation_and_when_edited_and_nothing_changes(string what, string phrase)
    {
        var plan = Plan() with { ScheduledStart = MayFifth };
        var bad = what switch
        {
            "" => plan with { Title = "   " },
            "no-chair" => plan with { Chairs = [] },
            "four-chairs" => plan with { Chairs = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")] },
            "chair-without-name" => plan with { Chairs = [new("", "Chủ tịch UBND xã")] },
            "same-chairs" => plan with { Chairs = [new("Lê Thị Mai", "Chủ tịch UBND"), new("Trần Văn Hùng", "Bí thư"), new("Tran Van Hung", "Chủ tịch")] },
            "no-venue" => plan with { Venue = " " },
            "no-attendance" => plan with { ExpectedAttendance = 0 },
            "notice-6" => plan with { InvitationNoticeDays = 6 },
            "no-time" => plan with { ScheduledStart = default },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        Refused.With(phrase, () => Meeting.Create(bad));

        var meeting = Meeting.Create(plan);
        var before = State(meeting);
        Refused.AndUnchanged(meeting, phrase, () => meeting.EditPlan(bad));
        Assert.Equal(before, State(meeting));
    }

    [Fact]
    public void The_plan_is_edited_before_the_meeting_and_the_journal_says_what_changed()
    {
        var meeting = Planned();
        meeting.Announce();
        meeting.TakeEvents();
        var unit = meeting.UnitId;

        var changed = meeting.EditPlan(Plan() with
        {
            ScheduledStart = MayFifth.AddDays(1),
            Venue = "Nhà văn hóa thôn Đông",
            Kind = MeetingKind.Thematic,
            InvitationNoticeDays = 7,
            UnitId = Guid.NewGuid(),
        });

        Assert.Equal(["loại (chuyên đề)", "địa điểm (Nhà văn hóa thôn Đông)", "thời gian (14:00 06/05/2026)", "gửi giấy mời trước 7 ngày làm việc"], changed);
        Assert.Equal("Nhà văn hóa thôn Đông", meeting.Venue);
        Assert.Equal(new DateOnly(2026, 5, 6), meeting.MeetingDate);
        Assert.Equal(unit, meeting.UnitId); // the unit never moves with the plan
        var edited = Assert.Single(meeting.TakeEvents());
        Assert.Equal(Meeting.PlanEditedEvent, edited.Kind);
        Assert.Contains("địa điểm (Nhà văn hóa thôn Đông)", edited.Text);

        // Saving the same plan again changes nothing and says nothing.
        Assert.Empty(meeting.EditPlan(Plan() with { ScheduledStart = MayFifth.AddDays(1), Venue = "Nhà văn hóa thôn Đông", Kind = MeetingKind.Thematic, InvitationNoticeDays = 7 }));
        Assert.Empty(meeting.PendingEvents);
    }

    [Fact]
    public void The_plan_cannot_be_edited_once_the_meeting_is_open_or_over()
    {
        var live = Live();
        Refused.AndUnchanged(live, "Hội nghị đang diễn ra: không sửa kế hoạch", () => live.EditPlan(Plan() with { Venue = "Nơi khác" }));
        Assert.False(live.CanEditPlan);
        Assert.Equal(Plan().Venue, live.Venue);

        live.End(T0.AddHours(3));
        live.TakeEvents();
        Refused.AndUnchanged(live, "Hội nghị đã kết thúc: không sửa kế hoạch", () => live.EditPlan(Plan()));
    }

    [Fact]
    public void Milestones_are_marked_done_and_undone_and_the_timeline_shows_it()
    {
        var meeting = Planned();
        meeting.TakeEvents();

        var mark = meeting.MarkPreparationDone(PreparationTimeline.Collect, OnDay(4, 20), " vanphong ");
        Assert.Equal(new PreparationMark(PreparationTimeline.Collect, new DateOnly(2026, 4, 20), "vanphong"), mark);
        var marked = Assert.Single(meeting.TakeEvents());
        Assert.Equal(Meeting.PreparationMarkedEvent, marked.Kind);
        Assert.True(marked.StaffOnly);
        Assert.Equal("Đã xong: Thu thập, tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị (ngày 20/04/2026).", marked.Text);

        var timeline = meeting.Timeline(Calendar);
        var today = new DateOnly(2026, 4, 24);
        Assert.Equal(
            [(PreparationTimeline.Collect, MilestoneState.Done), (PreparationTimeline.Invite, MilestoneState.Late), (PreparationTimeline.Classify, MilestoneState.Upcoming)],
            timeline.Select(m => (m.Key, m.StateOn(today))));

        // Done yesterday, recorded today.
        meeting.MarkPreparationDone(PreparationTimeline.Invite, OnDay(4, 24), "vanphong", new DateOnly(2026, 4, 23));
        Assert.Equal(MilestoneState.Done, meeting.Timeline(Calendar).Single(m => m.Key == PreparationTimeline.Invite).StateOn(today));

        meeting.UndoPreparationDone(PreparationTimeline.Collect);
        Assert.Equal(MilestoneState.Late, meeting.Timeline(Calendar).Single(m => m.Key == PreparationTimeline.Collect).StateOn(today));
        Assert.Equal([PreparationTimeline.Invite], meeting.PreparationMarks.Select(m => m.Key));
        Assert.Equal(Meeting.PreparationUnmarkedEvent, meeting.TakeEvents().Last().Kind);
    }

    [Fact]
    public void Wrong_marks_are_refused_and_change_nothing()
    {
        var meeting = Planned();
        meeting.MarkPreparationDone(PreparationTimeline.Collect, OnDay(4, 20), "vanphong");
        meeting.TakeEvents();
        var before = State(meeting);

        Refused.With("đã được đánh dấu xong ngày 20/04/2026", () => meeting.MarkPreparationDone(PreparationTimeline.Collect, OnDay(4, 21), "vanphong"));
        Refused.With("Không có mốc chuẩn bị này", () => meeting.MarkPreparationDone("rehearsal", OnDay(4, 21), "vanphong"));
        Refused.With("không được sau hôm nay", () => meeting.MarkPreparationDone(PreparationTimeline.Invite, OnDay(4, 21), "vanphong", new DateOnly(2026, 4, 22)));
        Refused.With("chưa được đánh dấu xong", () => meeting.UndoPreparationDone(PreparationTimeline.Classify));
        Assert.Equal(before, State(meeting));

        var adHoc = Planned(MeetingKind.AdHoc);
        Assert.Empty(adHoc.Timeline(Calendar));
        Refused.AndUnchanged(adHoc, "Hội nghị đột xuất không có mốc chuẩn bị", () => adHoc.MarkPreparationDone(PreparationTimeline.Collect, OnDay(4, 20), "vanphong"));
    }

    [Fact]
    public void The_seven_day_notice_moves_the_invitation_deadline()
    {
        var meeting = Meeting.Create(Plan() with { ScheduledStart = MayFifth, InvitationNoticeDays = 7 });
        var invite = meeting.Timeline(Calendar).Single(m => m.Key == PreparationTimeline.Invite);
        Assert.Equal(7, invite.WorkingDaysBefore);
        Assert.Equal(new DateOnly(2026, 4, 21), invite.Due);
    }
}
