using BuildingEconomy.Buildings;

namespace BuildingEconomy.Accounts;

public enum AssignmentKind
{
    /// <summary>物业联络员: files the building's monthly returns.</summary>
    PropertyContact,

    /// <summary>一对一联系领导: follows the building.</summary>
    ContactOfficial,
}

/// <summary>Which buildings a property contact files for and a contact official follows.</summary>
public sealed class BuildingAssignment
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public int BuildingId { get; set; }
    public Building? Building { get; set; }
    public AssignmentKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
