using DoiThoai.Web.Data;
using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

public sealed class TurnEndToEndTests
{
    [Fact]
    public async Task Phone_request_goes_from_submit_to_answered_outcome_and_the_journal_keeps_every_step_in_order()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        var before = demo.LastSequence;

        using var phone = new PhoneClient(app);
        var token = await phone.SubmitAsync(demo.PublicCode,
            PhoneClient.Typed("Đặng Văn Quý", "Đề nghị xã làm rõ tiến độ nâng cấp cầu qua kênh xóm 12.", "Xóm 12"));
        Assert.Equal("Đã nhận, đang chờ duyệt", (await phone.StatusJsonAsync(token)).GetProperty("headline").GetString());

        var request = (await app.LoadAsync(id)).Requests.Single(r => r.StatusToken == token);
        await app.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(request.Id, now));
        Assert.StartsWith("Ông/bà đứng thứ", (await phone.StatusJsonAsync(token)).GetProperty("headline").GetString());

        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(5, now, confirmGoingBack: false));
        var queueVersion = (await app.LoadAsync(id)).QueueVersion;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.MoveToTop(request.Id, queueVersion, now));
        var called = await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        Assert.Equal(request.Id, called.Value!.Id);

        var onFloor = await phone.StatusJsonAsync(token);
        Assert.Equal("Mời ông/bà lên phát biểu!", onFloor.GetProperty("headline").GetString());
        Assert.True(onFloor.GetProperty("isOnFloor").GetBoolean());

        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.StartTimer(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));

        await using (var db = await app.OpenDbAsync())
        {
            var economy = await db.Departments.AsNoTracking().SingleAsync(d => d.Name == "Phòng Kinh tế" && d.UnitId == DemoUnits.GiaoMinhId);
            var assigned = await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat,
                (m, now) => m.AssignDepartments(request.OpinionId!.Value, [economy.ToRef()], economy.Id, now));
            var assignment = Assert.Single(assigned.Value!);
            Assert.Equal("Phòng Kinh tế", assignment.DepartmentName);
            await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallDepartment(assignment.Id, now));
        }
        Assert.Equal("Phòng Kinh tế", (await app.LoadAsync(id)).FloorHolderName());
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat,
            (m, now) => m.SetOutcome(request.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, now));

        var done = await phone.StatusJsonAsync(token);
        Assert.Equal("Ông/bà đã phát biểu", done.GetProperty("headline").GetString());

        // The hall's elderly citizens are "ông/bà" on every public page, never "bạn".
        using (var browser = app.CreateClient())
        {
            foreach (var page in new[] { $"/m/{demo.PublicCode}", $"/s/{token}", $"/s/{token}/json" })
                Assert.DoesNotMatch(Familiar, await browser.GetStringAsync(page));
        }
        Assert.Equal("Kết quả: Đã trả lời tại hội nghị.", done.GetProperty("detail").GetString());

        var meeting = await app.LoadAsync(id);
        Assert.True(meeting.Floor.IsFree);
        Assert.Equal(SpeakRequestStatus.Spoken, meeting.FindRequest(request.Id).Status);
        Assert.Equal(OpinionOutcome.AnsweredAtMeeting, meeting.FindOpinion(request.OpinionId!.Value).Outcome);

        var journal = await app.JournalAfterAsync(id, before);
        Assert.Equal(
        [
            EventKinds.RequestSubmitted, EventKinds.RequestApproved,
            EventKinds.MeetingStarted, EventKinds.StepStarted, EventKinds.StepStarted,
            EventKinds.QueueReordered, EventKinds.SpeakerCalled, EventKinds.TimerStarted, EventKinds.TurnFinished,
            EventKinds.DepartmentsAssigned, EventKinds.DepartmentCalled, EventKinds.TurnFinished, EventKinds.OutcomeSet,
        ], journal.Select(e => e.Kind));
        // One journal, no holes: sequence numbers follow each other.
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => before + i), journal.Select(e => e.Sequence));
        Assert.Equal(meeting.LastSequence, journal[^1].Sequence);
        Assert.Equal("Nhân dân", journal[0].Actor);
        Assert.Equal("tiepnhan", journal[1].Actor);
        Assert.Contains("Phòng Kinh tế", journal.Single(e => e.Kind == EventKinds.DepartmentCalled).Text);
        Assert.Contains("Đặng Văn Quý", journal.Single(e => e.Kind == EventKinds.SpeakerCalled).Text);
    }

    private static readonly System.Text.RegularExpressions.Regex Familiar = new(@"(?i)(?<!\p{L})bạn(?!\p{L})");
}
