namespace DoiThoai.Web.Features.Minutes.Documents;

public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapMinutesDocumentEndpoints(this IEndpointRouteBuilder app) => app;
}
