using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Authorization;

namespace DoiThoai.Web.Features.Delegates.Import;

public static class ImportEndpoints
{
    public static string TemplatePath(Guid meetingId) => $"/delegates/{meetingId}/mau-danh-sach.xlsx";

    public static IEndpointRouteBuilder MapDelegateImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/delegates/{meetingId:guid}/mau-danh-sach.xlsx",
                () => Results.File(DelegateTemplate.Bytes, DelegateTemplate.ContentType, DelegateTemplate.FileName))
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.DelegateList });
        return app;
    }
}
