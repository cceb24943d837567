using System.Net;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DoiThoai.Web.Tests.Integration;

public sealed class SignInAndRoleTests
{
    [Fact]
    public async Task Reception_cannot_run_a_chair_only_command_and_nothing_changes()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        await app.MustAsync(demo.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var before = await app.LoadAsync(demo.Id);

        var result = await app.Commands.RunAsync(demo.Id, TestApp.Staff(StaffRoles.Reception), StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        var anonymous = await app.Commands.RunAsync(demo.Id, null, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));

        Assert.False(result.Ok);
        Assert.Equal(MeetingCommands.NoPermission, result.Error);
        Assert.Equal(MeetingCommands.NoPermission, anonymous.Error);
        var after = await app.LoadAsync(demo.Id);
        Assert.True(after.Floor.IsFree);
        Assert.Equal(before.LastSequence, after.LastSequence);
        Assert.DoesNotContain(after.Requests, r => r.Status == SpeakRequestStatus.Called);
    }

    [Fact]
    public async Task Chair_page_redirects_to_sign_in_and_opens_after_signing_in_through_the_form()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var chairPath = $"/chair/{demo.Id}";
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var anonymous = await browser.GetAsync(chairPath);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var login = new Uri(new Uri("http://localhost"), anonymous.Headers.Location!);
        Assert.Equal("/account/login", login.AbsolutePath);

        var form = await browser.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = PhoneClient.HiddenValue(await form.Content.ReadAsStringAsync(), PhoneClient.AntiforgeryField);
        Assert.False(string.IsNullOrEmpty(antiforgery));
        var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "chutri",
            ["password"] = StartupSeeder.DemoPassword,
            ["returnUrl"] = chairPath,
            [PhoneClient.AntiforgeryField] = antiforgery!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(chairPath, signIn.Headers.Location!.OriginalString);

        var chair = await browser.GetAsync(chairPath);
        Assert.Equal(HttpStatusCode.OK, chair.StatusCode);
        var html = await chair.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"chair-page\"", html);
        Assert.DoesNotContain("Đăng nhập cán bộ", html);
    }
}
