using System.Text;
using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>Opinions collected before the meeting: entered, imported, sent online, classified, merged, assigned, answered.</summary>
public class CollectedOpinionTests
{
    private static readonly DepartmentRef Economy = Department("Phòng Kinh tế");
    private static readonly DepartmentRef Culture = Department("Phòng Văn hóa - Xã hội");
    private static readonly DepartmentRef Police = Department("Công an xã");

    /// <summary>Ten days before the meeting (T0 is the meeting's start, 09/05/2026).</summary>
    private static readonly DateTimeOffset Before = T0.AddDays(-10);
    private static readonly DateOnly MeetingDay = new(2026, 5, 9);
    private static readonly DateOnly BeforeDay = new(2026, 4, 29);

    private static CollectedOpinionDraft Entry(
        string name = "Nguyễn Văn Bình",
        string place = "Xóm 3",
        OpinionField field = OpinionField.Economy,
        string content = "Đề nghị xã sửa đường trục xóm 3 bị xuống cấp.",
        CollectedChannel channel = CollectedChannel.Front,
        DateOnly? receivedOn = null,
        string? phone = null) =>
        new(name, place, field, content, channel, receivedOn ?? BeforeDay.AddDays(-1), phone);

    private static Meeting Announced()
    {
        var meeting = TestMeetings.Draft();
        meeting.Announce();
        meeting.TakeEvents();
        return meeting;
    }

    // --- entering ---

    [Fact]
    public void A_collected_opinion_is_cleaned_numbered_with_the_hall_and_journalled_for_staff_only()
    {
        var meeting = Announced();

        var opinion = meeting.CollectOpinion(Entry(name: "  Nguye\u0302\u0303n   Văn Bình ", phone: "0912 345 678"), Before);
        var request = meeting.Submit(Request(), Before.AddHours(1));

        Assert.Equal("Nguyễn Văn Bình", opinion.SubmitterName);
        Assert.True(opinion.SubmitterName.IsNormalized(NormalizationForm.FormC));
        Assert.True(opinion.IsCollected);
        Assert.Equal(OpinionSource.BeforeMeeting, opinion.Source);
        Assert.Equal(CollectedChannel.Front, opinion.Channel);
        Assert.Equal(BeforeDay.AddDays(-1), opinion.ReceivedOn);
        Assert.Equal("0912345678", opinion.SubmitterPhone);
        Assert.Equal(1, opinion.Number);
        Assert.Equal(2, request.Number);
        Assert.Equal([opinion], meeting.CollectedOpinions());
        var collected = meeting.PendingEvents[0];
        Assert.Equal(CollectedEventKinds.Collected, collected.Kind);
        Assert.True(collected.StaffOnly);
        Assert.Contains("ý kiến số 1", collected.Text);
        Assert.Contains("Ủy ban MTTQ", collected.Text);
    }

    [Theory]
    [InlineData("", "Đề nghị sửa đường.", CollectedChannel.Front, null, "họ tên")]
    [InlineData("Lê Văn C", "   ", CollectedChannel.Front, null, "nội dung")]
    [InlineData("Lê Văn C", "Đề nghị sửa đường.", CollectedChannel.None, null, "nguồn ý kiến")]
    [InlineData("Lê Văn C", "Đề nghị sửa đường.", CollectedChannel.Letter, "09x2", "Số điện thoại không hợp lệ")]
    public void Bad_entries_are_refused_in_Vietnamese_and_change_nothing(string name, string content, CollectedChannel channel, string? phone, string phrase)
    {
        var meeting = Announced();
        meeting.CollectOpinion(Entry(), Before);
        var before = Collected.Of(meeting);

        Refused.With(phrase, () => meeting.CollectOpinion(Entry(name: name, content: content, channel: channel, phone: phone), Before));

        Assert.Equal(before, Collected.Of(meeting));
    }

