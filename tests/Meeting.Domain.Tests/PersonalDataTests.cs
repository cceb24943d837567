using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class PersonalDataTests
{
    private static SpeakRequest SubmitWithPhone(Meeting meeting, string name = "Trần Thị Bình", int at = 5) =>
        meeting.Submit(new SpeakRequestDraft(name, "Thôn Đông", OpinionField.Economy, "Đề nghị sửa cống thoát nước xóm Bình An.",
            SpeakMode.Speak, OpinionSource.Phone, Phone: "0912345678", PhoneConsent: true, Device: "dPHONE0123456789ABCD"), At(at));

    // --- the citizen's own erase, before screening ---

    [Fact]
    public void WithdrawAndErase_forgets_name_place_phone_and_words_but_keeps_the_number()
    {
        var meeting = Live();
        var other = meeting.Submit(Request("Lê Văn Cường"), At(1));
        var request = SubmitWithPhone(meeting);
        var opinion = meeting.OpinionOf(request)!;

        var traces = meeting.WithdrawAndErase(request.Id, At(20));

        Assert.Equal(SpeakRequestStatus.Withdrawn, request.Status);
        Assert.Equal(2, request.Number);
        Assert.Equal(PersonalData.Marker, request.Name);
        Assert.Equal("", request.Place);
        Assert.Null(request.Phone);
        Assert.Null(request.Device);
        Assert.Equal(PersonalData.Marker, opinion.SubmitterName);
        Assert.Equal(PersonalData.Marker, opinion.Content);
        Assert.Null(opinion.SubmitterPhone);
        Assert.True(opinion.IsClosed);
        Assert.Equal(2, meeting.Requests.Count);
        Assert.Equal(2, meeting.Opinions.Count);
        Assert.Equal(2, meeting.LastRequestNumber);
        Assert.Equal("Lê Văn Cường", other.Name);
        Assert.True(traces.SubjectsOnly);
        // The pending lines (the submit line too) no longer name the person.
        Assert.DoesNotContain(meeting.PendingEvents, e => e.Text.Contains("Trần Thị Bình"));
        Assert.Contains($"Phiếu số 2: {PersonalData.Marker} đăng ký phát biểu", meeting.PendingEvents.Single(e => e.Kind == EventKinds.RequestSubmitted && e.SubjectId == request.Id).Text);
        Assert.Contains(meeting.PendingEvents, e => e.Text.Contains("Lê Văn Cường"));
        Assert.Equal(EventKinds.RequestWithdrawn, meeting.PendingEvents[^1].Kind);
        Assert.Contains("xóa thông tin cá nhân theo yêu cầu", meeting.PendingEvents[^1].Text);
    }

    [Theory]
    [InlineData(false, "đã được bộ phận tiếp nhận xem xét")]
    [InlineData(true, "đã rút đăng ký")]
    public void WithdrawAndErase_is_refused_once_screened_or_withdrawn_and_changes_nothing(bool withdraw, string phrase)
    {
        var meeting = Live();
        var request = SubmitWithPhone(meeting);
        if (withdraw) meeting.Withdraw(request.Id, At(10)); else meeting.Approve(request.Id, At(10));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, phrase, () => meeting.WithdrawAndErase(request.Id, At(20)));
        Assert.Equal("Trần Thị Bình", request.Name);
        Assert.Equal("Thôn Đông", request.Place);
    }

    // --- staff erase of a person ---

    [Fact]
    public void ErasePersonalData_keeps_counts_statuses_and_check_ins()
    {
        var meeting = Live();
        var person = meeting.AddDelegate("Trần Thị Bình", "Trưởng xóm", "Thôn Đông", DelegateGroup.VillageDelegate, "0987654321");
        person.CheckIn(At(1));
        var spoken = meeting.Queue("Trần Thị Bình", "Thôn Đông", 2);
        meeting.SpeakNext(10);
        var stranger = meeting.Queue("Lê Văn Cường", "Thôn Đông", 3);
        var attendance = meeting.AttendanceByGroup();
        meeting.TakeEvents();

        var traces = meeting.ErasePersonalData([spoken.Id], [spoken.OpinionId!.Value], [person.Id], At(100));

        Assert.Equal((1, 1, 1), (traces.Requests, traces.Opinions, traces.Delegates));
        Assert.Equal(SpeakRequestStatus.Spoken, spoken.Status);
        Assert.Equal(PersonalData.Marker, spoken.Name);
        Assert.Equal(PersonalData.Marker, meeting.OpinionOf(spoken)!.Content);
        Assert.Equal(PersonalData.Marker, person.Name);
        Assert.Equal("", person.Title);
        Assert.Null(person.Phone);
        Assert.True(person.IsPresent);
        Assert.Equal(DelegateGroup.VillageDelegate, person.Group);
        Assert.Equal(attendance, meeting.AttendanceByGroup());
        Assert.Equal("Lê Văn Cường", stranger.Name);
        Assert.Equal("Thôn Đông", stranger.Place);
        var line = Assert.Single(meeting.PendingEvents);
        Assert.Equal(EventKinds.PersonalDataErased, line.Kind);
        Assert.Contains(PersonalData.ErasedEventText, line.Text);
        Assert.DoesNotContain("Trần Thị Bình", line.Text);
    }

    [Fact]
    public void ErasePersonalData_refuses_a_person_on_the_floor_and_nothing_at_all()
    {
        var meeting = Live();
        var request = meeting.Queue("Trần Thị Bình", "Thôn Đông", 2);
        meeting.CallNext(At(5));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đang được mời phát biểu", () => meeting.ErasePersonalData([request.Id], [], [], At(10)));
        Assert.Equal("Trần Thị Bình", request.Name);
        Refused.AndUnchanged(meeting, "Không có thông tin nào", () => meeting.ErasePersonalData([], [], [], At(10)));
    }

    [Fact]
    public void ErasePersonalData_scrubs_staff_notes_that_name_the_person()
    {
        var meeting = Live();
        var request = meeting.Queue("Trần Thị Bình", "Thôn Đông", 2);
        var opinion = meeting.OpinionOf(request)!;
        meeting.AddStaffNote(opinion.Id, "Cán bộ", "Bà Trần Thị Bình đã gửi đơn năm ngoái.", At(3));
        meeting.TakeEvents();

        meeting.ErasePersonalData([request.Id], [opinion.Id], [], At(10));

        Assert.Equal($"Bà {PersonalData.Marker} đã gửi đơn năm ngoái.", Assert.Single(opinion.Notes).Text);
    }

    [Fact]
    public void ErasePersonalData_scrubs_a_refusal_reason_that_names_the_person()
    {
        var meeting = Live();
        var request = meeting.Submit(Request("Trần Thị Bình"), At(2));
        var other = meeting.Submit(Request("Lê Văn Cường"), At(3));
        meeting.Reject(other.Id, "Cùng nội dung với bà Trần Thị Bình, đã trả lời", At(4));
        meeting.TakeEvents();

        meeting.ErasePersonalData([request.Id], [], [], At(10));

        Assert.Equal($"Cùng nội dung với bà {PersonalData.Marker}, đã trả lời", other.RejectReason);
        Assert.Equal("Lê Văn Cường", other.Name);
    }

    // --- scrubbing text kept beside the meeting ---

    [Fact]
    public void Scrub_removes_places_only_from_lines_about_the_erased_record()
    {
        var traces = new ErasedTraces();
        traces.AddDistinctive("Trần Thị Bình");
        traces.AddPlace("Thôn Đông");
        var own = Guid.NewGuid();
        traces.Subjects.Add(own);

        Assert.Equal($"14:00 — Phiếu số 2: {PersonalData.Marker} đăng ký phát biểu.",
            PersonalData.Scrub("14:00 — Phiếu số 2: Trần Thị Bình (Thôn Đông) đăng ký phát biểu.", own, traces));
        Assert.Equal($"Phiếu số 3: Lê Văn Cường (Thôn Đông), cùng xóm với {PersonalData.Marker}.",
            PersonalData.Scrub("Phiếu số 3: Lê Văn Cường (Thôn Đông), cùng xóm với trần thị bình.", Guid.NewGuid(), traces));
    }

    [Fact]
    public void Scrub_for_a_citizen_touches_only_their_own_lines_and_whole_words()
    {
        var traces = new ErasedTraces { SubjectsOnly = true };
        traces.AddDistinctive("Văn An");
        var own = Guid.NewGuid();
        traces.Subjects.Add(own);

        Assert.Equal("Phiếu số 5: Nguyễn Văn An (Thôn Tây).", PersonalData.Scrub("Phiếu số 5: Nguyễn Văn An (Thôn Tây).", Guid.NewGuid(), traces));
        Assert.Equal("Văn Anh đăng ký.", PersonalData.Scrub("Văn Anh đăng ký.", own, traces));
        Assert.Equal($"{PersonalData.Marker} đăng ký.", PersonalData.Scrub("Văn An đăng ký.", own, traces));
    }

    // --- retention ---

    [Fact]
    public void ForgetPhones_drops_every_phone_and_says_how_many()
    {
        var meeting = Live();
        var request = SubmitWithPhone(meeting);
        meeting.Submit(Request("Lê Văn Cường"), At(6));
        meeting.TakeEvents();

        // The hall's request keeps the number; the opinion it raised has none of its own.
        Assert.Equal(1, meeting.ForgetPhones(At(50)));

        Assert.Null(request.Phone);
        Assert.Null(meeting.OpinionOf(request)!.SubmitterPhone);
        Assert.Equal("Trần Thị Bình", request.Name);
        Assert.Equal(EventKinds.PhonesForgotten, Assert.Single(meeting.TakeEvents()).Kind);
        Assert.Equal(0, meeting.ForgetPhones(At(60)));
        Assert.Empty(meeting.PendingEvents);
    }
}
