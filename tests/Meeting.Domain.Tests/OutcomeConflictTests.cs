using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>
/// Two seats choosing for the same opinion at once: a command carries what its person saw, and is refused when that
/// changed meanwhile — it never silently replaces another seat's choice.
/// </summary>
public class OutcomeConflictTests
{
    private static readonly DepartmentRef Economy = Department("Phòng Kinh tế");
    private static readonly DepartmentRef Police = Department("Công an xã");

    /// <summary>A live meeting where Nguyễn Văn An has spoken; his opinion waits for an outcome.</summary>
    private static Meeting MeetingWithSpokenOpinion(out Opinion opinion)
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);
        opinion = meeting.OpinionOf(an)!;
        meeting.TakeEvents();
        return meeting;
    }

    private static (OpinionOutcome, DateTimeOffset?, string?) OutcomeOf(Opinion o) => (o.Outcome, o.OutcomeAt, o.OutcomeBy);

    [Fact]
    public void SetOutcome_records_who_chose_it()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);

        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnswerInWriting, At(300), expected: OpinionOutcome.None, by: "  chutri ");

        Assert.Equal((OpinionOutcome.AnswerInWriting, At(300), "chutri"), OutcomeOf(opinion));
        Assert.Single(meeting.PendingEvents, e => e.Kind == EventKinds.OutcomeSet);
    }

    [Fact]
    public void SetOutcome_is_refused_when_another_seat_recorded_a_different_outcome_meanwhile()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(300), expected: OpinionOutcome.None, by: "phochutri");
        meeting.TakeEvents();
        var before = OutcomeOf(opinion);

        var error = Refused.AndUnchanged(meeting, "vừa được ghi kết quả",
            () => meeting.SetOutcome(opinion.Id, OpinionOutcome.AnswerInWriting, At(301), expected: OpinionOutcome.None, by: "chutri"));

        Assert.Equal("Ý kiến số 1 vừa được ghi kết quả “Đã trả lời tại hội nghị” lúc 14:05 bởi phochutri. Hãy xem lại rồi chọn lại nếu cần đổi.",
            error.Message);
        Assert.Equal(before, OutcomeOf(opinion));
        Assert.Empty(meeting.PendingEvents);
    }

    [Fact]
    public void SetOutcome_refusal_without_a_recorded_name_still_names_the_outcome_and_time()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.SetOutcome(opinion.Id, OpinionOutcome.ForwardedToLevelAbove, At(300));
        meeting.TakeEvents();

        var error = Refused.AndUnchanged(meeting, "vừa được ghi kết quả “Chuyển cấp trên” lúc 14:05.",
            () => meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(301), expected: OpinionOutcome.None));

        Assert.DoesNotContain("bởi", error.Message);
        Assert.Equal(OpinionOutcome.ForwardedToLevelAbove, opinion.Outcome);
    }

    [Fact]
    public void SetOutcome_twice_with_the_same_outcome_is_harmless_and_raises_one_event()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(300), expected: OpinionOutcome.None, by: "chutri");

        // The double tap, or the co-chair choosing the same at the same moment: what they saw is stale, but agrees.
        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(302), expected: OpinionOutcome.None, by: "phochutri");

        Assert.Equal((OpinionOutcome.AnsweredAtMeeting, At(300), "chutri"), OutcomeOf(opinion));
        Assert.Single(meeting.PendingEvents, e => e.Kind == EventKinds.OutcomeSet);
    }

    [Fact]
    public void SetOutcome_corrects_the_outcome_the_person_saw()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.SetOutcome(opinion.Id, OpinionOutcome.NotedOutOfTopic, At(300), expected: OpinionOutcome.None, by: "phochutri");

        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnswerInWriting, At(360), expected: OpinionOutcome.NotedOutOfTopic, by: "chutri");

        Assert.Equal((OpinionOutcome.AnswerInWriting, At(360), "chutri"), OutcomeOf(opinion));
        Assert.False(opinion.IsOutOfTopic);
    }

    [Fact]
    public void SetOutcome_without_an_expected_outcome_keeps_the_script_behaviour()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnsweredAtMeeting, At(300), by: "chutri");

        meeting.SetOutcome(opinion.Id, OpinionOutcome.AnswerInWriting, At(310));

        Assert.Equal((OpinionOutcome.AnswerInWriting, At(310), (string?)null), OutcomeOf(opinion));
    }

    [Fact]
    public void SetOutcome_refusal_for_a_running_turn_comes_before_the_conflict_check()
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.CallNext(At(60));
        meeting.StartTimer(At(60));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đang trong lượt phát biểu hoặc trả lời",
            () => meeting.SetOutcome(an.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, At(90), expected: OpinionOutcome.AnswerInWriting));
        Assert.Equal(OpinionOutcome.None, meeting.OpinionOf(an)!.Outcome);
    }

    // --- the lead department: the same rule ---

    [Fact]
    public void AssignDepartments_is_refused_when_another_seat_named_a_lead_meanwhile()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.AssignDepartments(opinion.Id, [Economy], Economy.Id, At(200), new SeenLead(null));
        meeting.TakeEvents();

        var error = Refused.AndUnchanged(meeting, "vừa được giao Phòng Kinh tế chủ trì trả lời (lúc 14:03)",
            () => meeting.AssignDepartments(opinion.Id, [Police], Police.Id, At(201), new SeenLead(null)));

        Assert.Contains("Ý kiến số 1", error.Message);
        var lead = Assert.Single(opinion.Assignments);
        Assert.Equal((Economy.Id, true), (lead.DepartmentId, lead.IsLead));
        Assert.Empty(meeting.PendingEvents);
    }

    [Fact]
    public void AssignDepartments_adds_to_the_lead_the_person_saw()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.AssignDepartments(opinion.Id, [Economy], Economy.Id, At(200), new SeenLead(null));

        meeting.AssignDepartments(opinion.Id, [Police], Police.Id, At(260), new SeenLead(Economy.Id));

        Assert.Equal(Police.Id, opinion.LeadAssignment!.DepartmentId);
        Assert.Equal(2, opinion.Assignments.Count);
    }

    [Fact]
    public void AssignDepartments_sent_twice_keeps_its_own_refusal_not_the_conflict()
    {
        var meeting = MeetingWithSpokenOpinion(out var opinion);
        meeting.AssignDepartments(opinion.Id, [Economy], Economy.Id, At(200), new SeenLead(null));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đã được giao ý kiến này, với cùng phòng, ban chủ trì",
            () => meeting.AssignDepartments(opinion.Id, [Economy], Economy.Id, At(201), new SeenLead(null)));
        Assert.Single(opinion.Assignments);
    }
}
