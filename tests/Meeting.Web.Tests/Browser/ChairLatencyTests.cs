using System.Diagnostics;
using System.Globalization;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>
/// How long a phone's request takes to show on the chair's tablet: from sending the POST to the chair page's counter
/// reaching the new number in Chromium's DOM. Printed and written to browser-artifacts/latency.txt; only correctness is asserted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChairLatencyTests(BrowserHall hall, ITestOutputHelper output)
{
    private const int Forms = 50;

    [Fact]
    public async Task Fifty_phone_forms_one_after_another_each_reach_the_chair_page()
    {
        var meeting = await hall.NewMeetingAsync();
        await using var seats = new Seats(hall, nameof(Fifty_phone_forms_one_after_another_each_reach_the_chair_page));
        await seats.RunAsync(async () =>
        {
            var chair = await seats.OpenAsync("chair", $"/chair/{meeting.Id}", Seats.TabletWidth, Seats.TabletHeight, "chutri", interactive: true);
            var counter = chair.Locator("[data-testid=counter-received]");
            var start = int.Parse((await counter.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);

            var timings = new List<double>(Forms);
            for (var i = 1; i <= Forms; i++)
            {
                // A phone of its own (cookies) on the real port; PhoneClient's helpers read the form it gets.
                using var phone = NewPhone();
                var form = await phone.GetStringAsync($"/m/{meeting.PublicCode}");
                var fields = PhoneClient.Typed($"Người dân số {i}", $"Đề nghị số {i}: sửa đoạn đường liên thôn.", $"Xóm {1 + i % 16}");
                fields[PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(form, PhoneClient.AntiforgeryField)!;
                fields["key"] = PhoneClient.HiddenValue(form, "key")!;
                var expected = start + i;

                var clock = Stopwatch.StartNew();
                using var response = await phone.PostAsync($"/m/{meeting.PublicCode}/gui", new FormUrlEncodedContent(fields));
                PhoneClient.StatusTokenOf(response);
                await chair.WaitForFunctionAsync(
                    "n => document.querySelector('[data-testid=counter-received]')?.textContent.trim() === String(n)",
                    expected, new() { Timeout = BrowserHall.TimeoutMs });
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }

            Assert.Equal(Forms, timings.Count);
            Assert.Equal((start + Forms).ToString(CultureInfo.InvariantCulture), (await counter.InnerTextAsync()).Trim());
            Assert.Equal(start + Forms, await hall.App.RequestCountAsync(meeting.Id) - PriorityTurns(meeting));

            var sorted = timings.Order().ToList();
            var median = (sorted[(Forms - 1) / 2] + sorted[Forms / 2]) / 2;
            var report = string.Create(CultureInfo.InvariantCulture,
                $"Phone POST -> chair page counter, {Forms} forms one after another: median {median:F0} ms, worst {sorted[^1]:F0} ms, best {sorted[0]:F0} ms.");
            output.WriteLine(report);
            output.WriteLine("Each (ms): " + string.Join(", ", timings.Select(t => t.ToString("F0", CultureInfo.InvariantCulture))));
            await File.WriteAllTextAsync(Path.Combine(BrowserHall.ArtifactsDirectory, "latency.txt"),
                report + Environment.NewLine + string.Join(Environment.NewLine, timings.Select(t => t.ToString("F1", CultureInfo.InvariantCulture))) + Environment.NewLine);
        });
    }

    private HttpClient NewPhone() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
    {
        BaseAddress = hall.App.BaseAddress,
    };

    // The counter leaves priority turns out; the demo meeting starts with none.
    private static int PriorityTurns(DoiThoai.Domain.Meeting meeting) => meeting.Requests.Count(r => r.IsPriority);
}
