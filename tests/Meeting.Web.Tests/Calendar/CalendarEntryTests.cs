using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Calendar;

/// <summary>Entering swaps through the service: bad input is refused in Vietnamese and changes nothing; entries survive a restart.</summary>
public sealed class CalendarEntryTests
{
    private static readonly ClaimsPrincipal Office = TestApp.Staff(StaffRoles.Organizer, "vanphong");
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public async Task Bad_entries_and_other_roles_are_refused_and_the_calendar_is_left_as_it_was()
    {
        await using var app = new TestApp();
        var calendars = app.AppServices.GetRequiredService<CalendarService>();
        var before = await calendars.CalendarAsync();
        var wednesday = D(2027, 3, 10);
        Assert.Equal(DayOfWeek.Wednesday, wednesday.DayOfWeek);

        var refusals = new (ClaimsPrincipal User, DateOnly? Date, bool? Working, string? Reason, string Message)[]
        {
            (TestApp.Staff(StaffRoles.Reception), wednesday, false, "Nghỉ", MeetingCommands.NoPermission),
            (TestApp.Staff(StaffRoles.Secretary), wednesday, false, "Nghỉ", MeetingCommands.NoPermission),
            (Office, null, false, "Nghỉ", "Hãy chọn ngày"),
            (Office, D(1999, 12, 31), false, "Nghỉ", "từ năm 2000 đến năm 2099"),
            (Office, wednesday, null, "Nghỉ", "ngày nghỉ hay ngày làm bù"),
            (Office, wednesday, false, "   ", "Hãy ghi lý do"),
            (Office, wednesday, false, null, "Hãy ghi lý do"),
            (Office, wednesday, false, new string('x', CalendarService.MaxReasonLength + 1), "tối đa 200 ký tự"),
            // Entries that would change nothing: most likely a wrong date or the wrong kind.
            (Office, wednesday, true, "Làm bù", "vốn là ngày làm việc"),
            (Office, D(2027, 3, 14), false, "Nghỉ", "đã là ngày nghỉ (Chủ nhật)"),
            (Office, D(2027, 2, 8), false, "Nghỉ Tết", "đã là ngày nghỉ (Tết Nguyên đán)"),
        };
        foreach (var (user, date, working, reason, message) in refusals)
            Assert.Contains(message, await calendars.AddAsync(user, date, working, reason));

        Assert.Empty(await calendars.EntriesAsync());
        Assert.Same(before, await calendars.CalendarAsync());
        Assert.Equal(MeetingCommands.NoPermission, await calendars.RemoveAsync(TestApp.Staff(StaffRoles.Reception), wednesday));
        Assert.Contains("không còn trong danh sách", await calendars.RemoveAsync(Office, wednesday));
    }

    [Fact]
    public async Task A_second_entry_for_the_same_day_is_refused_not_swapped_in_and_entries_survive_a_restart()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        var friday = D(2027, 12, 31);
        await using (var app = new TestApp(dataDirectory))
        {
            var calendars = app.AppServices.GetRequiredService<CalendarService>();
            Assert.True((await calendars.CalendarAsync(DemoUnits.GiaoMinhId)).IsWorkingDay(friday));
            Assert.Null(await calendars.AddAsync(Office, friday, false, "  Nghỉ   cuối năm  "));
            Assert.False((await calendars.CalendarAsync(DemoUnits.GiaoMinhId)).IsWorkingDay(friday));

            var refused = await calendars.AddAsync(Office, friday, false, "Nghỉ khác");
            Assert.Equal("Ngày 31/12/2027 đã được nhập (nghỉ: Nghỉ cuối năm). Muốn đổi, hãy xóa dòng đó rồi nhập lại.", refused);
            var entry = Assert.Single(await calendars.EntriesAsync(DemoUnits.GiaoMinhId));
            Assert.Equal((friday, false, "Nghỉ cuối năm", "vanphong"), (entry.Date, entry.IsWorkingDay, entry.Reason, entry.EnteredBy));
        }

