using System.Net;
using DoiThoai.Web.Data;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Admin;

/// <summary>Đổi mật khẩu over real HTTP: the form a person uses on the password the administrator handed over.</summary>
public sealed class ChangePasswordTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<string> SubmitAsync(HttpClient client, string current, string next, string again)
    {
        var form = await client.GetStringAsync("/account/mat-khau");
        var fields = new Dictionary<string, string>
        {
            [PhoneClient.AntiforgeryField] = PhoneClient.HiddenValue(form, PhoneClient.AntiforgeryField)!,
            ["_handler"] = PhoneClient.HiddenValue(form, "_handler")!,
            ["Form.Current"] = current,
            ["Form.Next"] = next,
            ["Form.Again"] = again,
        };
        var answer = await client.PostAsync("/account/mat-khau", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_person_changes_their_password_and_mistakes_are_explained_without_a_change()
    {
        using var thuky = await _app.SignedInClientAsync("thuky");

        Assert.Contains("Mật khẩu không đúng.", await SubmitAsync(thuky, "Sai-mat-khau1", "Thuky2027moi", "Thuky2027moi"));
        Assert.Contains("không giống nhau", await SubmitAsync(thuky, StartupSeeder.DemoPassword, "Thuky2027moi", "Thuky2027khac"));
        Assert.Contains("chữ số", await SubmitAsync(thuky, StartupSeeder.DemoPassword, "khongcochuso", "khongcochuso"));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));

        var done = await SubmitAsync(thuky, StartupSeeder.DemoPassword, "Thuky2027moi", "Thuky2027moi");
        Assert.Contains("Đã đổi mật khẩu", done);
        Assert.Contains("error=wrong", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", "Thuky2027moi"));
        // This device stays signed in with its renewed cookie.
        Assert.Equal(HttpStatusCode.OK, (await thuky.GetAsync("/account/mat-khau")).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_are_counted_and_common_passwords_refused()
    {
        using var thuky = await _app.SignedInClientAsync("thuky");

        for (var i = 0; i <= DoiThoai.Web.Features.Account.SignInThrottle.FreeFailures; i++)
            Assert.Contains("Mật khẩu không đúng.", await SubmitAsync(thuky, $"Doan-sai-{i}", "Thuky2027moi", "Thuky2027moi"));
        // Now even the right one waits: guessing from an open session is as slow as guessing at the sign-in form.
        Assert.Contains("Hãy thử lại sau", await SubmitAsync(thuky, StartupSeeder.DemoPassword, "Thuky2027moi", "Thuky2027moi"));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
    }

    [Theory]
    [InlineData("Matkhau2027")]
    [InlineData("Anhyeuem123")]
    [InlineData("Password1!")]
    [InlineData("Thuky2026")]
    public async Task A_common_password_or_the_user_name_is_refused(string common)
    {
        using var thuky = await _app.SignedInClientAsync("thuky");

        Assert.Contains("quá phổ biến", await SubmitAsync(thuky, StartupSeeder.DemoPassword, common, common));
        Assert.Equal("/", await _app.LoginLandingAsync("thuky", StartupSeeder.DemoPassword));
    }

    [Fact]
    public async Task A_stranger_is_sent_to_the_login_form()
    {
        using var stranger = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answer = await stranger.GetAsync("/account/mat-khau");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/account/login", answer.Headers.Location!.PathAndQuery);
    }
}
