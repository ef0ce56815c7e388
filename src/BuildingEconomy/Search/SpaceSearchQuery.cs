using BuildingEconomy.Buildings;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Search;

/// <summary>How result groups (buildings) are ordered; each group ranks by its best matching space.</summary>
public enum SearchSort { Relevance, RentAsc, RentDesc, AreaAsc, AreaDesc, Distance, Newest }

/// <summary>A WGS-84 position in degrees.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);

/// <summary>A map view: a longitude/latitude rectangle, edges included.</summary>
public readonly record struct GeoBox(double West, double South, double East, double North);

/// <summary>
/// One investment search, validated. Parsed from the query string by <see cref="SpaceSearchQueryParser"/>; codes
/// (themes, facilities, subdistricts, districts) and the named building are checked against the register by
/// <see cref="SpaceSearchService"/>, which also turns <see cref="NearBuilding"/> into <see cref="Near"/>. The
/// engines take it from there and must answer it identically.
/// </summary>
public sealed record SpaceSearchQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Elasticsearch pages collapsed groups with from/size, which stop at its default window of 10,000.</summary>
    public const int MaxResultWindow = 10_000;

    public const int MaxRadiusMetres = 50_000;

    /// <summary>Lower-cased words of the free text; every one must occur in the name, an alias, the address or the property company.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    public IReadOnlyList<string> Districts { get; init; } = [];
    public IReadOnlyList<string> Subdistricts { get; init; } = [];

    /// <summary>The point distances are measured from (and the radius is around), given or taken from <see cref="NearBuilding"/>.</summary>
    public GeoPoint? Near { get; init; }

    /// <summary>A building id or its exact name or alias; resolved to <see cref="Near"/> before an engine sees the query.</summary>
    public string? NearBuilding { get; init; }

    /// <summary>Only buildings within this distance of <see cref="Near"/>; without it, <see cref="Near"/> only orders by distance.</summary>
    public int? RadiusMetres { get; init; }

    /// <summary>A Polygon or MultiPolygon in WGS-84 (SRID 4326), already valid.</summary>
    public Geometry? Polygon { get; init; }
    public GeoBox? Bounds { get; init; }

    public IReadOnlyList<BuildingGrade> Grades { get; init; } = [];
    public IReadOnlyList<BuildingUse> Uses { get; init; } = [];
    public IReadOnlyList<ConstructionStatus> ConstructionStatuses { get; init; } = [];
    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>Facility codes; a building must have all of them.</summary>
    public IReadOnlyList<string> Facilities { get; init; } = [];

    public IReadOnlyList<Tenure> Tenures { get; init; } = [];
    public IReadOnlyList<FitOut> FitOuts { get; init; } = [];

    /// <summary>m². A divisible space matches when its lettable range (smallest part up to the whole) overlaps this range.</summary>
    public decimal? MinArea { get; init; }
    public decimal? MaxArea { get; init; }

    /// <summary>元/m²/天. Spaces without an asking rent (for sale) do not match a rent range.</summary>
    public decimal? MinRent { get; init; }
    public decimal? MaxRent { get; init; }

    public int? MinFloor { get; init; }
    public int? MaxFloor { get; init; }

    /// <summary>Spaces free on or before this date: available now, or marketed with an available-from date up to it.</summary>
    public DateOnly? AvailableBy { get; init; }

    /// <summary>Parking spaces per 1,000 m² of gross floor area, as <see cref="Building.ParkingRatio"/> rounds it.</summary>
    public decimal? MinParkingRatio { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public int Offset => (Page - 1) * PageSize;

    /// <summary>Equality that compares the lists and the polygon by value, for tests and for saved-search comparison.</summary>
    public bool SameAs(SpaceSearchQuery other) =>
        SpaceSearchQueryString.Format(this) == SpaceSearchQueryString.Format(other);
}