    [Fact]
    public void A_received_day_still_to_come_a_field_out_of_range_too_long_text_and_an_ended_meeting_are_refused()
    {
        var meeting = Announced();
        var before = Collected.Of(meeting);

        Refused.With("chưa đến", () => meeting.CollectOpinion(Entry(receivedOn: BeforeDay.AddDays(1)), Before));
        Refused.With("lĩnh vực", () => meeting.CollectOpinion(Entry(field: (OpinionField)42), Before));
        Refused.With($"tối đa {Meeting.MaxContentLength}", () => meeting.CollectOpinion(Entry(content: new string('a', Meeting.MaxContentLength + 1)), Before));
        Assert.Equal(before, Collected.Of(meeting));

        var ended = TestMeetings.Live();
        ended.End(At(3600));
        ended.TakeEvents();
        Refused.With("đã kết thúc", () => ended.CollectOpinion(Entry(), At(4000)));
        Assert.Empty(ended.CollectedOpinions());
    }

    // --- importing ---

    [Fact]
    public void An_import_adds_new_rows_and_skips_the_same_person_with_the_same_words_however_typed()
    {
        var meeting = Announced();
        meeting.CollectOpinion(Entry(), Before);

        var result = meeting.ImportCollectedOpinions(
        [
            Entry(name: "NGUYEN VAN BINH", content: "de nghi xa sua duong truc xom 3 bi xuong cap."), // the one typed by hand
            Entry(name: "Trần Thị Hoa", field: OpinionField.CultureSociety, content: "Đề nghị mở lớp học bơi cho trẻ em.", channel: CollectedChannel.Unions),
            Entry(name: "Tran Thi Hoa", content: "Đề nghị mở lớp học bơi cho trẻ em.", channel: CollectedChannel.Unions), // twice in the file
            Entry(name: "Phạm Văn Đức", field: OpinionField.DefenceSecurity, content: "Tình trạng trộm cắp vặt ở xóm 5.", channel: CollectedChannel.PartyCell),
        ], Before);

        Assert.Equal(new CollectedImportResult(2, 2), result);
        Assert.Equal(3, meeting.CollectedOpinions().Count);
        Assert.Equal([1, 2, 3], meeting.CollectedOpinions().Select(o => o.Number));
        Assert.Equal(CollectedChannel.PartyCell, meeting.CollectedOpinions()[2].Channel);
        Assert.Contains("thêm 2 ý kiến, bỏ qua 2", meeting.PendingEvents[^1].Text);
        Assert.Equal(new CollectedImportResult(0, 4), meeting.ImportCollectedOpinions(
            [Entry(), Entry(name: "Trần Thị Hoa", content: "Đề nghị mở lớp học bơi cho trẻ em."), Entry(name: "Phạm Văn Đức", content: "Tình trạng trộm cắp vặt ở xóm 5."), Entry()],
            Before));
    }

    [Fact]
    public void One_bad_row_refuses_the_whole_import_and_names_the_row()
    {
        var meeting = Announced();
        var before = Collected.Of(meeting);

        Refused.With("Ý kiến thứ 2 trong danh sách nhập: Hãy ghi nội dung", () => meeting.ImportCollectedOpinions(
            [Entry(), Entry(name: "Lê Thị Lan", content: "")], Before));
        Refused.With("Không có ý kiến nào", () => meeting.ImportCollectedOpinions([], Before));

        Assert.Equal(before, Collected.Of(meeting));
    }

    // --- the online form ---

    [Fact]
    public void The_online_form_makes_one_opinion_per_box_and_a_resent_form_makes_none()
    {
        var meeting = Announced();
        CollectedOpinionDraft[] boxes =
        [
            Entry(field: OpinionField.Economy, content: "Giá phân bón cao.", channel: CollectedChannel.Other),
            Entry(field: OpinionField.Other, content: "Băn khoăn về việc thu hồi đất làm khu công nghiệp.", channel: CollectedChannel.Other),
        ];

        var made = meeting.SubmitOpinionForm(boxes, "key-1", Before);
        var again = meeting.SubmitOpinionForm(boxes, "key-1", Before.AddMinutes(1));

        Assert.Equal(2, made.Count);
        Assert.All(made, o => Assert.Equal(CollectedChannel.OnlineForm, o.Channel));
        Assert.Equal(made.Select(o => o.Id), again.Select(o => o.Id));
        Assert.Equal(2, meeting.CollectedOpinions().Count);
        Assert.Single(meeting.PendingEvents);
        Assert.Contains("2 ý kiến (số 1, 2)", meeting.PendingEvents[0].Text);
    }

