namespace DoiThoai.Web.Features.Phone;

public static class PhoneEndpoints
{
    public static IServiceCollection AddPhonePages(this IServiceCollection services, IConfiguration configuration) => services.AddRateLimiter(_ => { });

    public static void MapPhoneEndpoints(this IEndpointRouteBuilder app) { }
}
