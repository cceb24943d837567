using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Ten_simultaneous_call_next_presses_call_exactly_one_speaker_and_refuse_the_rest()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var id = demo.Id;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        Assert.True(demo.QueuedRequests().Count >= 2);

        var presses = Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            app.Commands.RunAsync(id, TestApp.Staff(StaffRoles.Chair, $"chutri{i}"), StaffRoles.ChairSeat, (m, now) => m.CallNext(now))));
        var results = await Task.WhenAll(presses);

        var ok = Assert.Single(results, r => r.Ok);
        var called = ok.Value!;
        var refused = results.Where(r => !r.Ok).ToList();
        Assert.Equal(9, refused.Count);
        Assert.All(refused, r => Assert.Equal($"{called.Name} đang phát biểu. Hãy kết thúc lượt này trước.", r.Error));

        await using var db = await app.OpenDbAsync();
        var onFloor = await db.SpeakRequests.AsNoTracking()
            .Where(r => r.MeetingId == id && (r.Status == SpeakRequestStatus.Called || r.Status == SpeakRequestStatus.Speaking)).ToListAsync();
        Assert.Equal(called.Id, Assert.Single(onFloor).Id);
        Assert.Equal(1, await db.Journal.CountAsync(e => e.MeetingId == id && e.Kind == EventKinds.SpeakerCalled));
        Assert.Equal(called.Id, (await app.LoadAsync(id)).Floor.SpeakRequestId);
    }

    [Fact]
    public async Task Fifty_phones_submitting_at_once_are_all_stored_without_database_locked_errors()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var before = await app.RequestCountAsync(demo.Id);
        _ = app.AppServices; // start the server once, before the phones arrive together

        var phones = Enumerable.Range(1, 50).Select(_ => new PhoneClient(app)).ToList();
        try
        {
            var submits = phones.Select((phone, i) => Task.Run(async () =>
            {
                await phone.OpenFormAsync(demo.PublicCode);
                var response = await phone.PostAsync(demo.PublicCode,
                    PhoneClient.Typed($"Người dân số {i + 1}", $"Ý kiến số {i + 1} về đường giao thông nội đồng.", $"Xóm {i % 16 + 1}"));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Location: response.Headers.Location?.OriginalString);
            }));
            var responses = await Task.WhenAll(submits);

            Assert.All(responses, r => Assert.True(r.StatusCode == System.Net.HttpStatusCode.Redirect,
                $"Expected 302, got {(int)r.StatusCode}: {r.Body}"));
            Assert.Equal(50, responses.Select(r => r.Location).Distinct().Count());
        }
        finally
        {
            phones.ForEach(p => p.Dispose());
        }

        Assert.Equal(before + 50, await app.RequestCountAsync(demo.Id));
        var meeting = await app.LoadAsync(demo.Id);
        Assert.Equal(meeting.Requests.Count, meeting.Requests.Select(r => r.Number).Distinct().Count());
    }
}
