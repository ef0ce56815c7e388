using NetTopologySuite.Geometries;

namespace BuildingEconomy.Buildings;

public sealed class Building
{
    public int Id { get; set; }

    /// <summary>The key an import file or an upstream system uses for this building; imports are idempotent by it.</summary>
    public required string ExternalKey { get; set; }
    public required string Name { get; set; }
    public List<string> Aliases { get; set; } = [];
    public required string Address { get; set; }

    /// <summary>Set by the database on save: the subdistrict whose boundary contains <see cref="Location"/>.</summary>
    public int? SubdistrictId { get; set; }
    public Subdistrict? Subdistrict { get; set; }

    /// <summary>Set by the database on save, from the subdistrict.</summary>
    public int? DistrictId { get; set; }
    public District? District { get; set; }

    /// <summary>WGS-84 (SRID 4326).</summary>
    public required Point Location { get; set; }
    public MultiPolygon? Footprint { get; set; }

    public BuildingGrade Grade { get; set; }
    public BuildingUse Use { get; set; }
    public ConstructionStatus ConstructionStatus { get; set; }
    public int? CompletionYear { get; set; }

    public decimal GrossFloorArea { get; set; }
    public decimal ForSaleArea { get; set; }
    public decimal ForRentArea { get; set; }
    public decimal SelfUseArea { get; set; }
    public decimal LeasableArea => ForSaleArea + ForRentArea;

    public int FloorsAboveGround { get; set; }
    public int FloorsBelowGround { get; set; }
    public int PassengerElevators { get; set; }
    public int FreightElevators { get; set; }
    public int ParkingAboveGround { get; set; }
    public int ParkingBelowGround { get; set; }

    /// <summary>Spaces per 1,000 m² of gross floor area; null when the area is unknown.</summary>
    public decimal? ParkingRatio => GrossFloorArea > 0
        ? Math.Round((ParkingAboveGround + ParkingBelowGround) * 1000m / GrossFloorArea, 2)
        : null;

    public int? ThemeId { get; set; }
    public Theme? Theme { get; set; }
    public List<Facility> Facilities { get; set; } = [];

    public string? PropertyCompany { get; set; }
    public Contact? OneToOneContact { get; set; }
    public List<Contact> PropertyContacts { get; set; } = [];

    /// <summary>Whether the building must file a monthly return (completed buildings that are in use).</summary>
    public bool RequiredToReport { get; set; } = true;
    public bool Archived { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Space> Spaces { get; set; } = [];
}
