using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace DoiThoai.Web.Features.PersonalData;

/// <summary>GET /du-lieu-ca-nhan/tai-ve?q=…&amp;chon=id,id: the chosen records of a person as .xlsx (the page builds the link).</summary>
public static class PersonalDataEndpoints
{
    public const string PagePath = "/du-lieu-ca-nhan";
    public const int MaxChosen = 200;

    public static IEndpointRouteBuilder MapPersonalDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{PagePath}/tai-ve", async (ClaimsPrincipal user, string? q, string? chon, PersonalDataService service, TimeProvider clock, CancellationToken ct) =>
        {
            var chosen = ParseIds(chon);
            if (chosen is { Count: 0 }) return Text("Danh sách mục cần tải về không hợp lệ.", StatusCodes.Status400BadRequest);
            var now = clock.GetUtcNow();
            var (file, error) = await service.ExportAsync(user, q, chosen, now, ct);
            return file is null ? Text(error!, StatusCodes.Status400BadRequest) : Results.File(file, PersonalDataSheet.ContentType, PersonalDataSheet.FileName(now));
        }).RequireAuthorization(new AuthorizeAttribute { Roles = PersonalDataService.Roles });
        return app;
    }

    public static string ExportPath(string query, IEnumerable<Guid> chosen) =>
        $"{PagePath}/tai-ve?q={Uri.EscapeDataString(query)}&chon={string.Join(",", chosen.Select(id => id.ToString("N")))}";

    /// <summary>null: everything found; empty: a list that did not read (nothing is exported by mistake).</summary>
    private static List<Guid>? ParseIds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxChosen) return [];
        var ids = new List<Guid>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id)) return [];
            ids.Add(id);
        }
        return ids;
    }

    private static IResult Text(string message, int status) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
