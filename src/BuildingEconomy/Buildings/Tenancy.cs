namespace BuildingEconomy.Buildings;

/// <summary>An enterprise's presence in a building.</summary>
public sealed class Tenancy
{
    public long Id { get; set; }
    public int BuildingId { get; set; }
    public Building? Building { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public long? SpaceId { get; set; }
    public Space? Space { get; set; }

    public string? Units { get; set; }
    public decimal Area { get; set; }

    /// <summary>Bought rather than leased.</summary>
    public bool Purchased { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly? MovedInOn { get; set; }
    public DateOnly? MovedOutOn { get; set; }
    public bool Resident => MovedInOn is not null && MovedOutOn is null;

    /// <summary>Registered in the building's district, as last reported.</summary>
    public bool RegisteredLocally { get; set; }
    public int? Employees { get; set; }

    /// <summary>Entered by mistake: left out of the roster. An enterprise that left has <see cref="MovedOutOn"/> instead.</summary>
    public bool Archived { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
