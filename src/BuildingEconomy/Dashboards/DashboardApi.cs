using System.Globalization;
using BuildingEconomy.Accounts;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// The dashboards' JSON API. Every figure is computed by <see cref="DashboardService"/> for the caller's scope
/// (<see cref="DashboardCaller"/>); tax figures only reach callers allowed <see cref="Policies.ViewTax"/>. Bad input
/// is a 400 ProblemDetails naming the parameter.
/// </summary>
public static class DashboardApi
{
    public const string Prefix = "/api/v1/dashboard";
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 1_000;

    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).RequireAuthorization(Policies.ViewDashboards).WithTags("Dashboard");
        group.MapGet("/summary", SummaryAsync);
        group.MapGet("/overview", OverviewAsync);
        group.MapGet("/trends", TrendsAsync);
        group.MapGet("/pipeline", PipelineAsync);
        group.MapGet("/follow-up/registered-elsewhere", RegisteredElsewhereAsync);
        group.MapGet("/follow-up/signed-not-resident", SignedNotResidentAsync);
        group.MapGet("/follow-up/not-filed", NotFiledAsync);
        group.MapGet("/buildings/{id:int}/roster", RosterAsync);
        group.MapGet("/subdistricts.geojson", SubdistrictsGeoJsonAsync);
        group.MapGet("/version", (DashboardDataVersion version) => TypedResults.Ok(new VersionResponse(version.Current, version.ChangedAt)));
        group.MapGet("/figures", async (DashboardCaller caller, DashboardTexts text, CancellationToken cancellationToken) =>
            TypedResults.Ok(DashboardApiMapping.Definitions(text, (await caller.ScopeAsync(cancellationToken)).CanSeeTax)));
        group.MapDashboardExport();
        return group;
    }

    private static async Task<Results<Ok<SummaryResponse>, ValidationProblem>> SummaryAsync(
        string? period, string? groupBy, int? districtId, int? subdistrictId,
        DashboardCaller caller, DashboardService dashboards, DashboardTexts text, CancellationToken cancellationToken)
    {
        if (!DashboardRequest.TryParsePeriod(period, out var requested)) return InvalidPeriod(text);
        if (!DashboardRequest.TryParseGrouping(groupBy, out var grouping)) return Invalid("groupBy", text["Dashboard.Error.GroupBy"]);
        var scope = await caller.ScopeAsync(cancellationToken);
        var month = await caller.PeriodAsync(requested, cancellationToken);
        var summary = await dashboards.SummaryAsync(month, grouping, scope, new DashboardFilter(districtId, subdistrictId), cancellationToken);
        var english = Cultures.IsEnglish(CultureInfo.CurrentUICulture);
        return TypedResults.Ok(new SummaryResponse(DashboardApiMapping.Month(month), DashboardRequest.Name(grouping),
            summary.Total.ToDto(text, english), [.. summary.Groups.Select(g => g.ToDto(text, english))],
            DashboardApiMapping.Definitions(text, scope.CanSeeTax)));
    }

    private static async Task<Results<Ok<OverviewResponse>, ValidationProblem>> OverviewAsync(
        string? period, int? districtId, int? subdistrictId, int? buildingId,
        DashboardCaller caller, DashboardService dashboards, DashboardTexts text, CancellationToken cancellationToken)
    {
        if (!DashboardRequest.TryParsePeriod(period, out var requested)) return InvalidPeriod(text);
        var scope = await caller.ScopeAsync(cancellationToken);
        var month = await caller.PeriodAsync(requested, cancellationToken);
        var overview = await dashboards.OverviewAsync(month, scope, new DashboardFilter(districtId, subdistrictId, buildingId), cancellationToken);
        return TypedResults.Ok(overview.ToDto(text, scope.CanSeeTax));
    }

    private static async Task<Results<Ok<TrendResponse>, ValidationProblem>> TrendsAsync(
        string? period, int? months, int? districtId, int? subdistrictId, int? buildingId,
        DashboardCaller caller, DashboardService dashboards, DashboardTexts text, CancellationToken cancellationToken)
    {
        if (!DashboardRequest.TryParsePeriod(period, out var requested)) return InvalidPeriod(text);
        if (months is < 1 or > 60) return Invalid("months", text["Dashboard.Error.Months"]);
        var scope = await caller.ScopeAsync(cancellationToken);
        var month = await caller.PeriodAsync(requested, cancellationToken);
        var trend = await dashboards.TrendAsync(month, scope, new DashboardFilter(districtId, subdistrictId, buildingId), cancellationToken,
            months ?? DashboardService.TrendMonths);
        return TypedResults.Ok(trend.ToDto(text, scope.CanSeeTax));
    }

    private static async Task<Ok<IReadOnlyList<PipelineYear>>> PipelineAsync(
        int? districtId, int? subdistrictId, DashboardCaller caller, PipelineQuery pipeline, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pipeline.ByYearAsync(await caller.ScopeAsync(cancellationToken), new DashboardFilter(districtId, subdistrictId), cancellationToken));

    private static Task<Results<Ok<ListPage<RegisteredElsewhereEntry>>, ValidationProblem>> RegisteredElsewhereAsync(
        string? period, int? districtId, int? subdistrictId, int? offset, int? limit,
        DashboardCaller caller, FollowUpQueries lists, DashboardTexts text, CancellationToken cancellationToken) =>
        ListAsync(period, offset, limit, caller, text, (month, scope) =>
            lists.RegisteredElsewhereAsync(month, scope, new DashboardFilter(districtId, subdistrictId), offset ?? 0, limit ?? DefaultListLimit, cancellationToken), cancellationToken);

    private static Task<Results<Ok<ListPage<SignedNotResidentEntry>>, ValidationProblem>> SignedNotResidentAsync(
        string? period, int? districtId, int? subdistrictId, int? offset, int? limit,
        DashboardCaller caller, FollowUpQueries lists, DashboardTexts text, CancellationToken cancellationToken) =>
        ListAsync(period, offset, limit, caller, text, (month, scope) =>
            lists.SignedNotResidentAsync(month, scope, new DashboardFilter(districtId, subdistrictId), offset ?? 0, limit ?? DefaultListLimit, cancellationToken), cancellationToken);

    private static Task<Results<Ok<ListPage<NotFiledEntry>>, ValidationProblem>> NotFiledAsync(
        string? period, int? districtId, int? subdistrictId, int? offset, int? limit,
        DashboardCaller caller, FollowUpQueries lists, DashboardTexts text, CancellationToken cancellationToken) =>
        ListAsync(period, offset, limit, caller, text, (month, scope) =>
            lists.NotFiledAsync(month, scope, new DashboardFilter(districtId, subdistrictId), offset ?? 0, limit ?? DefaultListLimit, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<ListPage<T>>, ValidationProblem>> ListAsync<T>(
        string? period, int? offset, int? limit, DashboardCaller caller, DashboardTexts text,
        Func<DateOnly, DashboardScope, Task<ListPage<T>>> query, CancellationToken cancellationToken)
    {
        if (!DashboardRequest.TryParsePeriod(period, out var requested)) return InvalidPeriod(text);
        if (offset is < 0) return Invalid("offset", text["Dashboard.Error.Offset"]);
        if (limit is < 1 or > MaxListLimit) return Invalid("limit", text["Dashboard.Error.Limit", MaxListLimit]);
        var scope = await caller.ScopeAsync(cancellationToken);
        return TypedResults.Ok(await query(await caller.PeriodAsync(requested, cancellationToken), scope));
    }

    private static async Task<Results<Ok<BuildingRoster>, NotFound, ValidationProblem>> RosterAsync(
        int id, string? period, DashboardCaller caller, RosterQuery rosters, DashboardTexts text, CancellationToken cancellationToken)
    {
        if (!DashboardRequest.TryParsePeriod(period, out var requested)) return InvalidPeriod(text);
        var scope = await caller.ScopeAsync(cancellationToken);
        // Outside the caller's scope is the same answer as no such building: existence is not revealed.
        if (!scope.Includes(id)) return TypedResults.NotFound();
        var roster = await rosters.LatestAsync(id, await caller.PeriodAsync(requested, cancellationToken), scope.CanSeeTax, cancellationToken);
        return roster is null ? TypedResults.NotFound() : TypedResults.Ok(roster);
    }

    private static async Task<ContentHttpResult> SubdistrictsGeoJsonAsync(
        int? districtId, DashboardCaller caller, SubdistrictMapQuery map, CancellationToken cancellationToken) =>
        TypedResults.Content(await map.GeoJsonAsync(await caller.ScopeAsync(cancellationToken), districtId, cancellationToken), "application/geo+json");

    internal static ValidationProblem InvalidPeriod(DashboardTexts text) => Invalid("period", text["Dashboard.Error.Period"]);

    internal static ValidationProblem Invalid(string parameter, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [message] });
}
