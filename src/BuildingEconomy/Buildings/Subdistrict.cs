using NetTopologySuite.Geometries;

namespace BuildingEconomy.Buildings;

public sealed class Subdistrict
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public District? District { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required MultiPolygon Boundary { get; set; }
}
