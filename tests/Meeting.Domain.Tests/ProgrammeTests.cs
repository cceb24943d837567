using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>The programme is the meeting's own: ready ones from the seeds, then steps renamed, added, dropped, reordered.</summary>
public class ProgrammeTests
{
    private static Meeting Planned()
    {
        var meeting = Draft();
        meeting.Announce();
        return meeting;
    }

    [Fact]
    public void The_seeds_programmes_are_ready_to_use_and_only_the_standard_one_reads_the_collected_answers()
    {
        var meeting = Planned();
        Assert.Equal(8, meeting.Agenda.Count);
        Assert.Equal([StandardAgenda.CollectedAnswersStep], meeting.Agenda.Where(s => s.ReportsCollectedAnswers).Select(s => s.Number));

        meeting.UseAgendaTemplate("phuong-7");
        Assert.Equal(Enumerable.Range(1, 7), meeting.Agenda.Select(s => s.Number));
        Assert.Contains(meeting.Agenda, s => s.Title.StartsWith("Chủ tịch Ủy ban MTTQ tham gia ý kiến", StringComparison.Ordinal));
        Assert.DoesNotContain(meeting.Agenda, s => s.ReportsCollectedAnswers);

        meeting.UseAgendaTemplate("xa-6");
        Assert.Equal(6, meeting.Agenda.Count);
        Assert.Equal("Chủ trì phát biểu, tiếp thu ý kiến và kết luận hội nghị", meeting.Agenda.Single(s => s.Number == 6).Title);
        Refused.AndUnchanged(meeting, "Không có mẫu chương trình này", () => meeting.UseAgendaTemplate("khong-co"));
    }

    [Fact]
    public void Steps_are_added_renamed_moved_and_dropped_and_the_numbers_stay_one_to_n()
    {
        var meeting = Planned();
        meeting.UseAgendaTemplate("xa-6");
        var added = meeting.AddStep("  Chủ tịch Ủy ban MTTQ xã tham gia ý kiến  ", 10);
        Assert.Equal((7, "Chủ tịch Ủy ban MTTQ xã tham gia ý kiến"), (added.Number, added.Title));

        meeting.MoveStep(7, 5);
        Assert.Equal(5, added.Number);
        Assert.Equal("Chủ trì phát biểu, tiếp thu ý kiến và kết luận hội nghị", meeting.Agenda.Single(s => s.Number == 7).Title);

        meeting.EditStep(5, "Chủ tịch Ủy ban MTTQ tham gia ý kiến (nếu có)", 5);
        meeting.RemoveStep(2);
        Assert.Equal(Enumerable.Range(1, 6), meeting.Agenda.Select(s => s.Number).Order());
        Assert.Equal((4, "Chủ tịch Ủy ban MTTQ tham gia ý kiến (nếu có)", 5), (added.Number, added.Title, added.PlannedMinutes));
    }

    [Theory]
    [InlineData("empty-title", "Tên bước cần từ 1 đến 300 ký tự")]
    [InlineData("zero-minutes", "Thời lượng dự kiến từ 1 đến 240 phút")]
    [InlineData("move-nowhere", "Chương trình không có bước 9")]
    [InlineData("drop-missing", "Chương trình không có bước 12")]
    public void A_bad_change_is_refused_in_Vietnamese_and_changes_nothing(string what, string phrase)
    {
        var meeting = Planned();
        Action change = what switch
        {
            "empty-title" => () => meeting.AddStep(" ", 10),
            "zero-minutes" => () => meeting.EditStep(1, "Khai mạc", 0),
            "move-nowhere" => () => meeting.MoveStep(1, 9),
            "drop-missing" => () => meeting.RemoveStep(12),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        Refused.AndUnchanged(meeting, phrase, change);
    }

    [Fact]
    public void Once_the_meeting_runs_what_happened_stays_and_the_rest_can_still_change()
    {
        var meeting = Planned();
        meeting.Start(T0);
        meeting.GoToStep(3, At(600), confirmGoingBack: false);

        Refused.AndUnchanged(meeting, "Bước 2 đã diễn ra hoặc đã qua", () => meeting.RemoveStep(2)); // passed over
        Refused.AndUnchanged(meeting, "Bước 3 đã diễn ra hoặc đã qua", () => meeting.RemoveStep(3)); // under way
        Refused.AndUnchanged(meeting, "Chỉ đổi chỗ các bước chưa diễn ra", () => meeting.MoveStep(6, 2));
        Refused.AndUnchanged(meeting, "Hội nghị đã khai mạc", () => meeting.UseAgendaTemplate("xa-6"));

        meeting.MoveStep(8, 4);
        meeting.RemoveStep(5);
        meeting.AddStep("Chủ tịch Ủy ban MTTQ tham gia ý kiến", 10);
        Assert.Equal(3, meeting.CurrentStepNumber);
        Assert.Equal(8, meeting.Agenda.Count);
        Assert.Equal(Enumerable.Range(1, 8), meeting.Agenda.Select(s => s.Number).Order());

        meeting.End(At(3600));
        Refused.AndUnchanged(meeting, "Hội nghị đã kết thúc", () => meeting.AddStep("Thêm", 5));
    }

    [Fact]
    public void One_to_three_chairs_are_named_in_the_documents_as_one_sentence()
    {
        var meeting = Meeting.Create(Plan() with
        {
            Chairs = [new("Trần Văn Hùng", "Bí thư Đảng ủy"), new("Lê Thị Mai", "Phó Bí thư, Chủ tịch UBND"), new("Phạm Văn Long", "Phó Bí thư Thường trực")],
        });
        Assert.Equal("đồng chí Trần Văn Hùng, Bí thư Đảng ủy; đồng chí Lê Thị Mai, Phó Bí thư, Chủ tịch UBND và đồng chí Phạm Văn Long, Phó Bí thư Thường trực",
            MinutesDraft.Chairs(meeting));
    }
}
