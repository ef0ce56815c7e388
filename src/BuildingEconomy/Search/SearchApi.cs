using BuildingEconomy.Accounts;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Search;

/// <summary>The investment search API: <c>GET /api/v1/search/spaces</c> and what the search page's map needs.</summary>
public static class SearchApi
{
    public const string Prefix = "/api/v1/search";

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix)
            .RequireAuthorization(Policies.SearchSpace)
            .WithTags("Search");
        group.MapGet("/spaces", SearchSpacesAsync)
            .WithName("SearchSpaces")
            .WithSummary("Available space: building groups with their matching spaces, facets and totals")
            .WithDescription("Every filter is a query parameter (see SearchParameters); bad parameters get 400 with the parameter named.");
        group.MapGet("/spaces/map", LocateAsync)
            .WithName("SearchSpacesMap")
            .WithSummary("Every matching building's position, for the map (up to 5,000)");
        group.MapGet("/boundaries", BoundariesAsync)
            .WithName("SearchBoundaries")
            .WithSummary("District and subdistrict boundaries as GeoJSON, the map's base layer when no tiles are configured");
        return group;
    }

    internal static async Task<Results<SearchResultJson, ValidationProblem>> SearchSpacesAsync(
        HttpRequest request, SpaceSearchService search, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var prepared = await search.PrepareAsync(request.Query, cancellationToken);
        if (prepared.Query is not { } query) return Invalid(prepared, localizer);
        return new SearchResultJson(await search.SearchAsync(query, prepared.Reference, cancellationToken));
    }

    internal static async Task<Results<Ok<IReadOnlyList<BuildingPoint>>, ValidationProblem>> LocateAsync(
        HttpRequest request, SpaceSearchService search, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var prepared = await search.PrepareAsync(request.Query.Where(p => p.Key is not (SearchParameters.Page or SearchParameters.PageSize or SearchParameters.Sort)), cancellationToken);
        if (prepared.Query is not { } query) return Invalid(prepared, localizer);
        return TypedResults.Ok(await search.LocateAsync(query, prepared.Reference, cancellationToken));
    }

    internal static async Task<ContentHttpResult> BoundariesAsync(SearchBoundaries boundaries, CancellationToken cancellationToken) =>
        TypedResults.Content(await boundaries.GeoJsonAsync(cancellationToken), "application/geo+json");

    /// <summary>400 with every problem keyed by parameter; the detail repeats the first, so a log line names the parameter too.</summary>
    private static ValidationProblem Invalid(PreparedSearch prepared, IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(
            prepared.Errors,
            detail: prepared.Errors.First().Value.First(),
            title: localizer["Search.Error.Title"].Value);
}
