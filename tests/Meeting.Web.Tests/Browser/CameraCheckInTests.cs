using System.Diagnostics;
using System.Text;
using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using QRCoder;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// The desk's camera: chromium's fake camera plays a video of an invitation's QR code; the page reads it, checks the
/// delegate in once however long the paper stays in view, and the projector's attendance goes up by one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CameraCheckInTests(BrowserHall hall, ITestOutputHelper output)
{
    private const int VideoWidth = 640, VideoHeight = 480;

    [Fact]
    public async Task Camera_reads_an_invitation_checks_in_once_and_the_projector_attendance_goes_up_by_one()
    {
        const string testName = nameof(Camera_reads_an_invitation_checks_in_once_and_the_projector_attendance_goes_up_by_one);
        var meeting = await hall.NewMeetingAsync();
        var invited = meeting.Delegates.Count;
        var person = meeting.Delegates.First(d => d.Group == DelegateGroup.VillageDelegate);
        // Attendance shows on the projector's live screen.
        await hall.App.MustAsync(meeting.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));

        var video = Path.Combine(BrowserHall.ArtifactsDirectory, "camera-invitation.y4m");
        WriteQrVideo(video, $"{BrowserHall.HallAddress}/i/{person.InvitationCode}");
        await using var camera = await hall.LaunchBrowserAsync(
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}");

        await using var seats = new Seats(hall, testName);
        await seats.RunAsync(async () =>
        {
            var projector = await seats.OpenAsync("projector", hall.ProjectorPath(meeting.Id), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);
            await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"0/{invited}");

            // The desk is on the camera's browser, which Seats does not know: it photographs its own page on failure.
            var context = await hall.NewDeviceAsync(Seats.TabletWidth, Seats.TabletHeight, browser: camera);
            await BrowserHall.SignInAsync(context, "tiepnhan");
            var desk = await context.NewPageAsync();
            var log = new List<string>();
            desk.Console += (_, m) => { if (m.Type is "error" or "warning") log.Add($"console {m.Type}: {m.Text}"); };
            desk.PageError += (_, e) => log.Add($"page error: {e}");
            try
            {
                await desk.GotoAsync($"/checkin/{meeting.Id}");
                await BrowserHall.WaitInteractiveAsync(desk);
                var clock = Stopwatch.StartNew();
                await desk.Locator("[data-testid=camera-toggle]").ClickAsync();

                var result = desk.Locator("[data-testid=checkin-result]");
                await Expect(result).ToContainTextAsync(person.Name);
                await Expect(result).ToContainTextAsync(person.Group.ToVietnamese());
                output.WriteLine($"Camera on to checked in: {clock.ElapsedMilliseconds} ms");
                await Expect(desk.Locator("[data-testid=checkin-attendance]")).ToContainTextAsync($"1/{invited}");
                await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"1/{invited}");

                // The paper stays in front of the camera: let the scanner read it well past its 3 s window (≥ 40 more
                // reads at ~8 a second), then nothing may have changed — no second check-in, no "already" refusal.
                var reads = int.Parse(await desk.Locator("[data-testid=camera-video]").GetAttributeAsync("data-reads") ?? "0");
                clock.Restart();
                await desk.WaitForFunctionAsync(
                    "n => Number(document.querySelector('[data-testid=camera-video]').dataset.reads) >= n", reads + 40,
                    new() { Timeout = 30_000 });
                output.WriteLine($"40 more reads of the held paper took {clock.ElapsedMilliseconds} ms");
                await Expect(result).ToContainTextAsync(person.Name);
                await Expect(result).Not.ToContainTextAsync("đã điểm danh lúc");
                await Expect(desk.Locator("[data-testid=camera-error]")).ToHaveCountAsync(0);
                await Expect(desk.Locator("[data-testid=checkin-attendance]")).ToContainTextAsync($"1/{invited}");
                await Expect(projector.Locator("[data-testid=projector-attendance]")).ToContainTextAsync($"1/{invited}");
                var stored = await hall.App.LoadAsync(meeting.Id);
                Assert.Equal([person.Id], stored.Delegates.Where(d => d.IsPresent).Select(d => d.Id));

                // Off means off: the tracks stop and the video is hidden.
                await desk.Locator("[data-testid=camera-toggle]").ClickAsync();
                await Expect(desk.Locator("[data-testid=camera-video]")).ToBeHiddenAsync();
            }
            catch
            {
                var folder = Path.Combine(BrowserHall.ArtifactsDirectory, testName);
                Directory.CreateDirectory(folder);
                await desk.ScreenshotAsync(new() { Path = Path.Combine(folder, "desk.png"), FullPage = true, Timeout = 5_000 });
                await File.WriteAllLinesAsync(Path.Combine(folder, "desk-console.txt"), log);
                throw;
            }
            finally
            {
                await context.CloseAsync();
            }
        });
    }

    [Fact]
    public async Task Without_a_camera_or_permission_the_desk_says_so_and_the_code_box_still_works()
    {
        var meeting = await hall.NewMeetingAsync();
        var person = meeting.Delegates[0];
        await using var seats = new Seats(hall, nameof(Without_a_camera_or_permission_the_desk_says_so_and_the_code_box_still_works));
        await seats.RunAsync(async () =>
        {
            // The hall's own chromium has no camera and grants none.
            var desk = await seats.OpenAsync("desk", $"/checkin/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "tiepnhan", interactive: true);
            await desk.Locator("[data-testid=camera-toggle]").ClickAsync();
            await Expect(desk.Locator("[data-testid=camera-error]")).ToContainTextAsync("camera");
            output.WriteLine(await desk.Locator("[data-testid=camera-error]").InnerTextAsync());
            await Expect(desk.Locator("[data-testid=camera-toggle]")).ToContainTextAsync("Quét bằng camera");
            await Expect(desk.Locator("[data-testid=camera-video]")).ToBeHiddenAsync();

            await desk.Locator("[data-testid=checkin-code] input, input[data-testid=checkin-code]").First.FillAsync(person.InvitationCode);
            await desk.Locator("[data-testid=checkin-code-submit]").ClickAsync();
            await Expect(desk.Locator("[data-testid=checkin-result]")).ToContainTextAsync(person.Name);
        });
    }

    /// <summary>
    /// A short Y4M video (what chromium's fake camera plays, looping) of a printed invitation's QR code: black modules
    /// on white, about 360 px wide and centred, with its quiet zone. Only the Y (brightness) plane carries the picture.
    /// </summary>
    private static void WriteQrVideo(string path, string text)
    {
        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = qr.ModuleMatrix; // includes the 4-module quiet zone
        var scale = 360 / matrix.Count;
        var left = (VideoWidth - matrix.Count * scale) / 2;
        var top = (VideoHeight - matrix.Count * scale) / 2;

        var luma = new byte[VideoWidth * VideoHeight];
        Array.Fill(luma, (byte)235); // video white
        for (var y = 0; y < matrix.Count * scale; y++)
            for (var x = 0; x < matrix.Count * scale; x++)
                if (matrix[y / scale][x / scale])
                    luma[(top + y) * VideoWidth + left + x] = 16; // video black
        var chroma = new byte[VideoWidth / 2 * (VideoHeight / 2)];
        Array.Fill(chroma, (byte)128); // no colour

        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{VideoWidth} H{VideoHeight} F10:1 Ip A1:1 C420jpeg\n"));
        for (var frame = 0; frame < 3; frame++)
        {
            file.Write("FRAME\n"u8);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }
    }
}
