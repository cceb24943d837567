using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>The minutes (Mẫu 8) and the conclusion notice (Mẫu 9) built from a played meeting and its journal.</summary>
public class MinutesTests
{
    private static readonly DepartmentRef Economy = Department("Phòng Kinh tế");
    private static readonly DepartmentRef Police = Department("Công an xã");

    private sealed class Played
    {
        public Meeting Meeting { get; } = Draft();
        public List<MeetingEvent> Journal { get; } = [];
        public Opinion First { get; set; } = default!;
        public Opinion Second { get; set; } = default!;

        public void Record() => Journal.AddRange(Meeting.TakeEvents());
    }

    /// <summary>Two delegates invited from a village (one comes), a city guest, a walk-in; two opinions, one answered in the hall.</summary>
    private static Played Play()
    {
        var p = new Played();
        var m = p.Meeting;
        m.Announce();
        var guest = m.AddDelegate("Vũ Đức Bình", "Phó Chủ tịch UBND thành phố", "UBND thành phố", DelegateGroup.CityDelegate);
        var hoa = m.AddDelegate("Phạm Thị Hoa", "Trưởng xóm", "Thôn Tây", DelegateGroup.VillageDelegate);
        m.AddDelegate("Lê Văn Nam", "Bí thư chi bộ", "Thôn Nam", DelegateGroup.VillageDelegate);
        m.Start(T0);
        m.CheckIn(guest.Id, At(-600));
        m.CheckIn(hoa.Id, At(-300));
        m.AddWalkIn("Đỗ Văn Tâm", "Thôn Đông", At(-200));
        m.GoToStep(StandardAgenda.SpeakingStep, At(1800), confirmGoingBack: false);
        m.Queue("Nguyễn Văn An", "Thôn Đông", 1800);
        m.Queue("Trần Thị Bích", "Thôn Nam", 1810);
        p.Record();

        m.SpeakNext(1900);
        m.SpeakNext(2000);
        p.First = m.Opinions.Single(o => o.SubmitterName == "Nguyễn Văn An");
        p.Second = m.Opinions.Single(o => o.SubmitterName == "Trần Thị Bích");
        m.AssignDepartments(p.First.Id, [Economy, Police], Economy.Id, At(2100));
        m.CallDepartment(p.First.LeadAssignment!.Id, At(2110));
        m.FinishTurn(At(2200));
        m.AnswerByChair(p.Second.Id, At(2300));
        m.FinishTurn(At(2350));
        m.SetOutcome(p.Second.Id, OpinionOutcome.AnsweredAtMeeting, At(2400));
        p.Record();
        return p;
    }

    [Fact]
    public void Attendance_lists_every_group_even_one_nobody_came_from_and_its_lines_add_up_to_the_total()
    {
        var p = new Played();
        var m = p.Meeting;
        m.Announce();
        m.AddDelegate("Vũ Đức Bình", "Phó Chủ tịch UBND thành phố", "UBND thành phố", DelegateGroup.CityDelegate);
        m.AddDelegate("Đặng Văn Quân", "", "Thành ủy", DelegateGroup.CityDelegate);
        var citizen = m.AddDelegate("Ngô Thị Lan", "", "Xóm 2", DelegateGroup.People);
        m.AddDelegate("Hà Văn Sơn", "", "Xóm 4", DelegateGroup.People);
        m.Start(T0);
        m.CheckIn(citizen.Id, At(-100));
        m.AddWalkIn("Đỗ Văn Tâm", "Thôn Đông", At(-50));

        var attendance = Text(MinutesDraft.Build(m, p.Journal), MinutesKeys.Attendance);

        Assert.Contains("- Đại biểu thành phố: 0/2 người được mời có mặt.", attendance);
        Assert.Contains("- Nhân dân: 1/2 người được mời có mặt; 1 người đến không có giấy mời.", attendance);
        Assert.Contains("dự hội nghị: 2 người (1/4 người được mời có mặt; 1 người đến không có giấy mời).", attendance);
    }

