using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DoiThoai.Web.Tests.Integration;

public class CheckInTests
{
    [Fact]
    public async Task Two_desks_scanning_the_same_invitation_at_once_count_it_once()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var invited = meeting.Delegates.First();
        var reception = TestApp.Staff(StaffRoles.Reception);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            app.Commands.RunAsync(meeting.Id, reception, StaffRoles.ReceptionSeat, (m, now) => m.CheckInByCode(invited.InvitationCode, now)))));

        Assert.Single(results, r => r.Ok);
        Assert.Contains("đã điểm danh lúc", Assert.Single(results, r => !r.Ok).Error);
        var after = await app.DemoMeetingAsync();
        Assert.Equal(1, after.Delegates.Count(d => d.IsPresent));
    }

    [Fact]
    public async Task A_check_in_reaches_a_hub_client_as_an_attendance_change()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        await using var hub = app.HubClient();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<MeetingChangeMessage>("MeetingChanged", change =>
        {
            if (change.Kind == DoiThoai.Domain.EventKinds.AttendanceChanged) received.TrySetResult(change.Kind);
        });
        await hub.StartAsync();
        await hub.InvokeAsync<FollowResult>("Follow", meeting.PublicCode, meeting.LastSequence);

        var result = await app.Commands.RunAsync(meeting.Id, TestApp.Staff(StaffRoles.Reception), StaffRoles.ReceptionSeat,
            (m, now) => m.AddWalkIn("Đỗ Văn Tâm", "Xóm 9", now));

        Assert.True(result.Ok, result.Error);
        Assert.Equal(DoiThoai.Domain.EventKinds.AttendanceChanged, await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_invitation_link_opens_a_form_with_the_delegates_name_and_ties_the_request_to_them()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var invited = meeting.Delegates.First(d => d.Group == DoiThoai.Domain.DelegateGroup.VillageDelegate);
        using var phone = new PhoneClient(app);

        var page = await phone.Http.GetAsync($"/i/{invited.InvitationCode.ToLowerInvariant()}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"value=\"{invited.Name}\"", html);
        Assert.Equal(invited.InvitationCode, PhoneClient.HiddenValue(html, "invitation"));

        var fields = PhoneClient.Typed(name: invited.Name, place: invited.Organization);
        fields["invitation"] = invited.InvitationCode;
        fields[PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(html, PhoneClient.AntiforgeryField)!;
        fields["key"] = PhoneClient.HiddenValue(html, "key")!;
        var response = await phone.Http.PostAsync($"/m/{meeting.PublicCode}/gui", new FormUrlEncodedContent(fields));
        var token = PhoneClient.StatusTokenOf(response);

        var after = await app.DemoMeetingAsync();
        var request = after.Requests.Single(r => r.StatusToken == token);
        Assert.Equal(invited.Id, request.DelegateId);
        Assert.Equal(DoiThoai.Domain.OpinionSource.Invitation, request.Source);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await phone.Http.GetAsync("/i/KHONGCOMA")).StatusCode);
    }
}
