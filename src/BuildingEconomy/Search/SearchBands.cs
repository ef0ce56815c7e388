using BuildingEconomy.Buildings;

namespace BuildingEconomy.Search;

/// <summary>A facet band [From, To): To null means "and above".</summary>
public sealed record SearchBand(string Key, decimal From, decimal? To);

/// <summary>
/// The area and rent bands of the facets, and the one order facet buckets are listed in, shared by both engines
/// so they answer identically.
/// </summary>
public static class SearchBands
{
    /// <summary>m², by a space's whole area.</summary>
    public static readonly IReadOnlyList<SearchBand> Area = Bands(0, 100, 200, 500, 1000, 2000);

    /// <summary>元/m²/天.</summary>
    public static readonly IReadOnlyList<SearchBand> Rent = Bands(0, 3, 5, 8, 12);

    private static List<SearchBand> Bands(params decimal[] edges) =>
        [.. edges.Select((from, i) => i + 1 < edges.Length
            ? new SearchBand(FormattableString.Invariant($"{from}-{edges[i + 1]}"), from, edges[i + 1])
            : new SearchBand(FormattableString.Invariant($"{from}-"), from, null))];

    /// <summary>Every band, zero counts included, so the page can show the whole scale.</summary>
    public static List<FacetBucket> Fill(IReadOnlyList<SearchBand> bands, IReadOnlyDictionary<string, long> counts) =>
        [.. bands.Select(band => new FacetBucket(band.Key, counts.GetValueOrDefault(band.Key)))];

    /// <summary>Enum facets in the enum's order (Premium before A), only values that occur.</summary>
    public static List<FacetBucket> EnumOrder<T>(IReadOnlyDictionary<string, long> counts) where T : struct, Enum =>
        [.. Enum.GetNames<T>().Where(name => counts.GetValueOrDefault(name) > 0).Select(name => new FacetBucket(name, counts[name]))];

    /// <summary>Code facets by count, most first, then by code, so ties list the same way from both engines.</summary>
    public static List<FacetBucket> ByCount(IReadOnlyDictionary<string, long> counts) =>
        [.. counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new FacetBucket(c.Key, c.Value))];

    public static SearchFacets Facets(
        IReadOnlyDictionary<string, long> grade, IReadOnlyDictionary<string, long> theme, IReadOnlyDictionary<string, long> subdistrict,
        IReadOnlyDictionary<string, long> fitOut, IReadOnlyDictionary<string, long> areaBand, IReadOnlyDictionary<string, long> rentBand) =>
        new(EnumOrder<BuildingGrade>(grade), ByCount(theme), ByCount(subdistrict), EnumOrder<FitOut>(fitOut), Fill(Area, areaBand), Fill(Rent, rentBand));
}
