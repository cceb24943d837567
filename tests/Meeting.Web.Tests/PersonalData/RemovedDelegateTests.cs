using DoiThoai.Domain;
using DoiThoai.Web.Features.Delegates;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.PersonalData;

/// <summary>A delegate taken off the list by mistake leaves no name behind in the stored journal.</summary>
public sealed class RemovedDelegateTests
{
    [Fact]
    public async Task Removing_a_delegate_scrubs_their_name_from_the_stored_journal_and_keeps_everyone_else_s()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var office = TestApp.Staff(StaffRoles.Organizer, "vanphong");
        var added = await app.Commands.RunAsync(meeting.Id, office, StaffRoles.DelegateList,
            (m, _) => m.AddDelegate("Đỗ Văn Nhầm", "", "Thôn Bắc Sơn", DelegateGroup.People).Id);
        Assert.True(added.Ok, added.Error);
        Assert.True((await app.Commands.RunAsync(meeting.Id, office, StaffRoles.DelegateList,
            (m, _) => m.EditDelegate(added.Value, "Đỗ Văn Nhầm", "Trưởng thôn", "Thôn Bắc Sơn", DelegateGroup.People, "0912000111"))).Ok);
        Assert.Contains(await JournalAsync(app, meeting.Id), line => line.Contains("Đỗ Văn Nhầm"));
        var before = await JournalAsync(app, meeting.Id);

        var removed = await app.Commands.RemoveDelegateAsync(meeting.Id, office, added.Value);

        Assert.True(removed.Ok, removed.Error);
        var after = await JournalAsync(app, meeting.Id);
        Assert.DoesNotContain(after, line => line.Contains("Đỗ Văn Nhầm") || line.Contains("Bắc Sơn"));
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before.Where(l => !l.Contains("Đỗ Văn Nhầm")), after.Where(l => !l.Contains(DoiThoai.Domain.PersonalData.Marker)).SkipLast(1));
        Assert.Contains("Xóa một đại biểu (Nhân dân) khỏi danh sách.", after[^1]);

        // The reception desk may remove; an account without the right may not, and nothing changes.
        var again = await app.Commands.RemoveDelegateAsync(meeting.Id, TestApp.Staff(StaffRoles.Secretary), meeting.Delegates[0].Id);
        Assert.False(again.Ok);
        Assert.Equal(after, await JournalAsync(app, meeting.Id));
    }

    private static async Task<List<string>> JournalAsync(TestApp app, Guid meetingId)
    {
        await using var db = await app.OpenDbAsync();
        return await db.Journal.Where(e => e.MeetingId == meetingId).OrderBy(e => e.Sequence).Select(e => e.Text).ToListAsync();
    }
}
