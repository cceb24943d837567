using System.Text;
using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class DelegateTests
{
    private static readonly Guid MeetingId = Guid.NewGuid();

    private static MeetingDelegate Hoa() =>
        new(MeetingId, "Phạm Thị Hoa", "Chi hội trưởng Phụ nữ", "Xóm 7", DelegateGroup.VillageDelegate);

    [Fact]
    public void Check_in_records_the_time()
    {
        var hoa = Hoa();

        hoa.CheckIn(At(60));

        Assert.True(hoa.IsPresent);
        Assert.Equal(At(60), hoa.CheckedInAt);
    }

    [Fact]
    public void A_second_check_in_says_when_the_first_was_and_changes_nothing()
    {
        var hoa = Hoa();
        hoa.CheckIn(new DateTimeOffset(2026, 5, 9, 13, 52, 0, TimeSpan.FromHours(7)));

        var refused = Assert.Throws<MeetingRuleException>(() => hoa.CheckIn(At(600)));

        Assert.Contains("đã điểm danh lúc 13:52", refused.Message);
        Assert.Equal(new DateTimeOffset(2026, 5, 9, 13, 52, 0, TimeSpan.FromHours(7)), hoa.CheckedInAt);
    }

    [Fact]
    public void Undo_check_in_clears_a_mistake_and_is_refused_when_not_checked_in()
    {
        var hoa = Hoa();
        Assert.Contains("chưa điểm danh", Assert.Throws<MeetingRuleException>(hoa.UndoCheckIn).Message);
        hoa.CheckIn(At(60));

        hoa.UndoCheckIn();

        Assert.False(hoa.IsPresent);
    }

    [Fact]
    public void A_delegate_without_a_name_is_refused()
    {
        Assert.Contains("Thiếu họ tên", Assert.Throws<MeetingRuleException>(
            () => new MeetingDelegate(MeetingId, "   ", "", "Xóm 1", DelegateGroup.People)).Message);
    }

    [Fact]
    public void Invitation_codes_are_short_and_distinct()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => Hoa().InvitationCode).ToList();

        Assert.All(codes, c => Assert.Equal(MeetingDelegate.InvitationCodeLength, c.Length));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("pham thi hoa")]
    [InlineData("PHẠM THỊ")]
    [InlineData("xom 7")]
    [InlineData("phu nu")]
    public void Search_ignores_diacritics_and_case(string query)
    {
        Assert.True(Hoa().Matches(query));
        Assert.True(Hoa().Matches(query.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Names_typed_in_decomposed_unicode_are_stored_composed()
    {
        var decomposed = new MeetingDelegate(MeetingId, "Nguyễn  Văn   An".Normalize(NormalizationForm.FormD), "", "", DelegateGroup.People);

        Assert.Equal("Nguyễn Văn An", decomposed.Name);
    }

    [Fact]
    public void Attendance_counts_present_and_invited_per_group()
    {
        var list = new[]
        {
            Hoa(), Hoa(),
            new MeetingDelegate(MeetingId, "Trần Văn Hùng", "Bí thư Đảng ủy", "Đảng ủy xã", DelegateGroup.CommuneDelegate),
        };
        list[0].CheckIn(At(10));
        list[2].CheckIn(At(20));

        var tally = Attendance.ByGroup(list);

        Assert.Equal(
            [new GroupAttendance(DelegateGroup.CommuneDelegate, 1, 1), new GroupAttendance(DelegateGroup.VillageDelegate, 1, 2)],
            tally);
        Assert.Equal("Đại biểu thôn, xóm", DelegateGroup.VillageDelegate.ToVietnamese());
    }
}

public class MeetingCheckInTests
{
    [Fact]
    public void Check_in_by_code_marks_present_and_journals_the_attendance()
    {
        var meeting = TestMeetings.Live();
        var hoa = meeting.AddDelegate("Phạm Thị Hoa", "Trưởng xóm", "Xóm 7", DelegateGroup.VillageDelegate);
        meeting.AddDelegate("Lê Văn Nam", "", "Xóm 2", DelegateGroup.People);
        meeting.TakeEvents();

        meeting.CheckInByCode(hoa.InvitationCode.ToLowerInvariant(), TestMeetings.At(30));

        Assert.True(hoa.IsPresent);
        var e = Assert.Single(meeting.PendingEvents);
        Assert.Equal(EventKinds.AttendanceChanged, e.Kind);
        Assert.Contains("Có mặt 1/2", e.Text);
    }

    [Fact]
    public void A_wrong_or_foreign_code_is_refused_and_changes_nothing()
    {
        var meeting = TestMeetings.Live();
        meeting.AddDelegate("Phạm Thị Hoa", "", "Xóm 7", DelegateGroup.VillageDelegate);
        var other = TestMeetings.Live().AddDelegate("Người họp khác", "", "", DelegateGroup.People);
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "Mã giấy mời không đúng", () => meeting.CheckInByCode(other.InvitationCode, TestMeetings.At(30)));
        Assert.DoesNotContain(meeting.Delegates, d => d.IsPresent);
    }

    [Fact]
    public void A_walk_in_becomes_a_present_delegate_of_the_people()
    {
        var meeting = TestMeetings.Live();

        var walkIn = meeting.AddWalkIn("Đỗ Văn Tâm", "Xóm 9", TestMeetings.At(30));

        Assert.Equal(DelegateGroup.People, walkIn.Group);
        Assert.True(walkIn.IsPresent);
        // Counted apart from the invited: "có mặt/được mời" never counts someone who was not invited.
        Assert.Equal([new GroupAttendance(DelegateGroup.People, 0, 0, 1)], meeting.AttendanceByGroup());
        Assert.Equal("Nhân dân: 0/0 (+1 không có giấy mời)", meeting.AttendanceByGroup()[0].Short());
    }
}
