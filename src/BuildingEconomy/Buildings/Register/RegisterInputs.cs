using System.Text.Json;

namespace BuildingEconomy.Buildings.Register;

// What the API, the edit pages and the import files hand to the register. Strings are nullable and numbers plain
// so that a missing or wrong value reaches validation and comes back as a message naming the field, rather than
// failing in model binding with a message about JSON.

public sealed record ContactInput(string? Name, string? Title = null, string? Phone = null, string? Email = null);

public sealed record BuildingInput
{
    /// <summary>The key an upstream system or import file uses; generated when left empty.</summary>
    public string? ExternalKey { get; init; }
    public string? Name { get; init; }
    public List<string>? Aliases { get; init; }
    public string? Address { get; init; }

    /// <summary>In <see cref="CoordinateSystem"/>; stored as WGS-84.</summary>
    public double Longitude { get; init; }
    public double Latitude { get; init; }
    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;

    /// <summary>
    /// Optional GeoJSON Polygon (or MultiPolygon) of the building's outline, in WGS-84 as GeoJSON always is; left out,
    /// the stored footprint stays as it is. See <see cref="FootprintRules"/>.
    /// </summary>
    public JsonElement? Footprint { get; init; }

    /// <summary>Removes the stored footprint (when no <see cref="Footprint"/> is given).</summary>
    public bool RemoveFootprint { get; init; }

    public BuildingGrade Grade { get; init; } = BuildingGrade.Ungraded;
    public BuildingUse Use { get; init; } = BuildingUse.Office;
    public ConstructionStatus ConstructionStatus { get; init; } = ConstructionStatus.Completed;
    public int? CompletionYear { get; init; }

    public decimal GrossFloorArea { get; init; }
    public decimal ForSaleArea { get; init; }
    public decimal ForRentArea { get; init; }
    public decimal SelfUseArea { get; init; }

    /// <summary>Optional: when a source states it, it must equal for-sale plus for-rent area.</summary>
    public decimal? LeasableArea { get; init; }

    public int FloorsAboveGround { get; init; }
    public int FloorsBelowGround { get; init; }
    public int PassengerElevators { get; init; }
    public int FreightElevators { get; init; }
    public int ParkingAboveGround { get; init; }
    public int ParkingBelowGround { get; init; }

    public int? ThemeId { get; init; }
    public List<int>? FacilityIds { get; init; }
    public string? PropertyCompany { get; init; }
    public ContactInput? OneToOneContact { get; init; }
    public List<ContactInput>? PropertyContacts { get; init; }
    public bool RequiredToReport { get; init; } = true;

    /// <summary>Save even though a building with a similar name stands within 50 m (the user has checked).</summary>
    public bool ConfirmNotDuplicate { get; init; }
}

public sealed record SpaceInput
{
    public string? ExternalKey { get; init; }
    public int Floor { get; init; }
    public string? Unit { get; init; }
    public decimal Area { get; init; }
    public Tenure Tenure { get; init; } = Tenure.Rent;

    /// <summary>元/m²/天.</summary>
    public decimal? AskingRent { get; init; }

    /// <summary>元/m².</summary>
    public decimal? SalePrice { get; init; }
    public FitOut FitOut { get; init; } = FitOut.Bare;
    public SpaceStatus Status { get; init; } = SpaceStatus.Available;
    public DateOnly? AvailableFrom { get; init; }
    public bool Divisible { get; init; }
    public decimal? MinDivisibleArea { get; init; }
}

public sealed record EnterpriseInput
{
    public string? CreditCode { get; init; }
    public string? Name { get; init; }
    public string? IndustrySection { get; init; }
    public string? RegisteredDistrictCode { get; init; }
    public string? RegisteredPlace { get; init; }
}

public sealed record TenancyInput
{
    public int EnterpriseId { get; init; }
    public long? SpaceId { get; init; }
    public string? Units { get; init; }
    public decimal Area { get; init; }
    public bool Purchased { get; init; }
    public DateOnly? SignedOn { get; init; }
    public DateOnly? MovedInOn { get; init; }
    public DateOnly? MovedOutOn { get; init; }
    public bool RegisteredLocally { get; init; }
    public int? Employees { get; init; }
}