    [Fact]
    public void The_online_form_is_closed_once_the_meeting_opens_and_refuses_an_empty_form()
    {
        var announced = Announced();
        Refused.With("ít nhất một ý kiến", () => announced.SubmitOpinionForm([], "k", Before));
        Refused.With("tải lại trang", () => announced.SubmitOpinionForm([Entry()], "", Before));

        var live = TestMeetings.Live();
        var before = Collected.Of(live);
        Refused.With("phiếu đăng ký phát biểu", () => live.SubmitOpinionForm([Entry()], "k2", At(10)));
        Assert.Equal(before, Collected.Of(live));
    }

    // --- classifying ---

    [Fact]
    public void Classify_sets_field_authority_and_the_out_of_topic_and_petition_marks()
    {
        var meeting = Announced();
        var opinion = meeting.CollectOpinion(Entry(), Before);
        meeting.TakeEvents();

        meeting.ClassifyCollectedOpinion(opinion.Id, OpinionField.LandEnvironment, Authority.LevelAbove, outOfTopic: false, petition: true, Before);

        Assert.Equal(OpinionField.LandEnvironment, opinion.Field);
        Assert.Equal(Authority.LevelAbove, opinion.Authority);
        Assert.True(opinion.IsPetition);
        Assert.False(opinion.IsOutOfTopic);
        Assert.Contains("Phân loại ý kiến số 1: Đất đai, môi trường; đề xuất với cấp trên; đơn thư", meeting.PendingEvents.Single().Text);

        meeting.ClassifyCollectedOpinion(opinion.Id, OpinionField.LandEnvironment, Authority.LevelAbove, false, true, Before);
        Assert.Single(meeting.PendingEvents); // the same classification again raises nothing
    }

    [Fact]
    public void Classify_is_refused_for_an_opinion_raised_in_the_hall_for_a_merged_one_and_for_an_unknown_authority()
    {
        var meeting = Announced();
        var hall = meeting.OpinionOf(meeting.Submit(Request(), Before))!;
        var first = meeting.CollectOpinion(Entry(), Before);
        var second = meeting.CollectOpinion(Entry(name: "Lê Văn Tám"), Before);
        meeting.MergeCollectedOpinion(second.Id, first.Id, Before);
        meeting.TakeEvents();
        var before = Collected.Of(meeting);

        Refused.With("được nêu tại hội nghị", () => meeting.ClassifyCollectedOpinion(hall.Id, OpinionField.Other, Authority.Within, false, false, Before));
        Refused.With("đã được gộp vào ý kiến số 2", () => meeting.ClassifyCollectedOpinion(second.Id, OpinionField.Other, Authority.Within, false, false, Before));
        Refused.With("thẩm quyền", () => meeting.ClassifyCollectedOpinion(first.Id, OpinionField.Other, (Authority)9, false, false, Before));

        Assert.Equal(before, Collected.Of(meeting));
        Assert.Equal(OpinionField.Economy, hall.Field);
    }

    // --- merging ---

    [Fact]
    public void Merging_moves_the_duplicate_and_whatever_was_merged_into_it_and_can_be_undone()
    {
        var meeting = Announced();
        var a = meeting.CollectOpinion(Entry(name: "A"), Before);
        var b = meeting.CollectOpinion(Entry(name: "B"), Before);
        var c = meeting.CollectOpinion(Entry(name: "C"), Before);

        meeting.MergeCollectedOpinion(c.Id, b.Id, Before);
        meeting.MergeCollectedOpinion(b.Id, a.Id, Before);

        Assert.Equal(a.Id, b.MergedIntoId);
        Assert.Equal(a.Id, c.MergedIntoId);
        Assert.Contains("Gộp ý kiến số 2 (B) vào ý kiến số 1", meeting.PendingEvents[^1].Text);

        meeting.UnmergeCollectedOpinion(c.Id, Before);
        Assert.Null(c.MergedIntoId);
        Assert.True(c.IsOpen);
    }

