namespace DoiThoai.Domain.Tests;

public class FollowUpItemTests
{
    private static readonly DateOnly Notice = new(2026, 12, 7);
    private static readonly DateOnly Deadline = new(2026, 12, 28);

    private static FollowUpItem Item()
    {
        var meeting = TestMeetings.Live();
        var raised = meeting.Submit(TestMeetings.Request("Phạm Thị Hoa", "Xóm 7"), TestMeetings.At(10));
        return new FollowUpItem(Guid.NewGuid(), meeting.Id, meeting.Title, meeting.Opinions.Single(o => o.Id == raised.OpinionId),
            Guid.NewGuid(), "Phòng Kinh tế", Notice, Deadline, raised.StatusToken);
    }

    [Fact]
    public void Status_goes_from_not_answered_to_in_progress_to_answered_and_overdue_is_read_against_the_deadline()
    {
        var item = Item();
        Assert.Equal(FollowUpState.NotAnswered, item.StateOn(Deadline));
        Assert.Equal(FollowUpState.Overdue, item.StateOn(Deadline.AddDays(1)));

        item.StartProcessing("phongban", TestMeetings.At(100));
        Assert.Equal(FollowUpState.InProgress, item.StateOn(Deadline));
        Assert.Equal(FollowUpState.Overdue, item.StateOn(Deadline.AddDays(1)));

        item.RecordAnswer("Đã khảo sát, sẽ sửa đường trong quý I/2027.", "15/CV-KT", new DateOnly(2026, 12, 20), "cv15.pdf", "files/cv15.pdf",
            "phongban", TestMeetings.At(200), new DateOnly(2026, 12, 21));
        Assert.Equal(FollowUpState.Answered, item.StateOn(Deadline.AddDays(30)));
        Assert.False(item.AnsweredLate);
        Assert.Equal(("15/CV-KT", "cv15.pdf", "phongban"), (item.AnswerReference, item.AttachmentName, item.RecordedBy));
        Assert.Contains("đã được trả lời", Assert.Throws<MeetingRuleException>(() => item.StartProcessing("x", TestMeetings.At(300))).Message);
    }

    [Theory]
    [InlineData("", "2026-12-20", "nội dung trả lời")]
    [InlineData("Trả lời.", null, "ngày văn bản")]
    [InlineData("Trả lời.", "2026-12-30", "sau hôm nay")]
    [InlineData("Trả lời.", "2026-12-01", "trước ngày thông báo")]
    public void A_bad_answer_is_refused_and_changes_nothing(string text, string? date, string phrase)
    {
        var item = Item();
        var error = Assert.Throws<MeetingRuleException>(() => item.RecordAnswer(text, "1/CV", date is null ? null : DateOnly.Parse(date),
            null, null, "phongban", TestMeetings.At(1), new DateOnly(2026, 12, 21)));
        Assert.Contains(phrase, error.Message);
        Assert.Equal((FollowUpStatus.NotAnswered, (string?)null, (DateOnly?)null), (item.Status, item.AnswerText, item.AnswerDate));
    }

    [Fact]
    public void Most_urgent_come_first()
    {
        var today = new DateOnly(2026, 12, 29);
        var overdue = Item();
        var answered = Item();
        answered.RecordAnswer("Đã trả lời.", null, new DateOnly(2026, 12, 10), null, null, "x", TestMeetings.At(1), today);
        var later = new FollowUpItem(Guid.NewGuid(), Guid.NewGuid(), "Hội nghị khác", TestMeetings.Live().Opinions.FirstOrDefault()
            ?? SubmittedOpinion(), Guid.NewGuid(), "Công an xã", Notice, new DateOnly(2027, 1, 15), null);

        Assert.Equal([overdue, later, answered], FollowUpItem.ByUrgency([answered, later, overdue], today));
    }

    private static Opinion SubmittedOpinion()
    {
        var meeting = TestMeetings.Live();
        var request = meeting.Submit(TestMeetings.Request(), TestMeetings.At(5));
        return meeting.Opinions.Single(o => o.Id == request.OpinionId);
    }
}
