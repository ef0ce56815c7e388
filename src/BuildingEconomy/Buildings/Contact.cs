namespace BuildingEconomy.Buildings;

/// <summary>A named person attached to a building: its one-to-one official or a property contact.</summary>
public sealed class Contact
{
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}
