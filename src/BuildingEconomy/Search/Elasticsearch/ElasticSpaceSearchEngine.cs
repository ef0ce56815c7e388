using System.Globalization;
using System.Text.Json;
using BuildingEconomy.Buildings;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Search.Elasticsearch;

/// <summary>
/// Answers searches from the index behind the alias. Any failure to get a valid answer (no server, timeout,
/// missing index, server error) is a <see cref="SearchEngineUnavailableException"/>, so the router can answer from
/// PostgreSQL instead.
/// </summary>
public sealed class ElasticSpaceSearchEngine(ElasticsearchClient client, IOptions<SearchOptions> options) : ISpaceSearchEngine
{
    private static readonly JsonSerializerOptions SourceJson = new();

    public SearchEngineKind Kind => SearchEngineKind.Elasticsearch;

    private string Alias => options.Value.Elasticsearch.Alias;

    public async Task<SpaceSearchResult> SearchAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken)
    {
        var response = await CallAsync(() => client.SearchAsync<SpaceDocument>(SpaceSearchRequests.Search(query, Alias), cancellationToken));
        return Read(response, query, reference);
    }

    public async Task<IReadOnlyList<BuildingPoint>> LocateAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken)
    {
        var response = await CallAsync(() => client.SearchAsync<SpaceDocument>(SpaceSearchRequests.Locate(query, Alias), cancellationToken));
        return [.. response.Hits.Select(hit => new BuildingPoint(
            hit.Source!.BuildingId, hit.Source.BuildingName, hit.Source.Location.Lat, hit.Source.Location.Lon,
            (int)Total(hit.InnerHits?.GetValueOrDefault(SpaceSearchRequests.SpacesInnerHits)?.Hits)))];
    }

    /// <summary>Runs a client call and turns every way it can fail into <see cref="SearchEngineUnavailableException"/>.</summary>
    internal static async Task<TResponse> CallAsync<TResponse>(Func<Task<TResponse>> call) where TResponse : ElasticsearchResponse
    {
        TResponse response;
        try
        {
            response = await call();
        }
        catch (Exception e) when (e is TransportException or HttpRequestException or TaskCanceledException or UnexpectedTransportException)
        {
            throw new SearchEngineUnavailableException($"Elasticsearch request failed: {e.Message}", e);
        }
        if (!response.IsValidResponse)
        {
            var details = response.ApiCallDetails;
            var reason = response.ElasticsearchServerError?.Error?.Reason
                ?? details?.OriginalException?.Message
                ?? $"HTTP {details?.HttpStatusCode}";
            throw new SearchEngineUnavailableException($"Elasticsearch answered no valid response: {reason}", details?.OriginalException);
        }
        return response;
    }

    internal static SpaceSearchResult Read(SearchResponse<SpaceDocument> response, SpaceSearchQuery query, SearchReferenceData reference)
    {
        var culture = CultureInfo.CurrentUICulture;
        var groups = new List<BuildingGroup>();
        foreach (var hit in response.Hits)
        {
            var building = hit.Source!;
            var inner = hit.InnerHits?.GetValueOrDefault(SpaceSearchRequests.SpacesInnerHits)?.Hits;
            var spaces = inner?.Hits.Select(h => ReadSource(h.Source)).Select(ToSpaceHit).ToList() ?? [];
            groups.Add(new BuildingGroup
            {
                BuildingId = building.BuildingId,
                Name = building.BuildingName,
                Address = building.Address,
                Grade = Enum.Parse<BuildingGrade>(building.Grade),
                Use = Enum.Parse<BuildingUse>(building.Use),
                ConstructionStatus = Enum.Parse<ConstructionStatus>(building.ConstructionStatus),
                CompletionYear = building.CompletionYear,
                Theme = building.Theme,
                ThemeName = building.Theme is { } theme ? reference.Theme(theme)?.NameIn(culture) : null,
                Subdistrict = building.Subdistrict,
                SubdistrictName = building.Subdistrict is { } subdistrict ? reference.Subdistrict(subdistrict)?.NameIn(culture) : null,
                Latitude = building.Location.Lat,
                Longitude = building.Location.Lon,
                DistanceMetres = query.Near is { } near ? SpaceSearchEngineLimits.DistanceMetres(near, building.Location.Lat, building.Location.Lon) : null,
                ParkingRatio = building.ParkingRatio,
                MatchingSpaces = (int)Total(inner),
                Spaces = spaces,
            });
        }

        var aggregations = response.Aggregations;
        return new SpaceSearchResult(
            response.Total,
            aggregations?.GetCardinality(SpaceSearchRequests.BuildingsAggregation)?.Value ?? 0,
            query.Page,
            query.PageSize,
            groups,
            SearchBands.Facets(
                Terms(aggregations, "grade"), Terms(aggregations, "theme"), Terms(aggregations, "subdistrict"),
                Terms(aggregations, "fit_out"), Ranges(aggregations, "area_band"), Ranges(aggregations, "rent_band")))
        {
            Engine = nameof(SearchEngineKind.Elasticsearch),
        };
    }

    private static long Total(HitsMetadata<object>? hits) =>
        hits?.Total?.Match(total => total?.Value ?? 0, count => count) ?? hits?.Hits.Count ?? 0;

    private static SpaceDocument ReadSource(object? source) => source switch
    {
        SpaceDocument document => document,
        JsonElement element => element.Deserialize<SpaceDocument>(SourceJson)!,
        null => throw new InvalidOperationException("An inner hit came without its _source."),
        _ => JsonSerializer.SerializeToElement(source).Deserialize<SpaceDocument>(SourceJson)!,
    };

    private static SpaceHit ToSpaceHit(SpaceDocument space) => new()
    {
        SpaceId = space.SpaceId,
        Floor = space.Floor,
        Unit = space.Unit,
        Area = space.Area,
        MinDivisibleArea = space.MinDivisibleArea,
        Tenure = Enum.Parse<Tenure>(space.Tenure),
        AskingRent = space.AskingRent,
        SalePrice = space.SalePrice,
        FitOut = Enum.Parse<FitOut>(space.FitOut),
        Status = Enum.Parse<SpaceStatus>(space.Status),
        AvailableFrom = space.AvailableFrom,
    };

    private static Dictionary<string, long> Terms(AggregateDictionary? aggregations, string name) =>
        aggregations?.GetStringTerms(name)?.Buckets.ToDictionary(b => b.Key.ToString(), b => b.DocCount) ?? [];

    private static Dictionary<string, long> Ranges(AggregateDictionary? aggregations, string name) =>
        aggregations?.GetRange(name)?.Buckets.Where(b => b.Key is not null).ToDictionary(b => b.Key!, b => b.DocCount) ?? [];
}