    [Fact]
    public void Merging_into_itself_into_a_merged_opinion_or_a_hall_opinion_is_refused_and_changes_nothing()
    {
        var meeting = Announced();
        var a = meeting.CollectOpinion(Entry(name: "A"), Before);
        var b = meeting.CollectOpinion(Entry(name: "B"), Before);
        var c = meeting.CollectOpinion(Entry(name: "C"), Before);
        var hall = meeting.OpinionOf(meeting.Submit(Request(), Before))!;
        meeting.MergeCollectedOpinion(b.Id, a.Id, Before);
        meeting.TakeEvents();
        var before = Collected.Of(meeting);

        Refused.With("chính nó", () => meeting.MergeCollectedOpinion(c.Id, c.Id, Before));
        Refused.With("hãy gộp vào ý kiến đó", () => meeting.MergeCollectedOpinion(c.Id, b.Id, Before));
        Refused.With("được nêu tại hội nghị", () => meeting.MergeCollectedOpinion(c.Id, hall.Id, Before));
        Refused.With("chưa được gộp", () => meeting.UnmergeCollectedOpinion(c.Id, Before));
        Refused.With("tách các ý kiến đó trước", () => meeting.RemoveCollectedOpinion(a.Id, Before));

        Assert.Equal(before, Collected.Of(meeting));
    }

    // --- assigning with a deadline ---

    [Fact]
    public void Assigning_sets_exactly_these_departments_one_lead_and_the_day_the_answer_is_due()
    {
        var meeting = Announced();
        var opinion = meeting.CollectOpinion(Entry(), Before);
        var due = MeetingDay.AddDays(-4);

        Assert.True(meeting.AssignCollectedOpinion(opinion.Id, [Economy, Police], Economy.Id, due, Before));
        Assert.Equal(Economy.Id, opinion.LeadAssignment!.DepartmentId);
        Assert.Equal(2, opinion.Assignments.Count);
        Assert.Equal(due, opinion.PrepareDue);
        Assert.Contains("Giao Phòng Kinh tế chủ trì chuẩn bị trả lời ý kiến số 1, phối hợp: Công an xã; hạn 05/05/2026", meeting.PendingEvents[^1].Text);

        // Reassigned: Công an xã is no longer involved, Văn hóa leads.
        Assert.True(meeting.AssignCollectedOpinion(opinion.Id, [Culture, Economy], Culture.Id, due, Before));
        Assert.Equal(new[] { Economy.Id, Culture.Id }.Order(), opinion.Assignments.Select(a => a.DepartmentId).Order());
        Assert.Equal(Culture.Id, opinion.LeadAssignment!.DepartmentId);
        Assert.Single(opinion.Assignments, a => a.IsLead);
        Assert.DoesNotContain(opinion.Assignments, a => a.DepartmentId == Police.Id);

        var events = meeting.PendingEvents.Count;
        Assert.False(meeting.AssignCollectedOpinion(opinion.Id, [Economy, Culture], Culture.Id, due, Before));
        Assert.Equal(events, meeting.PendingEvents.Count);
    }

    [Fact]
    public void A_deadline_after_the_meeting_or_already_past_and_a_lead_outside_the_list_are_refused()
    {
        var meeting = Announced();
        var opinion = meeting.CollectOpinion(Entry(), Before);
        meeting.TakeEvents();
        var before = Collected.Of(meeting);

        Refused.With("sau ngày hội nghị 09/05/2026", () => meeting.AssignCollectedOpinion(opinion.Id, [Economy], Economy.Id, MeetingDay.AddDays(1), Before));
        Refused.With("đã qua", () => meeting.AssignCollectedOpinion(opinion.Id, [Economy], Economy.Id, BeforeDay.AddDays(-1), Before));
        Refused.With("chủ trì trong số", () => meeting.AssignCollectedOpinion(opinion.Id, [Economy], Police.Id, MeetingDay, Before));
        Refused.With("ít nhất một", () => meeting.AssignCollectedOpinion(opinion.Id, [], Economy.Id, MeetingDay, Before));
        Refused.With("hai lần", () => meeting.AssignCollectedOpinion(opinion.Id, [Economy, Economy], Economy.Id, MeetingDay, Before));

        Assert.Equal(before, Collected.Of(meeting));
    }

