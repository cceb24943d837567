using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Calendar;

/// <summary>What the office enters on /calendar is what the app counts deadlines on: the notice the secretary downloads moves with it.</summary>
public sealed class CalendarDeadlineTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Office = TestApp.Staff(StaffRoles.Organizer, "vanphong");
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_entered_day_off_or_Saturday_worked_moves_the_notice_date_and_the_answer_deadline()
    {
        var meeting = await _app.DemoMeetingAsync();
        var meetingDate = DateOnly.FromDateTime(Clock.ToHallTime(meeting.StartedAt ?? meeting.ScheduledStart).DateTime);
        var calendars = _app.AppServices.GetRequiredService<CalendarService>();
        using var secretary = await _app.SignedInClientAsync("thuky");

        async Task AssertNoticeCountedOn(WorkingCalendar expected)
        {
            var due = expected.AddWorkingDays(meetingDate, ConclusionNotice.NoticeWorkingDays);
            var answer = expected.AddWorkingDays(due, ConclusionNotice.AnswerWorkingDays);
            var response = await secretary.GetAsync($"/minutes/{meeting.Id}/thong-bao-ket-luan.docx");
            response.EnsureSuccessStatusCode();
            using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            var body = doc.MainDocumentPart!.Document!.Body!;
            Assert.Contains($"Giao Minh, {LongDate(due)}", body.Elements<Table>().First().InnerText);
            Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText.StartsWith("3.1.", StringComparison.Ordinal)
                && p.InnerText.Contains($"chậm nhất ngày {answer.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
        }

        var builtIn = WorkingCalendar.Vietnam();
        await AssertNoticeCountedOn(builtIn);

        // A weekday given off (e.g. a swap announced for the province): every deadline after it moves a working day later.
        var dayOff = builtIn.AddWorkingDays(meetingDate, 1);
        Assert.Null(await calendars.AddAsync(Office, dayOff, false, "Nghỉ hoán đổi theo thông báo (thử)"));
        var withDayOff = WorkingCalendar.Vietnam([new(dayOff, false, "")]);
        Assert.True(withDayOff.AddWorkingDays(meetingDate, 10) > builtIn.AddWorkingDays(meetingDate, 10));
        await AssertNoticeCountedOn(withDayOff);

        // Removed, and a Saturday worked back instead: the deadline comes a working day earlier.
        Assert.Null(await calendars.RemoveAsync(Office, dayOff));
        var saturday = meetingDate.AddDays((DayOfWeek.Saturday - meetingDate.DayOfWeek + 7) % 7);
        if (saturday == meetingDate) saturday = saturday.AddDays(7);
        Assert.Null(await calendars.AddAsync(Office, saturday, true, "Làm bù (thử)"));
        var withSaturday = WorkingCalendar.Vietnam([new(saturday, true, "")]);
        Assert.True(withSaturday.AddWorkingDays(meetingDate, 10) < builtIn.AddWorkingDays(meetingDate, 10));
        await AssertNoticeCountedOn(withSaturday);

        Assert.Null(await calendars.RemoveAsync(Office, saturday));
        await AssertNoticeCountedOn(builtIn);
    }

    /// <summary>NĐ 30 date words, written out here rather than taken from the code under test.</summary>
    private static string LongDate(DateOnly d) =>
        $"ngày {d.Day:00} tháng {(d.Month <= 2 ? "0" + d.Month : d.Month.ToString(CultureInfo.InvariantCulture))} năm {d.Year}";
}
