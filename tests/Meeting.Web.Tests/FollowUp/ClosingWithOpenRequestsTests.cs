using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// Bế mạc with people still waiting: their phones say their opinion will be answered in writing (no more "Ông/bà đứng
/// thứ 7" with "Rút đăng ký"), the notice is refused until each has a lead department, then takes all of them up.
/// </summary>
public sealed class ClosingWithOpenRequestsTests
{
    [Fact]
    public async Task Closing_answers_the_waiting_in_writing_their_phones_say_so_and_the_notice_takes_them_all_up()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var queued = demo.QueuedRequests()[0];
        var unscreened = demo.Requests.First(r => r.Status == SpeakRequestStatus.Submitted);
        using var phone = new PhoneClient(app);
        var before = await phone.StatusJsonAsync(queued.StatusToken);
        Assert.StartsWith("Ông/bà đứng thứ", before.GetProperty("headline").GetString());
        Assert.True(before.GetProperty("canWithdraw").GetBoolean());

        await app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var open = (await app.LoadAsync(demo.Id)).OpenItems();
        Assert.Contains(open.Queued, r => r.Id == queued.Id);
        Assert.Contains(open.Unscreened, r => r.Id == unscreened.Id);
        await app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));

        foreach (var token in new[] { queued.StatusToken, unscreened.StatusToken })
        {
            var line = await phone.StatusJsonAsync(token);
            Assert.Equal("Ý kiến đã được ghi nhận", line.GetProperty("headline").GetString());
            Assert.StartsWith("Ý kiến sẽ được trả lời bằng văn bản.", line.GetProperty("detail").GetString());
            Assert.False(line.GetProperty("canWithdraw").GetBoolean());
        }
        var ended = await app.LoadAsync(demo.Id);
        Assert.True(ended.OpenItems().IsEmpty);
        Assert.Contains(await app.JournalAfterAsync(demo.Id, 0), e => e.Text.Contains("Khi bế mạc, chuyển trả lời bằng văn bản: " + open.Describe()));

        // The notice names what still needs a lead department, and once each has one it hands every opinion on.
        var service = FollowedMeeting.Service(app);
        var refused = await service.IssueNoticeAsync(demo.Id, Hall.Secretary, FollowedMeeting.NoticeNumber, service.Today, false);
        Assert.False(refused.Ok);
        Assert.Contains("chưa giao phòng, ban chủ trì", refused.Error);
        Department lead;
        await using (var db = await app.OpenDbAsync())
            lead = await db.Departments.AsNoTracking().FirstAsync(d => d.UnitId == DemoUnits.GiaoMinhId);
        foreach (var opinion in ConclusionNotice.WithoutLead(ended))
            await app.MustAsync(demo.Id, Hall.Secretary, StaffRoles.AnswerStaff, (m, now) => m.AssignDepartments(opinion.Id, [lead.ToRef()], lead.Id, now));
        var toAnswer = ConclusionNotice.ToAnswerInWriting(await app.LoadAsync(demo.Id));
        Assert.Contains(toAnswer, o => o.Id == queued.OpinionId);
        Assert.Contains(toAnswer, o => o.Id == unscreened.OpinionId);

        var issued = await service.IssueNoticeAsync(demo.Id, Hall.Secretary, FollowedMeeting.NoticeNumber, service.Today, false);
        Assert.True(issued.Ok, issued.Error);
        Assert.Equal(toAnswer.Count, issued.Items);
    }
}
