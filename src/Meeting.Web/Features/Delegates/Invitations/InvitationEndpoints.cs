namespace DoiThoai.Web.Features.Delegates.Invitations;

public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder app) => app;
}
