using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>Bế mạc leaves nothing hanging: what is still open is named, then answered in writing.</summary>
public sealed class ClosingTests
{
    private sealed record Hall(Meeting Meeting, SpeakRequest QueuedA, SpeakRequest QueuedB, SpeakRequest Unscreened, SpeakRequest SpokeNoOutcome, SpeakRequest Answered);

    private static Hall Open()
    {
        var m = Live();
        var answered = m.Queue("Trần Văn Bình", "Xóm 1", 10);
        var spoke = m.Queue("Lê Thị Cúc", "Xóm 2", 20);
        m.SpeakNext(100);
        m.SetOutcome(answered.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, At(170));
        m.SpeakNext(200);   // spoke, outcome never recorded
        var a = m.Queue("Phạm Văn Dũng", "Xóm 3", 300);
        var b = m.Queue("Hoàng Thị Em", "Xóm 4", 310);
        var unscreened = m.Submit(Request("Vũ Văn Giang", "Xóm 5"), At(320));
        m.TakeEvents();
        return new Hall(m, a, b, unscreened, spoke, answered);
    }

    [Fact]
    public void Closing_names_what_is_open_then_answers_all_of_it_in_writing_for_the_notice()
    {
        var h = Open();
        var m = h.Meeting;

        var open = m.OpenItems();
        Assert.Equal([h.QueuedA.Id, h.QueuedB.Id], open.Queued.Select(r => r.Id));
        Assert.Equal([h.Unscreened.Id], open.Unscreened.Select(r => r.Id));
        Assert.Equal([h.SpokeNoOutcome.OpinionId!.Value], open.WithoutOutcome.Select(o => o.Id));
        Assert.Equal($"2 phiếu đã duyệt chưa được mời phát biểu (phiếu số {h.QueuedA.Number}, {h.QueuedB.Number}), "
            + $"1 phiếu chưa duyệt (phiếu số {h.Unscreened.Number}), 1 ý kiến chưa ghi kết quả (ý kiến số {m.FindOpinion(h.SpokeNoOutcome.OpinionId!.Value)!.Number})",
            open.Describe());

        var settled = m.End(At(600));

        Assert.Equal(MeetingStatus.Ended, m.Status);
        Assert.Equal(open.Describe(), settled.Describe());
        foreach (var request in new[] { h.QueuedA, h.QueuedB, h.Unscreened })
        {
            Assert.Equal(SpeakRequestStatus.WrittenOnly, request.Status);
            Assert.Equal(OpinionOutcome.AnswerInWriting, m.FindOpinion(request.OpinionId!.Value)!.Outcome);
        }
        Assert.Empty(m.QueuedRequests());
        Assert.Equal(OpinionOutcome.AnswerInWriting, m.FindOpinion(h.SpokeNoOutcome.OpinionId!.Value)!.Outcome);
        Assert.Equal(OpinionOutcome.AnsweredAtMeeting, m.FindOpinion(h.Answered.OpinionId!.Value)!.Outcome);

        // The notice takes up every settled opinion (none answered in the hall), and each still needs a lead department.
        var toAnswer = ConclusionNotice.ToAnswerInWriting(m).Select(o => o.Id).ToHashSet();
        var settledOpinions = new[] { h.QueuedA, h.QueuedB, h.Unscreened, h.SpokeNoOutcome }.Select(r => r.OpinionId!.Value).ToHashSet();
        Assert.Equal(settledOpinions, toAnswer);
        Assert.Equal(settledOpinions, ConclusionNotice.WithoutLead(m).Select(o => o.Id).ToHashSet());

        // One journal line says what closing settled, then the closing itself; nothing is open any more.
        var events = m.TakeEvents();
        Assert.Contains(events, e => e.Kind == EventKinds.OutcomeSet && e.Text.Contains("Khi bế mạc, chuyển trả lời bằng văn bản: " + open.Describe()));
        Assert.Equal(EventKinds.MeetingEnded, events[^1].Kind);
        Assert.True(m.OpenItems().IsEmpty);
    }

    [Fact]
    public void A_meeting_with_nothing_open_closes_without_a_settling_line()
    {
        var m = Live();
        var only = m.Queue("Trần Văn Bình", "Xóm 1", 10);
        m.SpeakNext(100);
        m.SetOutcome(only.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, At(170));
        m.TakeEvents();

        Assert.True(m.OpenItems().IsEmpty);
        Assert.True(m.End(At(600)).IsEmpty);

        var events = m.TakeEvents();
        Assert.DoesNotContain(events, e => e.Kind == EventKinds.OutcomeSet);
        Assert.Equal(EventKinds.MeetingEnded, Assert.Single(events).Kind);
    }

    [Fact]
    public void Closing_during_a_turn_is_refused_and_settles_nothing()
    {
        var h = Open();
        var m = h.Meeting;
        m.CallNext(At(500));
        m.TakeEvents();

        var refused = Assert.Throws<MeetingRuleException>(() => m.End(At(600)));
        Assert.Equal("Còn một lượt đang diễn ra. Hãy kết thúc lượt đó trước khi bế mạc.", refused.Message);
        Assert.Equal(SpeakRequestStatus.Submitted, h.Unscreened.Status);
        Assert.Equal(OpinionOutcome.None, m.FindOpinion(h.SpokeNoOutcome.OpinionId!.Value)!.Outcome);
        Assert.Empty(m.TakeEvents());
    }
}
