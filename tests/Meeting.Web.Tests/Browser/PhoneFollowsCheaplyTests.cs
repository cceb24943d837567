using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// A change costs the server only the lines it changed: two phones follow their own lines; when one is approved, only
/// that phone is told and reads its line again; the other is sent nothing and stays as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneFollowsCheaplyTests(BrowserHall hall)
{
    [Fact]
    public async Task Only_the_phone_whose_line_changed_reads_it_again()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Only_the_phone_whose_line_changed_reads_it_again));
        await seats.RunAsync(async () =>
        {
            var first = await OpenPhoneAsync(seats, "phone-a", meeting.PublicCode, new("Trần Thị Lan", "Xóm 2", "Kinh tế", "Đề nghị xã nạo vét kênh xóm 2."));
            var second = await OpenPhoneAsync(seats, "phone-b", meeting.PublicCode, new("Phạm Văn Tư", "Xóm 7", "Kinh tế", "Đề nghị sửa cống xóm 7."));
            // Each status page reads its line once when it starts following, and then only when told its line changed.
            await WaitForReadsAsync(first, 1);
            await WaitForReadsAsync(second, 1);

            var stored = await hall.App.LoadAsync(meeting.Id);
            var sequenceBefore = await second.Page.Locator("#status-root").GetAttributeAsync("data-sequence");
            var request = stored.Requests.Single(r => r.Number == first.Number);
            var approved = await hall.App.MustAsync(meeting.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(request.Id, now));

            await PhoneSeat.ExpectHeadlineAsync(first.Page, "Ông/bà đứng thứ");
            Assert.True(first.Reads >= 2, "The approved phone should read its line again.");
            await Expect(first.Page.Locator("#status-root")).ToHaveAttributeAsync("data-sequence", approved.Sequence.ToString());
            // The other phone's line did not change: it was sent nothing (its sequence stays) and read nothing.
            await Task.Delay(MeetingFeed.PublicInterval * 2);
            await Expect(second.Page.Locator("#status-root")).ToHaveAttributeAsync("data-sequence", sequenceBefore!);
            await PhoneSeat.ExpectHeadlineAsync(second.Page, "Đã nhận, đang chờ duyệt");
            Assert.Equal(1, second.Reads);
        });
    }

    private sealed class Phone(IPage page)
    {
        private int _reads;
        public IPage Page { get; } = page;
        public int Number { get; set; }
        public int Reads => Volatile.Read(ref _reads);
        public void CountRead() => Interlocked.Increment(ref _reads);
    }

    private static async Task WaitForReadsAsync(Phone phone, int reads)
    {
        for (var i = 0; i < 300 && phone.Reads < reads; i++) await Task.Delay(100);
        Assert.Equal(reads, phone.Reads);
    }

    private static async Task<Phone> OpenPhoneAsync(Seats seats, string name, string code, PhoneSeat.Typed typed)
    {
        var phone = new Phone(await seats.OpenAsync(name, $"/m/{code}", Seats.PhoneWidth, Seats.PhoneHeight));
        // Counted from before the status page exists: every read of the phone's own line goes through here.
        await phone.Page.RouteAsync("**/s/*/json", async route =>
        {
            phone.CountRead();
            await route.ContinueAsync();
        });
        await PhoneSeat.FillAsync(phone.Page, typed);
        phone.Number = await PhoneSeat.SubmitAsync(phone.Page);
        await Expect(phone.Page.Locator("#live-indicator")).ToContainTextAsync("Đang cập nhật trực tiếp");
        return phone;
    }
}
