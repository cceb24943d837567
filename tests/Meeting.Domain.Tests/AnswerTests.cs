using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class AnswerTests
{
    private static readonly DepartmentRef Economy = Department("Phòng Kinh tế");
    private static readonly DepartmentRef PublicService = Department("Trung tâm phục vụ hành chính công");
    private static readonly DepartmentRef Police = Department("Công an xã");

    /// <summary>A live meeting where Nguyễn Văn An has spoken; his opinion waits for an answer.</summary>
    private static Meeting MeetingWithSpokenOpinion(out Opinion opinion)
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);
        opinion = meeting.OpinionOf(an)!;
        meeting.TakeEvents();
        return meeting;
    }

    // --- assigning departments ---

    [Fact]
    public void AssignDepartments_makes_one_lead_and_the_others_coordinators()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        var added = meeting.AssignDepartments(opinion.Id, [Economy, PublicService, Police], Economy.Id, At(200));

        Assert.Equal(3, added.Count);
        Assert.Equal(Economy.Id, opinion.LeadAssignment!.DepartmentId);
        Assert.Equal(2, opinion.Assignments.Count(a => !a.IsLead));
        Assert.All(opinion.Assignments, a => Assert.Equal(At(200), a.AssignedAt));
        Assert.Contains("Giao Phòng Kinh tế chủ trì trả lời ý kiến số 1, phối hợp: Trung tâm phục vụ hành chính công, Công an xã",
            meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void AssignDepartments_with_a_new_lead_demotes_the_previous_lead()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.AssignDepartments(opinion.Id, [Economy], Economy.Id, At(200));

        meeting.AssignDepartments(opinion.Id, [Police], Police.Id, At(210));

        Assert.Equal(Police.Id, opinion.LeadAssignment!.DepartmentId);
        Assert.Single(opinion.Assignments, a => a.IsLead);
    }

    [Fact]
    public void AssignDepartments_can_make_an_existing_coordinator_the_lead()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.AssignDepartments(opinion.Id, [Economy, PublicService], Economy.Id, At(200));

        meeting.AssignDepartments(opinion.Id, [PublicService, Police], PublicService.Id, At(210));

        Assert.Contains("Giao Trung tâm phục vụ hành chính công chủ trì", meeting.PendingEvents[^1].Text);
        Assert.Equal(PublicService.Id, opinion.LeadAssignment!.DepartmentId);
        Assert.Single(opinion.Assignments, a => a.IsLead);
    }

    [Fact]
    public void AssignDepartments_is_refused_for_the_opinion_of_a_rejected_request()
    {
        var meeting = Live();
        var request = meeting.Submit(Request(), At(10));
        meeting.Reject(request.Id, "Đơn thư khiếu nại", At(20));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đã bị từ chối hoặc rút, không thể giao trả lời",
            () => meeting.AssignDepartments(request.OpinionId!.Value, [Economy], Economy.Id, At(30)));
        Assert.Empty(meeting.OpinionOf(request)!.Assignments);
    }

    [Fact]
    public void AssignDepartments_with_no_departments_is_refused()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        Refused.AndUnchanged(meeting, "Hãy chọn ít nhất một phòng, ban",
            () => meeting.AssignDepartments(opinion.Id, [], Economy.Id, At(200)));
    }

    [Fact]
    public void AssignDepartments_with_a_lead_not_among_the_departments_is_refused()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        Refused.AndUnchanged(meeting, "phòng, ban chủ trì trả lời trong số các phòng, ban được giao",
            () => meeting.AssignDepartments(opinion.Id, [Economy, PublicService], Police.Id, At(200)));
        Assert.Empty(opinion.Assignments);
    }

    // --- outcome ---

    [Fact]
    public void SetOutcome_is_refused_while_the_opinion_turn_is_running()
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.CallNext(At(60));
        meeting.StartTimer(At(60));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đang trong lượt phát biểu hoặc trả lời",
            () => meeting.SetOutcome(an.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, At(90)));
        Assert.Equal(OpinionOutcome.None, meeting.OpinionOf(an)!.Outcome);
    }

    [Fact]
    public void SetOutcome_after_the_turn_records_it_and_releases_the_focus()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        Assert.Equal(opinion.Id, meeting.FocusOpinionId);

        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(300));

        Assert.Equal(OpinionOutcome.AnsweredAtMeeting, opinion.Outcome);
        Assert.Equal(At(300), opinion.OutcomeAt);
        Assert.Null(meeting.FocusOpinionId);
        Assert.Contains("Ý kiến số 1 (Nguyễn Văn An): Đã trả lời tại hội nghị", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void SetOutcome_NotedOutOfTopic_marks_the_opinion_out_of_topic()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        meeting.SetOutcome(opinion.Id, OpinionOutcome.NotedOutOfTopic, At(300));

        Assert.True(opinion.IsOutOfTopic);
        Assert.Equal(Authority.Within, opinion.Authority);
    }

    [Fact]
    public void SetOutcome_ForwardedToLevelAbove_sets_authority_to_the_level_above()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        meeting.SetOutcome(opinion.Id, OpinionOutcome.ForwardedToLevelAbove, At(300));

        Assert.Equal(Authority.LevelAbove, opinion.Authority);
        Assert.False(opinion.IsOutOfTopic);
    }

    // --- staff notes ---

    [Fact]
    public void AddStaffNote_stores_the_note_and_raises_a_staff_only_event()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        var note = meeting.AddStaffNote(opinion.Id, " Phạm  Thu Hà ", "Đường này đã có trong kế hoạch vốn năm 2026.", At(150));

        Assert.Same(note, Assert.Single(opinion.Notes));
        Assert.Equal("Phạm Thu Hà", note.Author);
        var added = Assert.Single(meeting.PendingEvents);
        Assert.Equal(EventKinds.StaffNoteAdded, added.Kind);
        Assert.True(added.StaffOnly);
        Assert.DoesNotContain("kế hoạch vốn", added.Text);
    }

    [Fact]
    public void AddStaffNote_sent_again_with_its_id_after_a_lost_reply_is_the_same_note_not_a_second()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        var id = Guid.NewGuid();

        var first = meeting.AddStaffNote(opinion.Id, "Thư ký", "Hộ này đã được hỗ trợ năm 2025.", At(150), id);
        var again = meeting.AddStaffNote(opinion.Id, "Thư ký", "Hộ này đã được hỗ trợ năm 2025.", At(151), id);
        var other = meeting.AddStaffNote(opinion.Id, "Thư ký", "Hộ này đã được hỗ trợ năm 2025.", At(152), Guid.NewGuid());

        Assert.Same(first, again);
        Assert.Equal((id, At(150)), (first.Id, first.At));
        Assert.Equal([first, other], opinion.Notes);
        Assert.Equal(2, meeting.PendingEvents.Count);
    }

    [Fact]
    public void AddStaffNote_that_is_empty_is_refused()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        Refused.AndUnchanged(meeting, "Ghi chú trống", () => meeting.AddStaffNote(opinion.Id, "Hà", "   ", At(150)));
        Assert.Empty(opinion.Notes);
    }

    [Fact]
    public void SetOutcome_corrected_by_the_chair_drops_the_earlier_classification()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.SetOutcome(opinion.Id, OpinionOutcome.ForwardedToLevelAbove, At(200));
        meeting.SetOutcome(opinion.Id, OpinionOutcome.NotedOutOfTopic, At(210));
        Assert.Equal(Authority.Within, opinion.Authority);
        Assert.True(opinion.IsOutOfTopic);

        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(220));

        Assert.False(opinion.IsOutOfTopic);
        Assert.Equal(OpinionOutcome.AnsweredAtMeeting, opinion.Outcome);
    }
}
