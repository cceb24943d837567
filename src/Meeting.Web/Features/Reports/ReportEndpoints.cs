using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;
using Microsoft.AspNetCore.Authorization;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// GET /bao-cao/mau-1.xlsx, /bao-cao/mau-1.docx, /bao-cao/mau-2.docx with ?ky=q1..q4|h1|h2|nam&amp;nam=2026&amp;donvi={unitId}.
/// Only the person's own units are read; ?donvi= of a unit they may not see answers 404, like one that does not exist.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>Who reads reports: the office, the chairs, the MTTQ supervisor (reports change nothing).</summary>
    public const string Readers = "Admin,Organizer,Chair,Supervisor";

    public const string Form1Xlsx = "mau-1.xlsx", Form1Word = "mau-1.docx", Form2Word = "mau-2.docx";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/bao-cao").RequireAuthorization(new AuthorizeAttribute { Roles = Readers });
        reports.MapGet($"/{Form1Xlsx}", (ClaimsPrincipal user, string? ky, string? nam, string? donvi, ReportService service, CancellationToken ct) =>
            DownloadAsync(service, user, ky, nam, donvi, (figures, scope, today) =>
                Results.File(Form1Sheet.Build(figures, scope, today), Form1Sheet.ContentType, Form1Sheet.FileName(figures.Period)), ct));
        reports.MapGet($"/{Form1Word}", (ClaimsPrincipal user, string? ky, string? nam, string? donvi, ReportService service, CancellationToken ct) =>
            DownloadAsync(service, user, ky, nam, donvi, (figures, scope, today) =>
                Results.File(Form1Docx.Build(figures, scope, today), AdminDocx.ContentType, Form1Docx.FileName(figures.Period)), ct));
        reports.MapGet($"/{Form2Word}", (ClaimsPrincipal user, string? ky, string? nam, string? donvi, ReportService service, CancellationToken ct) =>
            DownloadAsync(service, user, ky, nam, donvi, (figures, scope, today) =>
            {
                var doc = Form2Document.From(figures, scope, today);
                return Results.File(AdminDocx.Build(doc), AdminDocx.ContentType, doc.FileName);
            }, ct));
        return app;
    }

    /// <summary>The download link for a period and unit (the unit is left out when it is the person's own).</summary>
    public static string PathOf(string file, ReportPeriod period, Guid? unit) =>
        $"/bao-cao/{file}?ky={period.Code}&nam={period.Year}" + (unit is { } id ? $"&donvi={id}" : "");

    private static async Task<IResult> DownloadAsync(ReportService service, ClaimsPrincipal user, string? ky, string? nam, string? donvi,
        Func<ReportFigures, ReportScope, DateOnly, IResult> draw, CancellationToken ct)
    {
        var load = await service.LoadAsync(user, ky, nam, donvi, ct);
        return load is { Figures: { } figures, Scope: { } scope }
            ? draw(figures, scope, service.Today)
            : Results.Text(load.Error, "text/plain; charset=utf-8", statusCode: load.Status);
    }
}
