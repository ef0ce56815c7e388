using System.Globalization;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// Excel downloads of every table and chart the dashboards show, from the same queries, with the same figures:
/// numbers stay numbers (a rate as a percentage rounded as on the page), headers in the user's language.
/// </summary>
public static class DashboardExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Datasets =
        ["summary", "overview", "trends", "pipeline", "registered-elsewhere", "signed-not-resident", "not-filed", "roster"];

    public static RouteHandlerBuilder MapDashboardExport(this RouteGroupBuilder group) => group.MapGet("/export/{dataset}", ExportAsync);

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportAsync(
        string dataset, string? period, string? groupBy, int? districtId, int? subdistrictId, int? buildingId,
        DashboardCaller caller, DashboardExportBuilder builder, DashboardTexts text, CancellationToken cancellationToken)
    {
        var name = dataset.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? dataset[..^5] : dataset;
        if (!Datasets.Contains(name)) return DashboardApi.Invalid("dataset", text["Dashboard.Error.Dataset", string.Join(", ", Datasets)]);
        if (!DashboardRequest.TryParsePeriod(period, out var requested)) return DashboardApi.InvalidPeriod(text);
        if (!DashboardRequest.TryParseGrouping(groupBy, out var grouping)) return DashboardApi.Invalid("groupBy", text["Dashboard.Error.GroupBy"]);
        if (name == "roster" && buildingId is null) return DashboardApi.Invalid("buildingId", text["Dashboard.Error.BuildingId"]);
        var scope = await caller.ScopeAsync(cancellationToken);
        var month = await caller.PeriodAsync(requested, cancellationToken);
        var rows = await builder.RowsAsync(name, month, grouping, scope, new DashboardFilter(districtId, subdistrictId, buildingId), cancellationToken);
        if (rows is null) return TypedResults.NotFound();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: SheetName(text[$"Dashboard.Export.{name}"]), cancellationToken: cancellationToken);
        var fileName = $"dashboard-{name}-{DashboardApiMapping.Month(month)}.xlsx";
        return TypedResults.File(stream.ToArray(), ContentType, fileName);
    }

    /// <summary>Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name.</summary>
    private static string SheetName(string title)
    {
        var clean = new string([.. title.Where(c => !":\\/?*[]".Contains(c))]);
        return clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>A figure's value as an Excel cell: rates as a percentage rounded as on the page, amounts to the fen.</summary>
    public static object? Cell(FigureValue value) => value.Value is not { } v ? null
        : value.Figure.IsRate ? FigureFormatter.Percent(v)
        : Math.Round(v, 2, MidpointRounding.AwayFromZero);

    public static string Header(DashboardTexts text, FigureValue value) =>
        text["Dashboard.Export.Header", text.FigureName(value), text[$"Dashboard.UnitLabel.{value.Figure.Unit}"]];

    internal static bool English => Cultures.IsEnglish(CultureInfo.CurrentUICulture);
}
