using System.Text.Json.Serialization;
using BuildingEconomy.Buildings;

namespace BuildingEconomy.Search;

/// <summary>
/// One page of a search: buildings with their matching spaces, plus totals and facet counts over the whole
/// result (not just the page). Counts in facets are of matching spaces.
/// </summary>
public sealed record SpaceSearchResult(
    long TotalSpaces,
    long TotalBuildings,
    int Page,
    int PageSize,
    IReadOnlyList<BuildingGroup> Buildings,
    SearchFacets Facets)
{
    /// <summary>Which engine answered: "PostgreSql" or "Elasticsearch" (the fallback shows here too).</summary>
    public string Engine { get; init; } = "";

    public int TotalPages => TotalBuildings == 0 ? 0 : (int)Math.Min(int.MaxValue, (TotalBuildings + PageSize - 1) / PageSize);
}

/// <summary>A building with the spaces in it that match; the group ranks by its best space for the chosen sort.</summary>
public sealed record BuildingGroup
{
    public required int BuildingId { get; init; }
    public required string Name { get; init; }
    public required string Address { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<BuildingGrade>))]
    public required BuildingGrade Grade { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<BuildingUse>))]
    public required BuildingUse Use { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<ConstructionStatus>))]
    public required ConstructionStatus ConstructionStatus { get; init; }
    public int? CompletionYear { get; init; }
    public string? Theme { get; init; }
    public string? ThemeName { get; init; }
    public string? Subdistrict { get; init; }
    public string? SubdistrictName { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }

    /// <summary>Metres from the search's point (great-circle, mean Earth radius), when the search has one.</summary>
    public double? DistanceMetres { get; init; }
    public decimal? ParkingRatio { get; init; }

    /// <summary>How many of the building's spaces match; <see cref="Spaces"/> lists at most <see cref="SpaceSearchEngineLimits.SpacesPerBuilding"/>.</summary>
    public required int MatchingSpaces { get; init; }
    public required IReadOnlyList<SpaceHit> Spaces { get; init; }
}

public sealed record SpaceHit
{
    public required long SpaceId { get; init; }
    public required int Floor { get; init; }
    public required string Unit { get; init; }
    public required decimal Area { get; init; }

    /// <summary>The smallest part a divisible space is let in; null when the space is let whole.</summary>
    public decimal? MinDivisibleArea { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<Tenure>))]
    public required Tenure Tenure { get; init; }

    /// <summary>元/m²/天.</summary>
    public decimal? AskingRent { get; init; }

    /// <summary>元/m²/月, from the daily rent (× 365 / 12), as the register computes it.</summary>
    public decimal? AskingRentPerMonth => Space.PerMonth(AskingRent);

    /// <summary>元/m².</summary>
    public decimal? SalePrice { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<FitOut>))]
    public required FitOut FitOut { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<SpaceStatus>))]
    public required SpaceStatus Status { get; init; }
    public DateOnly? AvailableFrom { get; init; }
}

public sealed record SearchFacets(
    IReadOnlyList<FacetBucket> Grade,
    IReadOnlyList<FacetBucket> Theme,
    IReadOnlyList<FacetBucket> Subdistrict,
    IReadOnlyList<FacetBucket> FitOut,
    IReadOnlyList<FacetBucket> AreaBand,
    IReadOnlyList<FacetBucket> RentBand)
{
    public static readonly SearchFacets Empty = new([], [], [], [], [], []);
}

/// <summary>A facet value: its key as a filter takes it (a code, an enum name or a band like "200-500"), a label to show, a count.</summary>
public sealed record FacetBucket(string Key, long Count)
{
    public string? Label { get; init; }
}

public static class SpaceSearchEngineLimits
{
    /// <summary>Spaces listed per building group; <see cref="BuildingGroup.MatchingSpaces"/> says how many there are.</summary>
    public const int SpacesPerBuilding = 20;

    /// <summary>Markers the map receives at most; beyond that the officer narrows the search.</summary>
    public const int MapPoints = 5_000;

    /// <summary>Mean Earth radius (IUGG), the sphere both PostGIS (use_spheroid false) and Elasticsearch's arc distance use.</summary>
    public const double EarthRadiusMetres = 6_371_008.7714;

    public static double DistanceMetres(GeoPoint from, double latitude, double longitude)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude - from.Latitude);
        var dLon = Radians(longitude - from.Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Radians(from.Latitude)) * Math.Cos(Radians(latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return Math.Round(2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a))), 1);
    }
}

/// <summary>A building on the map: every building that matches, not just one page of them.</summary>
public sealed record BuildingPoint(int BuildingId, string Name, double Latitude, double Longitude, int MatchingSpaces);
