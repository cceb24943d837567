namespace DoiThoai.Domain.Tests;

/// <summary>
/// The report figures from a known data set: two communes; in Giao Minh a periodic dialogue (answered at the meeting by
/// a department, in writing on time, late, overdue, forwarded, never reached, plus a merged duplicate and a rejected
/// petition that do not count), a thematic one whose notice is not issued yet, an ad-hoc one in the next quarter and
/// one planned but not held; in Giao Hòa one periodic dialogue.
/// </summary>
public class ReportFiguresTests
{
    private static readonly Unit Province = Unit.Create(Guid.NewGuid(), "Tỉnh Ninh Bình", UnitKind.Province, null);
    private static readonly Unit GiaoMinh = Unit.Create(Guid.NewGuid(), "Xã Giao Minh", UnitKind.Commune, Province.Id);
    private static readonly Unit GiaoHoa = Unit.Create(Guid.NewGuid(), "Xã Giao Hòa", UnitKind.Commune, Province.Id);
    private static readonly DateOnly Today = new(2026, 7, 20);
    private static readonly ReportPeriod Q2 = ReportPeriod.Quarter(2026, 2);

    private sealed record DataSet(List<Meeting> Meetings, List<FollowUpItem> Items, Meeting Periodic, Meeting Thematic, Meeting GiaoHoaMeeting);

    private static DateTimeOffset Day(int month, int day, int hour = 14) => new(2026, month, day, hour, 0, 0, Clock.VietnamOffset);

    private static Meeting Announced(Unit unit, MeetingKind kind, DateTimeOffset start, string title)
    {
        var meeting = Meeting.Create(TestMeetings.Plan() with
        {
            Title = title, Kind = kind, ScheduledStart = start, UnitId = unit.Id, Audience = $"Nhân dân {unit.Name}", Content = $"{title} năm 2026",
        });
        meeting.Announce();
        return meeting;
    }

    private static Opinion Raise(Meeting meeting, OpinionField field, OpinionSource source, DateTimeOffset at, string name = "Nguyễn Văn An") =>
        meeting.FindOpinion(meeting.Submit(TestMeetings.Request(name, "Xóm 1", $"Kiến nghị {field} của {name}.", field, SpeakMode.Speak, source), at).OpinionId!.Value);

    private static FollowUpItem Item(Meeting meeting, Opinion opinion, string department, DateOnly notice, DateOnly deadline) =>
        new(meeting.UnitId, meeting.Id, meeting.Title, opinion, Guid.NewGuid(), department, notice, deadline, null);

