using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Integration;

public sealed class RestartTests
{
    [Fact]
    public async Task After_a_server_restart_the_live_meeting_floor_timer_phone_status_and_projector_link_carry_on()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        Guid id;
        string token;
        string projectorPath;
        Meeting before;

        await using (var first = new TestApp(dataDirectory))
        {
            var demo = await first.DemoMeetingAsync();
            id = demo.Id;
            using (var phone = new PhoneClient(first))
                token = await phone.SubmitAsync(demo.PublicCode, PhoneClient.Typed("Lương Thị Nga", "Đề nghị xã sửa trạm bơm xóm 10.", "Xóm 10"));
            var request = (await first.LoadAsync(id)).Requests.Single(r => r.StatusToken == token);
            await first.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(request.Id, now));
            await first.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
            await first.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(5, now, confirmGoingBack: false));
            await first.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.MoveToTop(request.Id, m.QueueVersion, now));
            await first.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
            await first.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.StartTimer(now));
            before = await first.LoadAsync(id);
            projectorPath = first.AppServices.GetRequiredService<ProjectorLinks>().PathFor(id, before.ProjectorLinkVersion);
        }

        await using var second = new TestApp(dataDirectory);
        var after = await second.LoadAsync(id);
        Assert.Equal(MeetingStatus.Live, after.Status);
        Assert.Equal(5, after.CurrentStepNumber);
        Assert.Equal(before.Floor.SpeakRequestId, after.Floor.SpeakRequestId);
        Assert.Equal("Lương Thị Nga", after.FloorHolderName());
        Assert.Equal(SpeakRequestStatus.Speaking, after.FloorSpeaker!.Status);
        Assert.Equal(before.LastSequence, after.LastSequence);

        // The countdown is a stored start time, not a counter: the remaining time is computed from it.
        var since = after.Floor.Timer.RunningSince;
        Assert.NotNull(since);
        Assert.Equal(before.Floor.Timer.RunningSince, since);
        Assert.Equal(before.Floor.Timer.RunningSince!.Value.UtcTicks, since.Value.UtcTicks);
        Assert.Equal(after.Floor.Timer.LimitSeconds - 42, after.Floor.Timer.RemainingSeconds(since.Value.AddSeconds(42)));
        var remainingNow = after.Floor.Timer.RemainingSeconds(second.Commands.Now);
        Assert.InRange(remainingNow, 0, after.Floor.Timer.LimitSeconds);

        using var samePhone = new PhoneClient(second);
        var page = await samePhone.Http.GetAsync($"/s/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ông/bà đang phát biểu", await page.Content.ReadAsStringAsync());
        Assert.True((await samePhone.StatusJsonAsync(token)).GetProperty("isOnFloor").GetBoolean());

        // A kiosk link printed before the restart still opens the projector: the keys live in the data folder.
        var key = Uri.UnescapeDataString(projectorPath[(projectorPath.IndexOf("?key=", StringComparison.Ordinal) + 5)..]);
        var links = second.AppServices.GetRequiredService<ProjectorLinks>();
        Assert.True(links.IsValid(id, after.ProjectorLinkVersion, key));
        Assert.False(links.IsValid(Guid.NewGuid(), after.ProjectorLinkVersion, key));
        Assert.True(Directory.EnumerateFiles(Path.Combine(dataDirectory, "keys")).Any());
        using var kiosk = second.CreateClient();
        var projector = await kiosk.GetAsync(projectorPath);
        Assert.Equal(HttpStatusCode.OK, projector.StatusCode);
        Assert.DoesNotContain("data-testid=\"projector-invalid\"", await projector.Content.ReadAsStringAsync());
        var forged = await kiosk.GetAsync($"/projector/{id}?key=khong-hop-le");
        Assert.Contains("data-testid=\"projector-invalid\"", await forged.Content.ReadAsStringAsync());

        // And the meeting goes on from where it was.
        await second.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));
    }
}