    [Fact]
    public void A_department_given_before_the_opening_is_said_as_prepared_not_with_a_time_before_the_meeting()
    {
        var p = new Played();
        var m = p.Meeting;
        m.Announce();
        var request = m.Submit(new SpeakRequestDraft("Nguyễn Văn An", "Thôn Đông", OpinionField.Economy, "Đề nghị sửa đường trục xóm.",
            SpeakMode.Speak, OpinionSource.Paper), At(-900));
        m.Approve(request.Id, At(-890));
        var opinion = m.Opinions.Single();
        m.AssignDepartments(opinion.Id, [Economy], Economy.Id, At(-800));
        m.Start(T0);
        m.GoToStep(StandardAgenda.SpeakingStep, At(1800), confirmGoingBack: false);
        m.SpeakNext(1900);
        m.SetOutcome(opinion.Id, OpinionOutcome.AnswerInWriting, At(2000));
        p.Record();

        var answer = Text(MinutesDraft.Build(m, p.Journal), MinutesKeys.Answer(opinion.Number));

        Assert.StartsWith($"- Trước hội nghị: Giao {Economy.Name} chủ trì trả lời ý kiến số {opinion.Number}", answer);
        Assert.Contains("- Kết quả: trả lời bằng văn bản; giao Phòng Kinh tế chủ trì.", answer);
        Assert.DoesNotContain("13:46", answer); // the hour of the assignment, before the 14:00 opening
    }

    private static string Text(IReadOnlyList<MinutesSection> sections, string key) => sections.Single(s => s.Key == key).Generated;

    [Fact]
    public void Minutes_follow_the_form_with_what_the_meeting_recorded()
    {
        var p = Play();
        p.Meeting.SetOutcome(p.First.Id, OpinionOutcome.AnswerInWriting, At(2500));
        p.Meeting.End(At(9000));
        p.Record();

        var sections = MinutesDraft.Build(p.Meeting, p.Journal);

        Assert.Equal(["", "1. Thành phần", "2. Nội dung đối thoại", "3. Diễn biến hội nghị", "4. Thảo luận", "", "", "", "5. Kết luận Hội nghị", ""],
            sections.Select(s => s.Heading));
        Assert.StartsWith("Vào hồi 14 giờ 00 ngày 09/05/2026, tại Hội trường UBND xã Giao Minh, đã tổ chức Hội nghị đối thoại giữa đồng chí Trần Văn Hùng, Bí thư Đảng ủy và đồng chí Lê Thị Mai",
            Text(sections, MinutesKeys.Opening));
        var attendance = Text(sections, MinutesKeys.Attendance);
        Assert.Contains("Đại biểu thành phố: đồng chí Vũ Đức Bình, Phó Chủ tịch UBND thành phố (1/1 người được mời có mặt).", attendance);
        Assert.Contains("- Đại biểu thôn, xóm: 1/2 người được mời có mặt.", attendance);
        // The walk-in is counted apart from the invited, and the lines add up to the total.
        Assert.Contains("- Nhân dân: 1 người đến không có giấy mời.", attendance);
        Assert.Contains("dự hội nghị: 3 người (2/3 người được mời có mặt; 1 người đến không có giấy mời).", attendance);
        Assert.Contains("- 14 giờ 30: Nhân dân phát biểu", Text(sections, MinutesKeys.Proceedings));
        Assert.StartsWith($"Ý kiến số {p.First.Number}: Ông (bà) Nguyễn Văn An, Thôn Đông: Đề nghị xã", Text(sections, MinutesKeys.Opinion(p.First.Number)));
        Assert.StartsWith($"Ý kiến số {p.Second.Number}: Ông (bà) Trần Thị Bích, Thôn Nam", Text(sections, MinutesKeys.Opinion(p.Second.Number)));
        var firstAnswer = Text(sections, MinutesKeys.Answer(p.First.Number));
        // Who answered and the outcome, as a record: no clock times, nothing invented where no summary was written.
        Assert.Contains("- Phòng Kinh tế trả lời: …", firstAnswer);
        Assert.Contains("- Kết quả: trả lời bằng văn bản; giao Phòng Kinh tế chủ trì", firstAnswer);
        Assert.DoesNotMatch(@"\d\d:\d\d", firstAnswer);
        Assert.Contains("- Đồng chí chủ trì hội nghị trả lời: ", Text(sections, MinutesKeys.Answer(p.Second.Number)));
        Assert.StartsWith("Tại hội nghị đã có 1 ý kiến được giải quyết; 1 ý kiến chưa giải quyết", Text(sections, MinutesKeys.Conclusion));
        Assert.Equal("Hội nghị kết thúc hồi 16 giờ 30 cùng ngày./.", Text(sections, MinutesKeys.Closing));
    }

