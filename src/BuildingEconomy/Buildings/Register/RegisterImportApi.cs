using System.Security.Claims;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Import;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BuildingEconomy.Buildings.Register;

/// <summary>
/// Bulk import (multipart upload; dryRun=true previews without storing), templates and exports. A refused file
/// answers 422 with the row-level report; nothing of it is stored.
/// </summary>
public static class RegisterImportApi
{
    /// <summary>The national data set as one file is well under this; anything larger is a mistake or an attack.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var manage = api.MapGroup("").RequireAuthorization(Policies.ManageRegister);
        manage.MapPost("/imports/{kind}", ImportAsync).WithName("Import").DisableAntiforgery()
            .WithSummary("Import buildings, spaces, both (register: a workbook with the 楼宇 and 房源 sheets) or boundaries")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes });
        manage.MapGet("/imports/templates/{kind}.xlsx", (string kind) =>
            ParseKind(kind) is { } k ? (IResult)TypedResults.File(RegisterExport.Template(k), RegisterExport.XlsxContentType, $"{kind}-template.xlsx") : TypedResults.NotFound())
            .WithName("ImportTemplate").WithSummary("An empty Excel template with the import's columns");

        var read = api.MapGroup("").RequireAuthorization(Policies.ViewRegister);
        read.MapGet("/exports/buildings.xlsx", async (BuildingEconomyDbContext db, IAccessScope scope, CancellationToken ct) =>
            TypedResults.File(await RegisterExport.WorkbookAsync(db, scope.VisibleBuildings(db.Buildings), ct), RegisterExport.XlsxContentType, "buildings.xlsx"))
            .WithName("ExportWorkbook").WithSummary("Buildings and spaces as an Excel workbook in the import's columns");
        read.MapGet("/exports/{kind}.csv", async (string kind, BuildingEconomyDbContext db, IAccessScope scope, CancellationToken ct) =>
            ParseKind(kind) is ImportKind.Buildings or ImportKind.Spaces
                ? (IResult)TypedResults.File(await RegisterExport.CsvAsync(db, scope.VisibleBuildings(db.Buildings), ParseKind(kind)!.Value, ct), "text/csv; charset=utf-8", $"{kind}.csv")
                : TypedResults.NotFound())
            .WithName("ExportCsv");
        read.MapGet("/exports/buildings.geojson", async (BuildingEconomyDbContext db, IAccessScope scope, CancellationToken ct) =>
            TypedResults.Text(await RegisterExport.GeoJsonAsync(db, scope.VisibleBuildings(db.Buildings), ct), "application/geo+json"))
            .WithName("ExportGeoJson");
        read.MapGet("/exports/boundaries.geojson", BoundaryGeoJson.GetAsync).WithName("ExportBoundaries");
    }

    public static ImportKind? ParseKind(string kind) => kind switch
    {
        "buildings" => ImportKind.Buildings,
        "spaces" => ImportKind.Spaces,
        "register" => ImportKind.Register,
        _ => null,
    };

    private static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, NotFound, BadRequest>> ImportAsync(
        string kind, IFormFile? file, bool? dryRun, ClaimsPrincipal user, RegisterImport import, BoundaryImport boundaries, CancellationToken ct)
    {
        if (file is null) return TypedResults.BadRequest();
        await using var stream = file.OpenReadStream();
        ImportReport report;
        if (kind == "boundaries") report = await boundaries.RunAsync(stream, dryRun ?? false, ct);
        else if (ParseKind(kind) is { } k) report = await import.RunAsync(stream, file.FileName, k, dryRun ?? false, AuditActor.Of(user), ct);
        else return TypedResults.NotFound();
        return report.Accepted ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
    }
}
