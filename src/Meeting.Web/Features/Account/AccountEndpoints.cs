using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The form posts here (antiforgery is checked for form-bound endpoints); failures go back with a message.
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext ctx, SignInManager<StaffUser> signIn, SignInThrottle throttle) =>
        {
            var back = SafeReturnUrl(returnUrl);
            string Back(string error) => $"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}";
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 256 || password.Length > 200)
                return Results.Redirect(Back("empty"));
            var key = SignInThrottle.Key("login", userName, ctx.Connection.RemoteIpAddress);
            if (throttle.WaitFor(key) is var wait && wait > TimeSpan.Zero)
                return Results.Redirect(Back("wait") + $"&giay={(int)Math.Ceiling(wait.TotalSeconds)}");
            var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
            if (user is null)
            {
                // As slow as a wrong password for a real name: the answer's time must not tell which names exist.
                signIn.UserManager.PasswordHasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);
                throttle.Failed(key);
                return Results.Redirect(Back("wrong"));
            }
            // Wrong passwords never lock the account (that let anyone in the hall lock the chair out): the throttle slows them.
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: false);
            if (result.Succeeded)
            {
                throttle.Succeeded(key);
                return Results.LocalRedirect(back);
            }
            if (result.IsLockedOut) return Results.Redirect(Back("locked"));
            throttle.Failed(key);
            return Results.Redirect(Back("wrong"));
        });

        // The bar's form carries the token: another site cannot sign a person out.
        app.MapPost("/account/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>A path on this site, or "/": no other host, no control characters or backslashes that browsers reinterpret.</summary>
    private static readonly StaffUser Nobody = new();
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<StaffUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2000 && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//")
        && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? returnUrl
            : "/";
}