    [Fact]
    public void The_answer_summary_reads_in_the_minutes_and_a_stale_edit_is_refused_naming_who_saved()
    {
        var p = Play();
        var m = p.Meeting;
        const string Summary = "Xã sẽ sửa đường trong quý III.";
        m.RecordAnswerSummary(p.Second.Id, Summary, seen: null, by: "thuky", At(2500));
        p.Record();
        Assert.Contains($"- Đồng chí chủ trì hội nghị trả lời: {Summary}", Text(MinutesDraft.Build(m, p.Journal), MinutesKeys.Answer(p.Second.Number)));

        // Another seat still showing the empty box writes over it: refused, naming who saved; the summary stays.
        var stale = Assert.Throws<MeetingRuleException>(() => m.RecordAnswerSummary(p.Second.Id, "Chủ trì hứa sửa đường.", seen: "", by: "chutri", At(2510)));
        Assert.Contains("vừa được thuky sửa", stale.Message);
        Assert.Equal(Summary, m.FindOpinion(p.Second.Id).AnswerSummary);
        Assert.Throws<MeetingRuleException>(() => m.RecordAnswerSummary(p.Second.Id, new string('a', Meeting.MaxAnswerSummaryLength + 1), Summary, "thuky", At(2520)));
        Assert.Equal(Summary, m.FindOpinion(p.Second.Id).AnswerSummary);

        // Having seen it, a seat may change it or empty it.
        m.RecordAnswerSummary(p.Second.Id, "  ", Summary, "chutri", At(2530));
        Assert.Null(m.FindOpinion(p.Second.Id).AnswerSummary);
    }

    [Fact]
    public void An_edited_section_stays_as_edited_and_new_events_come_as_additions_to_review()
    {
        var p = Play();
        var before = MinutesDraft.Build(p.Meeting, p.Journal);
        var key = MinutesKeys.Answer(p.First.Number);
        var edit = new MinutesEdit(key, "Đồng chí Trưởng phòng Kinh tế giải trình: đường sẽ được sửa trong quý I.",
            Text(before, key), 1, "thuky", At(2200));

        p.Meeting.SetOutcome(p.First.Id, OpinionOutcome.AnswerInWriting, At(2500));
        p.Record();
        var part = MinutesMerge.Merge(MinutesDraft.Build(p.Meeting, p.Journal).Single(s => s.Key == key), edit);

        Assert.True(part.Edited);
        Assert.Equal(edit.Text, part.Text);
        Assert.NotNull(part.Additions);
        Assert.Contains("- Kết quả: trả lời bằng văn bản; giao Phòng Kinh tế chủ trì", part.Additions);
        Assert.DoesNotContain("Phòng Kinh tế trả lời:", part.Additions); // already there when the secretary wrote
    }

    [Fact]
    public void Unedited_sections_follow_the_meeting_and_nothing_new_means_no_additions()
    {
        var p = Play();
        var sections = MinutesDraft.Build(p.Meeting, p.Journal);
        var conclusion = sections.Single(s => s.Key == MinutesKeys.Conclusion);

        var unedited = MinutesMerge.Merge(conclusion, null);
        var edited = MinutesMerge.Merge(conclusion, new MinutesEdit(conclusion.Key, "Kết luận của chủ trì.", conclusion.Generated, 3, "thuky", At(3000)));

        Assert.Equal((conclusion.Generated, false, null), (unedited.Text, unedited.Edited, unedited.Additions));
        Assert.Equal(("Kết luận của chủ trì.", true, (string?)null, 3), (edited.Text, edited.Edited, edited.Additions, edited.Version));
    }

