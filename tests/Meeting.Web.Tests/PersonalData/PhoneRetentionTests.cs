using DoiThoai.Domain;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.FollowUp;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.PersonalData;

/// <summary>DoiThoai:PersonalData: phone numbers go once every written answer of the meeting is in (and the days set have passed).</summary>
public sealed class PhoneRetentionTests
{
    /// <summary>
    /// The demo meeting with an opinion collected before it (by MTTQ) that left a phone number, played to its end and its
    /// notice issued: two written answers, the played one and the collected one, both led by Phòng Kinh tế. (The phone is
    /// not on a request still waiting at the end: the played meeting withdraws those, and withdrawing drops the phone.)
    /// </summary>
    private static async Task<(FollowedMeeting Followed, IReadOnlyList<FollowUpItem> Items, Guid WithPhone)> PrepareAsync(TestApp app)
    {
        var demo = await app.DemoMeetingAsync();
        var withPhone = (await app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.CollectOpinion(
            new CollectedOpinionDraft("Đặng Thị Ngọc Ánh", "Xóm 7", OpinionField.Economy, "Đề nghị xây nhà văn hóa xóm 7.", CollectedChannel.Front,
                null, Phone: "0987654321"), now))).Value!.Id;
        var followed = await FollowedMeeting.PlayAsync(app);
        var kinhTe = followed.KinhTe;
        await app.MustAsync(followed.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(withPhone, [kinhTe.ToRef()], kinhTe.Id, now));
        var service = FollowedMeeting.Service(app);
        var issued = await service.IssueNoticeAsync(followed.Id, Hall.Secretary, FollowedMeeting.NoticeNumber, service.Today, complex: false);
        Assert.True(issued.Ok, issued.Error);
        await using var db = await app.OpenDbAsync();
        var items = await db.Set<FollowUpItem>().AsNoTracking().Where(i => i.MeetingId == followed.Id).OrderBy(i => i.OpinionNumber).ToListAsync();
        Assert.Equal(2, items.Count);
        return (followed, items, withPhone);
    }

    private static async Task AnswerAsync(TestApp app, FollowedMeeting followed, FollowUpItem item)
    {
        var service = FollowedMeeting.Service(app);
        Assert.Null(await service.RecordAnswerAsync(FollowedMeeting.DepartmentStaff(followed.KinhTe.Id), item.Id,
            new AnswerInput("UBND xã đã chỉ đạo sửa đường trục xóm.", "12/UBND", service.Today), null));
    }

    private static async Task<int> PhonesAsync(TestApp app, Guid meetingId)
    {
        var meeting = await app.LoadAsync(meetingId);
        return meeting.Requests.Count(r => r.Phone is not null) + meeting.Opinions.Count(o => o.SubmitterPhone is not null);
    }

    [Fact]
    public async Task Phones_are_kept_while_an_answer_is_awaited_and_dropped_once_the_follow_up_closes()
    {
        await using var app = new TestApp();
        var (followed, items, withPhone) = await PrepareAsync(app);
        var retention = app.AppServices.GetRequiredService<PhoneRetention>();
        var today = FollowedMeeting.Service(app).Today;

        Assert.Equal(0, await retention.RunAsync(today));
        Assert.Equal("0987654321", (await app.LoadAsync(followed.Id)).FindOpinion(withPhone).SubmitterPhone);
        // One answer in, one still awaited: the phone stays.
        await AnswerAsync(app, followed, items[0]);
        Assert.Equal(0, await retention.RunAsync(today));
        Assert.Equal("0987654321", (await app.LoadAsync(followed.Id)).FindOpinion(withPhone).SubmitterPhone);

        await AnswerAsync(app, followed, items[1]);
        var before = await app.LoadAsync(followed.Id);
        Assert.Equal(1, await retention.RunAsync(today));

        var after = await app.LoadAsync(followed.Id);
        Assert.Equal(0, await PhonesAsync(app, followed.Id));
        Assert.Equal("Đặng Thị Ngọc Ánh", after.FindOpinion(withPhone).SubmitterName);
        Assert.Equal(before.Requests.Count, after.Requests.Count);
        var line = Assert.Single(await app.JournalAfterAsync(followed.Id, before.LastSequence));
        Assert.Equal(EventKinds.PhonesForgotten, line.Kind);
        Assert.Equal(PhoneRetention.Actor, line.Actor);
        // Nothing left to drop: the next run changes nothing and journals nothing.
        Assert.Equal(0, await retention.RunAsync(today));
        Assert.Empty(await app.JournalAfterAsync(followed.Id, line.Sequence));
    }

    [Fact]
    public async Task The_days_set_are_waited_and_the_rule_can_be_turned_off()
    {
        await using (var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:PersonalData:DaysAfterFollowUp"] = "30" }))
        {
            var (followed, items, _) = await PrepareAsync(app);
            foreach (var item in items) await AnswerAsync(app, followed, item);
            var retention = app.AppServices.GetRequiredService<PhoneRetention>();
            var today = FollowedMeeting.Service(app).Today;
            var phones = await PhonesAsync(app, followed.Id);
            Assert.True(phones > 0);

            Assert.Equal(0, await retention.RunAsync(today.AddDays(29)));
            Assert.Equal(phones, await PhonesAsync(app, followed.Id));
            Assert.Equal(1, await retention.RunAsync(today.AddDays(30)));
            Assert.Equal(0, await PhonesAsync(app, followed.Id));
        }
        await using (var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:PersonalData:ErasePhonesAfterFollowUp"] = "false" }))
        {
            var (followed, items, _) = await PrepareAsync(app);
            foreach (var item in items) await AnswerAsync(app, followed, item);
            var phones = await PhonesAsync(app, followed.Id);

            Assert.Equal(0, await app.AppServices.GetRequiredService<PhoneRetention>().RunAsync(FollowedMeeting.Service(app).Today.AddDays(365)));
            Assert.Equal(phones, await PhonesAsync(app, followed.Id));
        }
    }
}
