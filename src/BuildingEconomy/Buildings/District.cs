using NetTopologySuite.Geometries;

namespace BuildingEconomy.Buildings;

public sealed class District
{
    public int Id { get; set; }

    /// <summary>Six-digit administrative division code (GB/T 2260); also positions 3–8 of locally issued credit codes.</summary>
    public required string AdminCode { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required MultiPolygon Boundary { get; set; }

    public List<Subdistrict> Subdistricts { get; set; } = [];
}