    [Fact]
    public void Notice_counts_and_hands_each_unresolved_opinion_to_its_department_with_a_working_day_deadline()
    {
        var p = Play();
        p.Meeting.SetOutcome(p.First.Id, OpinionOutcome.AnswerInWriting, At(2500));

        var notice = ConclusionNotice.Draft(p.Meeting, WorkingCalendar.Vietnam());

        Assert.Equal(new NoticeCounts(1, 1), notice.Counts);
        // Meeting on Saturday 09/05/2026: the notice within 10 working days, answers 15 working days after it.
        Assert.Equal(new DateOnly(2026, 5, 22), notice.NoticeDue);
        var item = Assert.Single(notice.Assignments);
        Assert.Equal((p.First.Number, "Phòng Kinh tế", new DateOnly(2026, 6, 12)), (item.OpinionNumber, item.Department, item.AnswerDue));
        Assert.Equal(["Công an xã"], item.Coordinating);

        var complex = ConclusionNotice.Draft(p.Meeting, WorkingCalendar.Vietnam(), complex: true);
        Assert.Equal(new DateOnly(2026, 5, 29), complex.NoticeDue);
        var signedEarly = ConclusionNotice.Draft(p.Meeting, WorkingCalendar.Vietnam(), noticeDate: new DateOnly(2026, 5, 15));
        Assert.Equal(new DateOnly(2026, 6, 5), signedEarly.Assignments[0].AnswerDue);
    }

    [Fact]
    public void An_opinion_without_a_department_still_appears_in_the_notice_marked_unassigned()
    {
        var p = Play();

        var notice = ConclusionNotice.Draft(p.Meeting, WorkingCalendar.Vietnam());

        Assert.Contains(notice.Assignments, a => a.OpinionNumber == p.First.Number && a.Department == "Phòng Kinh tế" && a.Outcome == OpinionOutcome.None);
    }

    [Fact]
    public void Opinions_collected_before_the_meeting_are_in_the_notice_unless_their_prepared_answer_was_reported()
    {
        var m = Draft();
        m.Announce();
        var before = T0.AddDays(-5);
        var ready = m.CollectOpinion(new CollectedOpinionDraft("Lê Văn Nam", "Thôn Nam", OpinionField.Economy, "Đề nghị làm rõ kinh phí đường thôn.",
            CollectedChannel.Front, new DateOnly(2026, 5, 2)), before);
        var pending = m.CollectOpinion(new CollectedOpinionDraft("Đinh Thị Lan", "Thôn Đông", OpinionField.LandEnvironment, "Đề nghị cấp sổ đỏ cho 12 hộ.",
            CollectedChannel.Letter, new DateOnly(2026, 5, 3)), before);
        m.AssignCollectedOpinion(ready.Id, [Economy], Economy.Id, new DateOnly(2026, 5, 7), before);
        m.AssignCollectedOpinion(pending.Id, [Police], Police.Id, new DateOnly(2026, 5, 7), before);
        m.RecordPreparedAnswer(ready.Id, "Kinh phí do ngân sách xã và Nhân dân cùng làm.", before.AddDays(1));
        m.Start(T0);
        m.End(At(3600));

        var notice = ConclusionNotice.Draft(m, WorkingCalendar.Vietnam());

        Assert.Equal(new NoticeCounts(1, 1), notice.Counts);
        var item = Assert.Single(notice.Assignments);
        Assert.Equal((pending.Number, "Công an xã"), (item.OpinionNumber, item.Department));
        Assert.Equal([ready.Id, pending.Id], MinutesDraft.InNotice(m).Select(o => o.Id));
        Assert.Empty(MinutesDraft.Discussed(m)); // the minutes' "Thảo luận" stays the hall's
    }

    [Theory]
    [InlineData("opening", true, null)]
    [InlineData("closing", true, null)]
    [InlineData("opinion-12", true, 12)]
    [InlineData("answer-3", true, 3)]
    [InlineData("opinion-0", false, null)]
    [InlineData("opinion-007", false, null)]
    [InlineData("opinion-123456", false, null)]
    [InlineData("opinion-", false, null)]
    [InlineData("ghichu", false, null)]
    [InlineData("answer-٣", false, null)]
    [InlineData(null, false, null)]
    public void Only_the_sections_of_the_minutes_are_keys(string? key, bool valid, int? number)
    {
        Assert.Equal(valid, MinutesKeys.IsSection(key, out var opinionNumber));
        Assert.Equal(number, opinionNumber);
    }
}