        await using var restarted = new TestApp(dataDirectory);
        var calendar = await restarted.AppServices.GetRequiredService<CalendarService>().CalendarAsync(DemoUnits.GiaoMinhId);
        Assert.False(calendar.IsWorkingDay(friday));
        Assert.Equal("Nghỉ cuối năm", calendar.WhyOff(friday));
        Assert.Equal(D(2028, 1, 4), calendar.AddWorkingDays(D(2027, 12, 30), 1)); // 31/12 entered, 1/1 Tết Dương lịch (Saturday) gives Monday 3/1 off
    }

    [Fact]
    public async Task A_commune_s_day_off_counts_for_it_alone_and_only_the_province_enters_national_days_which_count_everywhere()
    {
        await using var app = new TestApp();
        var calendars = app.AppServices.GetRequiredService<CalendarService>();
        var giaoHoa = TestApp.Staff(StaffRoles.Organizer, "giaohoa", DemoUnits.GiaoHoaId);
        var province = TestApp.Staff(StaffRoles.Organizer, "tinh", DemoUnits.ProvinceId);
        var (monday, tuesday, wednesday) = (D(2027, 3, 8), D(2027, 3, 9), D(2027, 3, 10));

        // The commune office's day off: its own deadlines move, its neighbour's and the province's do not.
        Assert.Null(await calendars.AddAsync(giaoHoa, monday, false, "Nghỉ lễ hội làng"));
        Assert.False((await calendars.CalendarAsync(DemoUnits.GiaoHoaId)).IsWorkingDay(monday));
        Assert.True((await calendars.CalendarAsync(DemoUnits.GiaoMinhId)).IsWorkingDay(monday));
        Assert.True((await calendars.CalendarAsync(DemoUnits.ProvinceId)).IsWorkingDay(monday));
        Assert.True((await calendars.CalendarAsync()).IsWorkingDay(monday));
        Assert.DoesNotContain(await calendars.EntriesAsync(DemoUnits.GiaoMinhId), e => e.Date == monday);
        // Nor can the neighbour remove it: its own list has no such day.
        Assert.Contains("không còn trong danh sách", await calendars.RemoveAsync(Office, monday));
        Assert.False((await calendars.CalendarAsync(DemoUnits.GiaoHoaId)).IsWorkingDay(monday));

        // A commune may not enter a national day; nothing is saved.
        Assert.Equal(CalendarService.NationalOnlyTop, await calendars.AddAsync(giaoHoa, tuesday, false, "Nghỉ", national: true));
        Assert.Equal(CalendarService.NationalOnlyTop, await calendars.RemoveAsync(giaoHoa, monday, national: true));
        Assert.True((await calendars.CalendarAsync()).IsWorkingDay(tuesday));

        // The province's own day counts for it and every commune under it; a national day counts for all.
        Assert.Null(await calendars.AddAsync(province, tuesday, false, "Nghỉ theo quyết định của tỉnh"));
        Assert.Null(await calendars.AddAsync(province, wednesday, false, "Nghỉ theo thông báo của Chính phủ", national: true));
        foreach (Guid? unit in new Guid?[] { DemoUnits.ProvinceId, DemoUnits.GiaoMinhId, DemoUnits.GiaoHoaId })
        {
            var calendar = await calendars.CalendarAsync(unit);
            Assert.False(calendar.IsWorkingDay(tuesday));
            Assert.False(calendar.IsWorkingDay(wednesday));
        }
        Assert.True((await calendars.CalendarAsync()).IsWorkingDay(tuesday));
        Assert.False((await calendars.CalendarAsync()).IsWorkingDay(wednesday));

        // Most general first: national, then the province, then the commune's own.
        var giaoHoaEntries = await calendars.EntriesAsync(DemoUnits.GiaoHoaId);
        Assert.Equal([wednesday, tuesday, monday], giaoHoaEntries.Select(e => e.Date));
        Assert.Equal([CalendarService.National, DemoUnits.ProvinceId, DemoUnits.GiaoHoaId], giaoHoaEntries.Select(e => e.UnitId));

        // A commune works back on the province's day off: the nearest entry wins, for that commune only.
        Assert.Null(await calendars.AddAsync(Office, tuesday, true, "Giao Minh làm việc bình thường"));
        Assert.True((await calendars.CalendarAsync(DemoUnits.GiaoMinhId)).IsWorkingDay(tuesday));
        Assert.False((await calendars.CalendarAsync(DemoUnits.GiaoHoaId)).IsWorkingDay(tuesday));

        // The meeting's deadlines follow its unit's calendar.
        var meeting = await app.DemoMeetingAsync();
        Assert.Equal(DemoUnits.GiaoMinhId, await app.AppServices.GetRequiredService<DoiThoai.Web.Features.Units.UnitAccess>().UnitOfMeetingAsync(meeting.Id));
        var meetingCalendar = await calendars.ForMeetingAsync(meeting.Id);
        Assert.True(meetingCalendar.IsWorkingDay(tuesday));
        Assert.False(meetingCalendar.IsWorkingDay(wednesday));
        Assert.True(meetingCalendar.IsWorkingDay(monday));
    }
}