    [Fact]
    public void A_deadline_that_has_passed_may_stay_while_the_lead_changes()
    {
        var meeting = Announced();
        var opinion = meeting.CollectOpinion(Entry(), Before);
        var due = BeforeDay.AddDays(2);
        meeting.AssignCollectedOpinion(opinion.Id, [Economy], Economy.Id, due, Before);

        var later = Before.AddDays(5);
        Assert.True(meeting.AssignCollectedOpinion(opinion.Id, [Economy, Police], Police.Id, due, later));
        Assert.Equal(Police.Id, opinion.LeadAssignment!.DepartmentId);
        Refused.With("đã qua", () => meeting.AssignCollectedOpinion(opinion.Id, [Police], Police.Id, due.AddDays(1), later));
    }

    // --- the prepared answer, removal ---

    [Fact]
    public void The_prepared_answer_is_kept_and_an_empty_or_too_long_one_is_refused()
    {
        var meeting = Announced();
        var opinion = meeting.CollectOpinion(Entry(), Before);

        meeting.RecordPreparedAnswer(opinion.Id, "  Năm 2026 xã bố trí vốn sửa đường trục xóm 3.  ", Before.AddDays(2));

        Assert.Equal("Năm 2026 xã bố trí vốn sửa đường trục xóm 3.", opinion.PreparedAnswer);
        Assert.Equal(Before.AddDays(2), opinion.PreparedAt);
        var before = Collected.Of(meeting);
        Refused.With("Hãy nhập nội dung trả lời", () => meeting.RecordPreparedAnswer(opinion.Id, " ", Before));
        Refused.With($"tối đa {Meeting.MaxPreparedAnswerLength}", () => meeting.RecordPreparedAnswer(opinion.Id, new string('x', Meeting.MaxPreparedAnswerLength + 1), Before));
        Assert.Equal(before, Collected.Of(meeting));
    }

    [Fact]
    public void An_opinion_entered_by_mistake_is_removed_but_a_hall_opinion_is_not()
    {
        var meeting = Announced();
        var mistake = meeting.CollectOpinion(Entry(), Before);
        var hall = meeting.OpinionOf(meeting.Submit(Request(), Before))!;

        meeting.RemoveCollectedOpinion(mistake.Id, Before);

        Assert.Empty(meeting.CollectedOpinions());
        Refused.With("được nêu tại hội nghị", () => meeting.RemoveCollectedOpinion(hall.Id, Before));
        Assert.Single(meeting.Opinions);
    }

    [Fact]
    public void Editing_corrects_the_entry_and_keeps_its_number()
    {
        var meeting = Announced();
        var opinion = meeting.CollectOpinion(Entry(), Before);

        meeting.EditCollectedOpinion(opinion.Id, Entry(name: "Nguyễn Văn Bính", place: "Xóm 4", channel: CollectedChannel.Letter), Before);

        Assert.Equal(1, opinion.Number);
        Assert.Equal("Nguyễn Văn Bính", opinion.SubmitterName);
        Assert.Equal("Xóm 4", opinion.SubmitterPlace);
        Assert.Equal(CollectedChannel.Letter, opinion.Channel);
        var before = Collected.Of(meeting);
        Refused.With("họ tên", () => meeting.EditCollectedOpinion(opinion.Id, Entry(name: ""), Before));
        Assert.Equal(before, Collected.Of(meeting));
    }

    /// <summary>Everything a collected-opinion command may change, to show a refused one changed nothing.</summary>
    private sealed record Collected(int LastNumber, int Events, string Opinions)
    {
        public static Collected Of(Meeting m) => new(m.LastRequestNumber, m.PendingEvents.Count, string.Join("\n", m.Opinions.Select(o =>
            $"{o.Number}|{o.SubmitterName}|{o.SubmitterPlace}|{o.Field}|{o.Content}|{o.Channel}|{o.ReceivedOn}|{o.SubmitterPhone}|{o.Authority}|"
            + $"{o.IsOutOfTopic}|{o.IsPetition}|{o.MergedIntoId}|{o.PrepareDue}|{o.PreparedAnswer}|"
            + string.Join(",", o.Assignments.Select(a => $"{a.DepartmentName}:{a.IsLead}")))));
    }
}
