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
}
