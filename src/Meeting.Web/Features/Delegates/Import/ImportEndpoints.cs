namespace DoiThoai.Web.Features.Delegates.Import;

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapDelegateImportEndpoints(this IEndpointRouteBuilder app) => app;
}
