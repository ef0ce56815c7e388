namespace BuildingEconomy.Search;

public enum SearchEngineKind { PostgreSql, Elasticsearch }

/// <summary>
/// An engine answering investment searches. Both engines pass the same conformance suite: same matches, same
/// order (relevance aside, whose exact scores differ), same totals and facet counts.
/// </summary>
public interface ISpaceSearchEngine
{
    SearchEngineKind Kind { get; }

    /// <param name="query">Validated, with codes checked and the named building resolved to <see cref="SpaceSearchQuery.Near"/>.</param>
    Task<SpaceSearchResult> SearchAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken);

    /// <summary>Every matching building's position (up to <see cref="SpaceSearchEngineLimits.MapPoints"/>), for the map; the order is unspecified.</summary>
    Task<IReadOnlyList<BuildingPoint>> LocateAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken);
}
