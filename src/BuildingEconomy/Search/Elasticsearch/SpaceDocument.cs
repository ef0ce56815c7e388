using System.Text.Json.Serialization;

namespace BuildingEconomy.Search.Elasticsearch;

/// <summary>
/// One searchable space with its building's facts copied in (search-mappings/spaces.v1.json). Names are spelled
/// out so the index reads the same whatever the client's naming policy.
/// </summary>
public sealed record SpaceDocument
{
    [JsonPropertyName("space_id")] public long SpaceId { get; init; }
    [JsonPropertyName("building_id")] public int BuildingId { get; init; }
    [JsonPropertyName("building_name")] public string BuildingName { get; init; } = "";
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    [JsonPropertyName("address")] public string Address { get; init; } = "";
    [JsonPropertyName("property_company")] public string? PropertyCompany { get; init; }
    [JsonPropertyName("location")] public DocumentLocation Location { get; init; } = new(0, 0);
    [JsonPropertyName("district")] public string? District { get; init; }
    [JsonPropertyName("subdistrict")] public string? Subdistrict { get; init; }
    [JsonPropertyName("grade")] public string Grade { get; init; } = "";
    [JsonPropertyName("use")] public string Use { get; init; } = "";
    [JsonPropertyName("construction_status")] public string ConstructionStatus { get; init; } = "";
    [JsonPropertyName("completion_year")] public int? CompletionYear { get; init; }
    [JsonPropertyName("theme")] public string? Theme { get; init; }
    [JsonPropertyName("facilities")] public IReadOnlyList<string> Facilities { get; init; } = [];
    [JsonPropertyName("parking_ratio")] public decimal? ParkingRatio { get; init; }
    [JsonPropertyName("floor")] public int Floor { get; init; }
    [JsonPropertyName("unit")] public string Unit { get; init; } = "";
    [JsonPropertyName("area")] public decimal Area { get; init; }

    /// <summary>The smallest area the space is let in: its smallest part when divisible, else the whole.</summary>
    [JsonPropertyName("min_area")] public decimal MinArea { get; init; }
    [JsonPropertyName("min_divisible_area")] public decimal? MinDivisibleArea { get; init; }
    [JsonPropertyName("tenure")] public string Tenure { get; init; } = "";
    [JsonPropertyName("asking_rent")] public decimal? AskingRent { get; init; }
    [JsonPropertyName("sale_price")] public decimal? SalePrice { get; init; }
    [JsonPropertyName("fit_out")] public string FitOut { get; init; } = "";
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("available_from")] public DateOnly? AvailableFrom { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A geo_point in its object form.</summary>
public sealed record DocumentLocation([property: JsonPropertyName("lat")] double Lat, [property: JsonPropertyName("lon")] double Lon);