    private static DataSet Build()
    {
        var items = new List<FollowUpItem>();
        var economy = TestMeetings.Department("Phòng Kinh tế");
        var culture = TestMeetings.Department("Phòng Văn hóa - Xã hội");

        // Giao Minh, periodic, 09/05/2026.
        var periodic = Announced(GiaoMinh, MeetingKind.Periodic, Day(5, 9), "Đối thoại định kỳ quý II");
        var before = Raise(periodic, OpinionField.Economy, OpinionSource.BeforeMeeting, Day(5, 2));
        var onTime = Raise(periodic, OpinionField.LandEnvironment, OpinionSource.Phone, Day(5, 9, 13), "Trần Thị Bình");
        var late = Raise(periodic, OpinionField.LandEnvironment, OpinionSource.Phone, Day(5, 9, 13), "Lê Văn Cường");
        var overdue = Raise(periodic, OpinionField.CultureSociety, OpinionSource.Paper, Day(5, 9, 13), "Phạm Thị Dung");
        var forwarded = Raise(periodic, OpinionField.DefenceSecurity, OpinionSource.Phone, Day(5, 9, 13), "Hoàng Văn Em");
        var duplicate = periodic.Submit(TestMeetings.Request("Vũ Thị Gấm", "Xóm 2", "Trùng ý kiến đất đai."), Day(5, 9, 13));
        var petition = periodic.Submit(TestMeetings.Request("Đỗ Văn Hải", "Xóm 3", "Đơn thư tranh chấp đất."), Day(5, 9, 13));
        // Never screened: Bế mạc settles it as answered in writing (it waits for the notice), not "chưa xử lý".
        Raise(periodic, OpinionField.Economy, OpinionSource.Phone, Day(5, 9, 13), "Ngô Thị Lan");
        periodic.Merge(duplicate.Id, periodic.Requests.Single(r => r.OpinionId == onTime.Id).Id, Day(5, 9, 13));
        periodic.Reject(petition.Id, "Đơn thư khiếu nại, chuyển giải quyết theo quy định", Day(5, 9, 13));
        periodic.Start(Day(5, 9));
        var assignment = periodic.AssignDepartments(before.Id, [economy], economy.Id, Day(5, 9)).Single();
        periodic.CallDepartment(assignment.Id, Day(5, 9));
        periodic.FinishTurn(Day(5, 9).AddMinutes(4));
        periodic.SetOutcome(before.Id, OpinionOutcome.AnsweredAtMeeting, Day(5, 9).AddMinutes(5));
        foreach (var o in new[] { onTime, late, overdue }) periodic.SetOutcome(o.Id, OpinionOutcome.AnswerInWriting, Day(5, 9).AddMinutes(10));
        periodic.SetOutcome(forwarded.Id, OpinionOutcome.ForwardedToLevelAbove, Day(5, 9).AddMinutes(12));
        periodic.End(Day(5, 9, 17));
        DateOnly notice = new(2026, 5, 25), deadline = new(2026, 6, 15);
        var answeredOnTime = Item(periodic, onTime, economy.Name, notice, deadline);
        answeredOnTime.RecordAnswer("Đã trả lời.", "12/CV", new DateOnly(2026, 6, 10), null, null, "phongban", Day(6, 10), new DateOnly(2026, 6, 10));
        var answeredLate = Item(periodic, late, economy.Name, notice, deadline);
        answeredLate.RecordAnswer("Trả lời muộn.", "20/CV", new DateOnly(2026, 6, 20), null, null, "phongban", Day(6, 20), new DateOnly(2026, 6, 20));
        var notAnswered = Item(periodic, overdue, culture.Name, notice, deadline);
        notAnswered.StartProcessing("vhxh", Day(6, 1));
        items.AddRange([answeredOnTime, answeredLate, notAnswered]);

        // Giao Minh, thematic, 20/06/2026: one opinion waits for the notice, one is tracked and still in time.
        var thematic = Announced(GiaoMinh, MeetingKind.Thematic, Day(6, 20), "Đối thoại chuyên đề đất đai");
        var waiting = Raise(thematic, OpinionField.Economy, OpinionSource.BeforeMeeting, Day(6, 10));
        var inTime = Raise(thematic, OpinionField.Economy, OpinionSource.Phone, Day(6, 20, 13));
        thematic.Start(Day(6, 20));
        thematic.AssignDepartments(waiting.Id, [economy], economy.Id, Day(6, 20));
        thematic.SetOutcome(waiting.Id, OpinionOutcome.AnswerInWriting, Day(6, 20));
        thematic.SetOutcome(inTime.Id, OpinionOutcome.AnswerInWriting, Day(6, 20));
        thematic.End(Day(6, 20, 17));
        items.Add(Item(thematic, inTime, economy.Name, new DateOnly(2026, 7, 6), new DateOnly(2026, 7, 27)));

        // Giao Minh, ad-hoc in July (next quarter), and a periodic one planned in June but not held.
        var adHoc = Announced(GiaoMinh, MeetingKind.AdHoc, Day(7, 10), "Đối thoại đột xuất về ô nhiễm");
        Raise(adHoc, OpinionField.LandEnvironment, OpinionSource.Floor, Day(7, 10, 13));
        adHoc.Start(Day(7, 10));
        var planned = Announced(GiaoMinh, MeetingKind.Periodic, Day(6, 25), "Đối thoại chưa tổ chức");

        // Giao Hòa, periodic, 15/05/2026: one opinion answered at the meeting by the chair.
        var giaoHoa = Announced(GiaoHoa, MeetingKind.Periodic, Day(5, 15), "Đối thoại xã Giao Hòa");
        var personnel = Raise(giaoHoa, OpinionField.Personnel, OpinionSource.Phone, Day(5, 15, 13));
        giaoHoa.Start(Day(5, 15));
        giaoHoa.SetOutcome(personnel.Id, OpinionOutcome.AnsweredAtMeeting, Day(5, 15));
        giaoHoa.End(Day(5, 15, 16));
        items.Add(Item(giaoHoa, personnel, "Văn phòng HĐND-UBND", new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 10))); // ignored: resolved

