using System.Text;

namespace DoiThoai.Domain.Tests;

public class DelegateListTests
{
    private static DelegateDraft Row(string name, string place = "Xóm 7", DelegateGroup group = DelegateGroup.VillageDelegate,
        string title = "", string? phone = null) => new(name, title, place, group, phone);

    [Fact]
    public void Edit_corrects_the_details_and_keeps_code_and_check_in()
    {
        var meeting = TestMeetings.Live();
        var hoa = meeting.AddDelegate("Phạm Thi Hoa", "", "Xóm 7", DelegateGroup.People);
        var code = hoa.InvitationCode;
        meeting.CheckIn(hoa.Id, TestMeetings.At(10));

        meeting.EditDelegate(hoa.Id, " Phạm  Thị Hoa ", "Trưởng xóm", "Xóm 7", DelegateGroup.VillageDelegate, "0912 345 678");

        Assert.Equal(("Phạm Thị Hoa", "Trưởng xóm", DelegateGroup.VillageDelegate, "0912345678"), (hoa.Name, hoa.Title, hoa.Group, hoa.Phone));
        Assert.Equal(code, hoa.InvitationCode);
        Assert.True(hoa.IsPresent);
        Assert.Equal(EventKinds.DelegateEdited, meeting.PendingEvents[^1].Kind);
    }

    [Fact]
    public void Edit_that_would_duplicate_another_person_or_has_a_bad_phone_is_refused_and_changes_nothing()
    {
        var meeting = TestMeetings.Live();
        meeting.AddDelegate("Phạm Thị Hoa", "", "Xóm 7", DelegateGroup.People);
        var nam = meeting.AddDelegate("Lê Văn Nam", "", "Xóm 7", DelegateGroup.People);
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đã có trong danh sách", () => meeting.EditDelegate(nam.Id, "pham thi hoa", "", "xom 7", DelegateGroup.People, null));
        Refused.AndUnchanged(meeting, "Số điện thoại không hợp lệ", () => meeting.EditDelegate(nam.Id, "Lê Văn Nam", "", "Xóm 7", DelegateGroup.People, "09ab"));
        Refused.AndUnchanged(meeting, "Thiếu họ tên", () => meeting.EditDelegate(nam.Id, "  ", "", "Xóm 7", DelegateGroup.People, null));
    }

    [Fact]
    public void Adding_the_same_person_twice_by_hand_is_refused()
    {
        var meeting = TestMeetings.Live();
        meeting.AddDelegate("Phạm Thị Hoa", "", "Xóm 7", DelegateGroup.People);
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đã có trong danh sách", () => meeting.AddDelegate("PHAM THI HOA", "", "Xom 7", DelegateGroup.People));
    }

    [Fact]
    public void Remove_takes_a_mistaken_entry_off_but_not_someone_present_or_in_the_speaker_list()
    {
        var meeting = TestMeetings.Live();
        var wrong = meeting.AddDelegate("Nhập nhầm", "", "", DelegateGroup.People);
        var present = meeting.AddDelegate("Phạm Thị Hoa", "", "Xóm 7", DelegateGroup.People);
        meeting.CheckIn(present.Id, TestMeetings.At(5));
        var speaker = meeting.AddDelegate("Lê Văn Nam", "", "Xóm 2", DelegateGroup.People);
        meeting.Submit(new SpeakRequestDraft(speaker.Name, speaker.Organization, OpinionField.Economy, "Đường xóm 2 hỏng.",
            SpeakMode.Speak, OpinionSource.Invitation, DelegateId: speaker.Id), TestMeetings.At(6));
        meeting.TakeEvents();

        meeting.RemoveDelegate(wrong.Id);

        Assert.DoesNotContain(meeting.Delegates, d => d.Id == wrong.Id);
        meeting.TakeEvents();
        Refused.AndUnchanged(meeting, "hủy điểm danh trước", () => meeting.RemoveDelegate(present.Id));
        Refused.AndUnchanged(meeting, "đã đăng ký phát biểu", () => meeting.RemoveDelegate(speaker.Id));
    }

    [Fact]
    public void A_removed_delegate_s_name_leaves_the_lines_about_them_and_the_removal_line_does_not_name_them()
    {
        var meeting = TestMeetings.Live();
        var other = meeting.AddDelegate("Phạm Thị Hoa", "", "Xóm 7", DelegateGroup.People);
        var wrong = meeting.AddDelegate("Đỗ Văn Nhầm", "Trưởng thôn", "Thôn Bắc Sơn", DelegateGroup.People);

        var traces = meeting.RemoveDelegate(wrong.Id);

        Assert.True(traces.SubjectsOnly);
        Assert.Contains(wrong.Id, traces.Subjects);
        Assert.DoesNotContain(meeting.PendingEvents, e => e.Text.Contains("Đỗ Văn Nhầm") || e.Text.Contains("Thôn Bắc Sơn"));
        Assert.Contains(meeting.PendingEvents, e => e.SubjectId == other.Id && e.Text.Contains("Phạm Thị Hoa"));
        Assert.Equal("Xóa một đại biểu (Nhân dân) khỏi danh sách.", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void Importing_the_same_rows_twice_does_not_double_the_list()
    {
        var meeting = TestMeetings.Live();
        DelegateDraft[] rows = [Row("Phạm Thị Hoa"), Row("Lê Văn Nam", "Xóm 2", DelegateGroup.People), Row("Trần Đức Bình", "UBND thành phố", DelegateGroup.CityDelegate)];

        var first = meeting.ImportDelegates(rows);
        var codes = meeting.Delegates.Select(d => d.InvitationCode).ToList();
        var second = meeting.ImportDelegates(rows);

        Assert.Equal(new DelegateImportResult(3, 0, 0), first);
        Assert.Equal(new DelegateImportResult(0, 0, 3), second);
        Assert.Equal(codes, meeting.Delegates.Select(d => d.InvitationCode));
    }

    [Fact]
    public void Re_import_matches_people_across_composed_and_decomposed_text_and_updates_changed_details()
    {
        var meeting = TestMeetings.Live();
        meeting.ImportDelegates([Row("Phạm Thị Hoa")]);
        var decomposed = "Phạm Thị Hoa".Normalize(NormalizationForm.FormD);

        var result = meeting.ImportDelegates([Row(decomposed + "  ", " xóm 7", title: "Chi hội trưởng Phụ nữ"), Row("Đỗ Văn Tâm", "Xóm 9")]);

        Assert.Equal(new DelegateImportResult(1, 1, 0), result);
        Assert.Equal(2, meeting.Delegates.Count);
        Assert.Equal("Chi hội trưởng Phụ nữ", meeting.Delegates[0].Title);
    }

    [Fact]
    public void One_bad_row_refuses_the_whole_import()
    {
        var meeting = TestMeetings.Live();
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "Thiếu họ tên", () => meeting.ImportDelegates([Row("Phạm Thị Hoa"), Row(" ")]));
        Refused.AndUnchanged(meeting, "có hai lần", () => meeting.ImportDelegates([Row("Phạm Thị Hoa"), Row("Pham Thi Hoa")]));
        Refused.AndUnchanged(meeting, "Không có dòng nào", () => meeting.ImportDelegates([]));
    }

    [Theory]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("0912.345.678", "0912345678")]
    [InlineData("+84 912-345-678", "+84912345678")]
    [InlineData("  ", null)]
    public void Phone_numbers_are_accepted_in_the_ways_people_write_them(string typed, string? stored) =>
        Assert.Equal(stored, MeetingDelegate.CleanPhone(typed));
}
