using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.PersonalData;

/// <summary>"Rút và xóa thông tin của tôi" on the status link, over real HTTP: allowed while waiting for screening only.</summary>
public sealed class PhoneSelfEraseTests
{
    private const string Name = "Phạm Thị Xuân Hoa";
    private const string Content = "Đề nghị nạo vét mương tiêu úng cánh đồng Mả Vôi trước mùa mưa.";

    private static async Task<string> SubmitAsync(TestApp app, PhoneClient phone, string code)
    {
        await phone.OpenFormAsync(code);
        var typed = PhoneClient.Typed(name: Name, content: Content, place: "Xóm Bến Đò");
        typed["phone"] = "0912 345 678";
        typed["consent"] = "yes";
        return PhoneClient.StatusTokenOf(await phone.PostAsync(code, typed));
    }

    [Fact]
    public async Task A_request_waiting_for_screening_is_withdrawn_and_forgotten_after_two_steps_and_its_number_stays()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        using var phone = new PhoneClient(app);
        var token = await SubmitAsync(app, phone, demo.PublicCode);
        var count = await app.RequestCountAsync(demo.Id);

        var status = await (await phone.Http.GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        Assert.Contains("Rút và xóa thông tin của tôi", status);
        var confirm = await phone.Http.GetAsync($"/s/{token}/xoa");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var confirmHtml = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("Đồng ý rút và xóa", confirmHtml);
        // Opening the confirmation changes nothing.
        Assert.Equal(Name, (await app.LoadAsync(demo.Id)).Requests.Single(r => r.StatusToken == token).Name);

        var erased = await phone.Http.PostAsync($"/s/{token}/xoa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(confirmHtml, PhoneClient.AntiforgeryField)!,
        }));

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Contains("Đã rút và xóa thông tin", await erased.Content.ReadAsStringAsync());
        var meeting = await app.LoadAsync(demo.Id);
        var request = meeting.Requests.Single(r => r.StatusToken == token);
        Assert.Equal(SpeakRequestStatus.Withdrawn, request.Status);
        Assert.Equal(DoiThoai.Domain.PersonalData.Marker, request.Name);
        Assert.Equal("", request.Place);
        Assert.Null(request.Phone);
        var opinion = meeting.OpinionOf(request)!;
        Assert.Equal(DoiThoai.Domain.PersonalData.Marker, opinion.SubmitterName);
        Assert.Equal(DoiThoai.Domain.PersonalData.Marker, opinion.Content);
        Assert.Null(opinion.SubmitterPhone);
        Assert.Equal(count, await app.RequestCountAsync(demo.Id));
        await using (var db = await app.OpenDbAsync())
        {
            var journal = await db.Journal.AsNoTracking().Where(e => e.MeetingId == demo.Id).Select(e => e.Text).ToListAsync();
            Assert.DoesNotContain(journal, t => t.Contains(Name) || t.Contains(Content) || t.Contains("Bến Đò"));
            Assert.Contains(journal, t => t.Contains($"Phiếu số {request.Number}: {DoiThoai.Domain.PersonalData.Marker} đăng ký"));
        }
        var after = await (await phone.Http.GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Name, after);
        Assert.DoesNotContain("Rút và xóa thông tin của tôi", after);
        Assert.Contains($"Số {request.Number}", after);
    }

    [Fact]
    public async Task After_screening_the_erase_is_refused_in_Vietnamese_and_nothing_changes()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        using var phone = new PhoneClient(app);
        var token = await SubmitAsync(app, phone, demo.PublicCode);
        var statusHtml = await (await phone.Http.GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        var requestId = (await app.LoadAsync(demo.Id)).Requests.Single(r => r.StatusToken == token).Id;
        var approved = await app.Commands.RunAsync(demo.Id, TestApp.Staff(StaffRoles.Reception), StaffRoles.ReceptionSeat, (m, now) => m.Approve(requestId, now));
        Assert.True(approved.Ok, approved.Error);

        var page = await (await phone.Http.GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Rút và xóa thông tin của tôi", page);
        var confirm = await phone.Http.GetAsync($"/s/{token}/xoa");
        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Contains("không thể tự xóa nữa", await confirm.Content.ReadAsStringAsync());
        // A form kept open from before the screening is refused by the meeting itself.
        var posted = await phone.Http.PostAsync($"/s/{token}/xoa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(statusHtml, PhoneClient.AntiforgeryField)!,
        }));
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("không thể tự xóa nữa", await posted.Content.ReadAsStringAsync());

        var request = (await app.LoadAsync(demo.Id)).Requests.Single(r => r.StatusToken == token);
        Assert.Equal(SpeakRequestStatus.Approved, request.Status);
        Assert.Equal(Name, request.Name);
        Assert.Equal("0912345678", request.Phone);
    }

    [Fact]
    public async Task An_erase_without_the_form_token_is_refused()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        using var phone = new PhoneClient(app);
        var token = await SubmitAsync(app, phone, demo.PublicCode);

        var posted = await phone.Http.PostAsync($"/s/{token}/xoa", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(Name, (await app.LoadAsync(demo.Id)).Requests.Single(r => r.StatusToken == token).Name);
    }
}
