using System.Globalization;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>A search request's outcome: a query ready for an engine, or the problems by parameter name.</summary>
public sealed record PreparedSearch(SpaceSearchQuery? Query, IReadOnlyDictionary<string, string[]> Errors, SearchReferenceData Reference)
{
    public bool IsValid => Query is not null;
}

/// <summary>
/// The one entry point for searching, used by the API, the page and saved searches: reads and checks the query
/// (codes against the register, the named building), runs it on the configured engine (falling back to
/// PostgreSQL, see <see cref="SearchEngineRouter"/>), and labels facets and groups in the caller's language.
/// </summary>
public sealed class SpaceSearchService(
    SearchEngineRouter router,
    SearchReferenceDataCache referenceCache,
    NpgsqlDataSource dataSource,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<PreparedSearch> PrepareAsync(IEnumerable<KeyValuePair<string, StringValues>> parameters, CancellationToken cancellationToken)
    {
        var reference = await referenceCache.GetAsync(cancellationToken);
        var parsed = SpaceSearchQueryString.Parse(parameters, localizer);
        if (parsed.Query is not { } query) return new PreparedSearch(null, parsed.Errors, reference);

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string parameter, string key, params object[] arguments)
        {
            if (!errors.TryGetValue(parameter, out var list)) errors[parameter] = list = [];
            list.Add(localizer[key, arguments].Value);
        }
        void Check(string parameter, IEnumerable<string> codes, Func<string, SearchCode?> lookup)
        {
            foreach (var code in codes.Where(code => lookup(code) is null)) Fail(parameter, "Search.Error.UnknownCode", parameter, code);
        }
        Check(SearchParameters.Theme, query.Themes, reference.Theme);
        Check(SearchParameters.Facility, query.Facilities, reference.Facility);
        Check(SearchParameters.Subdistrict, query.Subdistricts, reference.Subdistrict);
        Check(SearchParameters.District, query.Districts, reference.District);

        if (query.NearBuilding is { } named)
        {
            var matches = await FindBuildingAsync(named, cancellationToken);
            if (matches.Count == 0) Fail(SearchParameters.NearBuilding, "Search.Error.UnknownBuilding", SearchParameters.NearBuilding, named);
            else if (matches.Count > 1) Fail(SearchParameters.NearBuilding, "Search.Error.AmbiguousBuilding", SearchParameters.NearBuilding, named, matches.Count);
            else query = query with { Near = matches[0] };
        }

        // Codes are matched case-insensitively; engines compare exactly, so they get the register's spelling.
        query = query with
        {
            Themes = [.. query.Themes.Select(c => reference.Theme(c)?.Code ?? c).Distinct()],
            Facilities = [.. query.Facilities.Select(c => reference.Facility(c)?.Code ?? c).Distinct()],
            Subdistricts = [.. query.Subdistricts.Select(c => reference.Subdistrict(c)?.Code ?? c).Distinct()],
            Districts = [.. query.Districts.Select(c => reference.District(c)?.Code ?? c).Distinct()],
        };

        return errors.Count == 0
            ? new PreparedSearch(query, new Dictionary<string, string[]>(), reference)
            : new PreparedSearch(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), reference);
    }

    public async Task<SpaceSearchResult> SearchAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken)
    {
        var result = await router.RunAsync(engine => engine.SearchAsync(query, reference, cancellationToken));
        return Label(result, reference);
    }

    public Task<IReadOnlyList<BuildingPoint>> LocateAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken) =>
        router.RunAsync(engine => engine.LocateAsync(query, reference, cancellationToken));

    /// <summary>By id, or by exact name or alias (case-insensitive) among buildings that are not archived.</summary>
    private async Task<List<GeoPoint>> FindBuildingAsync(string named, CancellationToken cancellationToken)
    {
        // An id is unambiguous even if some building is also named "123".
        if (NamedBuildingLookup.ById(dataSource, named) is { } byIdCommand)
        {
            await using (byIdCommand)
            {
                var byId = await NamedBuildingLookup.ReadAsync(byIdCommand, cancellationToken);
                if (byId.Count > 0) return byId;
            }
        }
        await using var byName = NamedBuildingLookup.ByName(dataSource, named);
        return await NamedBuildingLookup.ReadAsync(byName, cancellationToken);
    }

    /// <summary>Facet labels in the caller's language; engines name the groups' themes and subdistricts themselves.</summary>
    private SpaceSearchResult Label(SpaceSearchResult result, SearchReferenceData reference)
    {
        var culture = CultureInfo.CurrentUICulture;
        List<FacetBucket> With(IEnumerable<FacetBucket> buckets, Func<string, string> label) =>
            [.. buckets.Select(bucket => bucket with { Label = label(bucket.Key) })];

        var facets = result.Facets;
        return result with
        {
            Facets = new SearchFacets(
                With(facets.Grade, key => localizer[$"Search.Grade.{key}"].Value),
                With(facets.Theme, key => reference.Theme(key)?.NameIn(culture) is { Length: > 0 } name ? name : key),
                With(facets.Subdistrict, key => reference.Subdistrict(key)?.NameIn(culture) is { Length: > 0 } name ? name : key),
                With(facets.FitOut, key => localizer[$"Search.FitOut.{key}"].Value),
                With(facets.AreaBand, key => BandLabel(key, "Search.AreaBand")),
                With(facets.RentBand, key => BandLabel(key, "Search.RentBand"))),
        };
    }

    /// <summary>"200-500" reads "200–500 m²"; an open band "2000-" reads "2000 m² 以上".</summary>
    private string BandLabel(string key, string prefix)
    {
        var parts = key.Split('-');
        return parts[1].Length == 0
            ? localizer[$"{prefix}.From", parts[0]].Value
            : localizer[$"{prefix}.Range", parts[0], parts[1]].Value;
    }
}