        return new([periodic, thematic, adHoc, planned, giaoHoa], items, periodic, thematic, giaoHoa);
    }

    [Fact]
    public void An_opinion_sent_to_the_level_above_stays_forwarded_once_the_notice_gives_it_an_item_even_answered()
    {
        var data = Build();
        var forwarded = data.Periodic.Opinions.Single(o => o.Outcome == OpinionOutcome.ForwardedToLevelAbove);
        Assert.True(forwarded.GoesToLevelAbove);
        Assert.Equal(OpinionResolution.Forwarded, ReportFigures.Resolve(forwarded, [], Today));

        // The notice hands the proposal upwards to a department, which then sends it: still "chuyển cấp trên", never an answer of ours.
        var item = Item(data.Periodic, forwarded, "Phòng Kinh tế", new DateOnly(2026, 5, 25), new DateOnly(2026, 6, 15));
        Assert.Equal(OpinionResolution.Forwarded, ReportFigures.Resolve(forwarded, [item], Today));
        item.RecordAnswer("Đã có văn bản đề nghị cấp trên.", "15/CV", new DateOnly(2026, 6, 5), null, null, "phongban", Day(6, 5), new DateOnly(2026, 6, 5));
        Assert.Equal(OpinionResolution.Forwarded, ReportFigures.Resolve(forwarded, [item], Today));
        var figures = ReportFigures.Compute(data.Meetings, [.. data.Items, item], [Province, GiaoMinh, GiaoHoa], Q2, Today);
        Assert.Equal(1, figures.Resolution.Forwarded);
        Assert.Equal(9, figures.Resolution.Total);
    }

    [Fact]
    public void Quarter_across_both_communes_counts_meetings_by_kind_opinions_by_field_and_how_each_was_answered()
    {
        var data = Build();
        var figures = ReportFigures.Compute(data.Meetings, data.Items, [Province, GiaoMinh, GiaoHoa], Q2, Today);

        Assert.Equal(3, figures.MeetingsHeld);
        Assert.Equal((2, 1, 0), (figures.MeetingsByKind[MeetingKind.Periodic], figures.MeetingsByKind[MeetingKind.Thematic], figures.MeetingsByKind[MeetingKind.AdHoc]));
        Assert.Equal(1, figures.PlannedNotHeld);
        Assert.Equal([data.Periodic.Id, data.Thematic.Id, data.GiaoHoaMeeting.Id], figures.Meetings.Select(m => m.MeetingId));

        Assert.Equal((9, 2, 7), (figures.Opinions, figures.CollectedBefore, figures.RaisedAtMeeting));
        var fields = figures.ByField.ToDictionary(f => f.Field, f => f.Opinions);
        Assert.Equal(4, fields[OpinionField.Economy]);
        Assert.Equal(2, fields[OpinionField.LandEnvironment]);
        Assert.Equal(1, fields[OpinionField.CultureSociety]);
        Assert.Equal(1, fields[OpinionField.DefenceSecurity]);
        Assert.Equal(1, fields[OpinionField.Personnel]);
        Assert.Equal(0, fields[OpinionField.Other]); // the merged duplicate and the rejected petition are not counted
        Assert.Equal(Enum.GetValues<OpinionField>().Length, figures.ByField.Count);

        Assert.Equal(new ResolutionCounts(ResolvedAtMeeting: 2, AnsweredOnTime: 1, AnsweredLate: 1, Overdue: 1, Pending: 1, Forwarded: 1, NoOutcome: 0,
            AwaitingNotice: 2),
            figures.Resolution);
        Assert.Equal(9, figures.Resolution.Total);
        Assert.Equal((6, 2), (figures.Resolution.InWriting, figures.Resolution.AnsweredInWriting));
    }

    [Fact]
    public void Departments_show_answers_at_the_meeting_written_answers_and_overdue_ones_first()
    {
        var data = Build();
        var figures = ReportFigures.Compute(data.Meetings, data.Items, [Province, GiaoMinh, GiaoHoa], Q2, Today);

        Assert.Equal(
        [
            new DepartmentFigures(GiaoMinh.Id, "Xã Giao Minh", "Phòng Văn hóa - Xã hội", 0, 1, 0, 0, 1, 0),
            // At the meeting 1; written: on time, late, one tracked in time. The one still waiting for the notice is not yet
            // a department's: the notice hands it out.
            new DepartmentFigures(GiaoMinh.Id, "Xã Giao Minh", "Phòng Kinh tế", 1, 3, 1, 1, 0, 1),
        ], figures.Departments);
    }

    [Fact]
    public void Each_commune_has_its_line_and_the_province_itself_none()
    {
        var data = Build();
        var figures = ReportFigures.Compute(data.Meetings, data.Items, [Province, GiaoMinh, GiaoHoa], Q2, Today);

        Assert.Equal(["Xã Giao Minh", "Xã Giao Hòa"], figures.Units.Select(u => u.UnitName));
        var giaoMinh = figures.Units[0];
        Assert.Equal((2, 1, 1, 8), (giaoMinh.Meetings, giaoMinh.MeetingsByKind[MeetingKind.Periodic], giaoMinh.MeetingsByKind[MeetingKind.Thematic], giaoMinh.Opinions));
        Assert.Equal((1, 1, 1, 1, 2), (giaoMinh.Resolution.ResolvedAtMeeting, giaoMinh.Resolution.Overdue, giaoMinh.Resolution.Forwarded,
            giaoMinh.Resolution.Pending, giaoMinh.Resolution.AwaitingNotice));
        Assert.Equal((1, 1, 1), (figures.Units[1].Meetings, figures.Units[1].Opinions, figures.Units[1].Resolution.ResolvedAtMeeting));
    }

    [Fact]
    public void One_commune_sees_only_its_own_meetings_and_items()
    {
        var data = Build();
        var figures = ReportFigures.Compute(data.Meetings, data.Items, [GiaoHoa], Q2, Today);

        Assert.Equal([data.GiaoHoaMeeting.Id], figures.Meetings.Select(m => m.MeetingId));
        Assert.Equal((1, 0), (figures.Opinions, figures.PlannedNotHeld));
        Assert.Equal(1, figures.Resolution.ResolvedAtMeeting);
        Assert.Empty(figures.Departments);
        Assert.Equal(["Xã Giao Hòa"], figures.Units.Select(u => u.UnitName));
    }

    [Fact]
    public void The_year_adds_the_ad_hoc_dialogue_of_july_and_the_overdue_state_follows_the_report_day()
    {
        var data = Build();
        var year = ReportFigures.Compute(data.Meetings, data.Items, [GiaoMinh], ReportPeriod.WholeYear(2026), Today);
        Assert.Equal((1, 1, 1), (year.MeetingsByKind[MeetingKind.Periodic], year.MeetingsByKind[MeetingKind.Thematic], year.MeetingsByKind[MeetingKind.AdHoc]));
        Assert.Equal(9, year.Opinions); // 6 + 2 + 1
        Assert.Equal(1, year.Resolution.NoOutcome); // the ad-hoc meeting's opinion: that meeting has not closed yet

        // On the deadline day the unanswered item is still in time; the day after it is overdue.
        var onDeadline = ReportFigures.Compute(data.Meetings, data.Items, [GiaoMinh], Q2, new DateOnly(2026, 6, 15));
        Assert.Equal((0, 2, 2), (onDeadline.Resolution.Overdue, onDeadline.Resolution.Pending, onDeadline.Resolution.AwaitingNotice));
        var dayAfter = ReportFigures.Compute(data.Meetings, data.Items, [GiaoMinh], Q2, new DateOnly(2026, 6, 16));
        Assert.Equal((1, 1, 2), (dayAfter.Resolution.Overdue, dayAfter.Resolution.Pending, dayAfter.Resolution.AwaitingNotice));
    }

    [Fact]
    public void Form_1_puts_each_dialogue_under_its_kind_with_chair_audience_and_five_counts_and_the_rest_in_the_note()
    {
        var data = Build();
        var figures = ReportFigures.Compute(data.Meetings, data.Items, [Province, GiaoMinh, GiaoHoa], Q2, Today);
        var rows = Form1Table.Rows(figures, showUnit: true);

        Assert.Equal(3, rows.Count);
        Assert.Equal(24, Form1Table.ColumnCount);
        Assert.Equal(Enumerable.Range(1, 24).Select(n => n.ToString()), Form1Table.ColumnNumbers);
        var periodic = rows[0];
        Assert.Equal(24, periodic.Cells.Count);
        Assert.Equal("1", periodic.Number);
        Assert.StartsWith("- Ngày 09/05/2026\n- Nội dung: Đối thoại định kỳ quý II năm 2026", periodic.TimeAndContent);
        Assert.Equal("Đ/c Trần Văn Hùng – Bí thư Đảng ủy\nĐ/c Lê Thị Mai – Chủ tịch UBND xã", periodic.Cells[2]);
        Assert.Equal("Nhân dân Xã Giao Minh", periodic.Cells[3]);
        // 6: 1 at the meeting; 2 answered in writing (1 late); 2 not yet (1 overdue, 1 waiting for the notice); 1 sent up.
        Assert.Equal(["6", "1", "2", "2", "1"], periodic.Cells.Skip(4).Take(5));
        Assert.All(periodic.Cells.Skip(9).Take(14), Assert.Empty);
        Assert.Equal(
            "Xã Giao Minh\nThu thập trước hội nghị 1, tại hội nghị 5\n"
            + "Lĩnh vực: Kinh tế 2; Văn hóa - Xã hội 1; Quốc phòng - An ninh 1; Đất đai, môi trường 2\n"
            + "Trả lời quá hạn 1; quá hạn chưa trả lời 1; chờ thông báo kết luận 1",
            periodic.Note);
        Assert.Equal(periodic.Note, periodic.Cells[23]);

        Assert.All(rows[1].Cells.Skip(2).Take(7), Assert.Empty);
        Assert.Equal(["2", "0", "0", "2", "0"], rows[1].Cells.Skip(11).Take(5)); // thematic: the second group
        Assert.EndsWith("Chờ thông báo kết luận 1", rows[1].Note);
        Assert.Equal(["1", "1", "0", "0", "0"], rows[2].Cells.Skip(4).Take(5));
        Assert.Equal("Xã Giao Hòa\nLĩnh vực: Tổ chức cán bộ 1", rows[2].Note); // answered at the meeting: nothing more to say

        var total = Form1Table.Total(figures);
        Assert.Equal(24, total.Cells.Count);
        Assert.Equal(Form1Table.TotalLabel, total.TimeAndContent);
        Assert.Equal(("2 cuộc", "1 cuộc", "0 cuộc", "3 cuộc"), (total.Cells[2], total.Cells[9], total.Cells[16], total.Note));
        Assert.Equal(["7", "2", "2", "2", "1"], total.Cells.Skip(4).Take(5));
        Assert.Equal(["2", "0", "0", "2", "0"], total.Cells.Skip(11).Take(5));
        Assert.Equal(["0", "0", "0", "0", "0"], total.Cells.Skip(18).Take(5));
        Assert.All(new[] { 3, 10, 17 }, i => Assert.Empty(total.Cells[i]));
        Assert.DoesNotContain("Xã Giao Minh", Form1Table.Rows(figures, showUnit: false)[0].Note);
        AssertForm1AddsUp(figures);
    }

    [Fact]
    public void Form_1_counts_a_recommendation_never_settled_as_in_progress_and_names_it_in_the_note()
    {
        var data = Build();
        var year = ReportFigures.Compute(data.Meetings, data.Items, [GiaoMinh], ReportPeriod.WholeYear(2026), Today);
        var adHoc = Assert.Single(Form1Table.Rows(year, showUnit: false), r => r.AdHoc.Counts is not null);

        Assert.Equal(["1", "0", "0", "1", "0"], adHoc.Cells.Skip(18).Take(5));
        Assert.EndsWith("Chưa xử lý 1", adHoc.Note);
        AssertForm1AddsUp(year);
    }

    /// <summary>
    /// Mẫu 1 reads one set of figures: each row's five counts are its meeting's <see cref="ResolutionCounts"/> and add up to
    /// its total; only its kind's seven cells are filled; "Tổng số" is the rows summed per kind, and all the kinds together
    /// are the report's own total.
    /// </summary>
    private static void AssertForm1AddsUp(ReportFigures figures)
    {
        var rows = Form1Table.Rows(figures, showUnit: true);
        var kinds = new[] { MeetingKind.Periodic, MeetingKind.Thematic, MeetingKind.AdHoc };
        static int[] Counts(Form1Row row, int group) => row.Cells.Skip(Form1Table.GroupStart(group) + 2).Take(5).Select(int.Parse).ToArray();

        foreach (var (row, meeting) in rows.Zip(figures.Meetings))
        {
            Assert.Equal(24, row.Cells.Count);
            var group = Array.IndexOf(kinds, meeting.Kind);
            var counts = Counts(row, group);
            var r = meeting.Resolution;
            Assert.Equal([r.Total, r.ResolvedAtMeeting, r.AnsweredOnTime + r.AnsweredLate, r.Overdue + r.Pending + r.AwaitingNotice + r.NoOutcome, r.Forwarded], counts);
            Assert.Equal(counts[0], counts[1..].Sum());
            Assert.Equal(meeting.Opinions, counts[0]);
            Assert.Equal(row.Values.Skip(Form1Table.GroupStart(group) + 2).Take(5), counts.Cast<object>()); // numbers, not text
            for (var other = 0; other < 3; other++)
                if (other != group) Assert.All(row.Cells.Skip(Form1Table.GroupStart(other)).Take(7), Assert.Empty);
        }

        var total = Form1Table.Total(figures);
        for (var g = 0; g < 3; g++)
        {
            var mine = rows.Zip(figures.Meetings).Where(p => p.Second.Kind == kinds[g]).Select(p => Counts(p.First, g)).ToList();
            var summed = Enumerable.Range(0, 5).Select(c => mine.Sum(m => m[c])).ToArray();
            Assert.Equal(summed, Counts(total, g));
            Assert.Equal($"{mine.Count} cuộc", total.Cells[Form1Table.GroupStart(g)]);
        }
        Assert.Equal(figures.Resolution.Total, Enumerable.Range(0, 3).Sum(g => Counts(total, g)[0]));
        Assert.Equal(figures.Opinions, figures.Resolution.Total);
    }

    [Theory]
    [InlineData("q2", "2026", "2026-04-01", "2026-06-30", "Quý II/2026")]
    [InlineData("Q4", "2025", "2025-10-01", "2025-12-31", "Quý IV/2025")]
    [InlineData("h1", "2026", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026")]
    [InlineData("h2", "2026", "2026-07-01", "2026-12-31", "6 tháng cuối năm 2026")]
    [InlineData("nam", "2024", "2024-01-01", "2024-12-31", "Năm 2024")]
    [InlineData(null, null, "2026-07-01", "2026-09-30", "Quý III/2026")]
    [InlineData(null, "2025", "2025-01-01", "2025-12-31", "Năm 2025")]
    public void A_period_reads_from_the_query(string? code, string? year, string from, string to, string label)
    {
        var period = ReportPeriod.Parse(code, year, Today);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to), label), (period.From, period.To, period.Label));
        Assert.Equal(period, ReportPeriod.Parse(period.Code, period.Year.ToString(), Today));
    }

    [Theory]
    [InlineData("q5", "2026", "Kỳ báo cáo")]
    [InlineData("quy", "2026", "Kỳ báo cáo")]
    [InlineData("q1", "hai nghìn", "Năm báo cáo")]
    [InlineData("q1", "1990", "Năm báo cáo phải từ")]
    public void A_bad_period_is_refused_in_Vietnamese(string code, string year, string phrase) =>
        Assert.Contains(phrase, Assert.Throws<MeetingRuleException>(() => ReportPeriod.Parse(code, year, Today)).Message);
}
