using System.Security.Claims;
using Bunit;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Support;

/// <summary>
/// A bUnit context for a staff component that acts through the real app: MudBlazor's services, the named services
/// taken from the running test app (its commands write to the real SQLite file), and a signed-in person of Giao Minh.
/// </summary>
public static class StaffBunit
{
    public static BunitContext For(TestApp app, string userName, string role, params Type[] appServices)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        foreach (var type in appServices) context.Services.AddSingleton(type, app.AppServices.GetRequiredService(type));
        context.AddAuthorization().SetAuthorized(userName).SetRoles(role)
            .SetClaims(new Claim(DoiThoai.Web.Features.Units.UnitAccess.UnitClaim, DemoUnits.GiaoMinhId.ToString()));
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // last: see STACK.md trap 4
        return context;
    }
}
