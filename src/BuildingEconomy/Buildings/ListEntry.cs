namespace BuildingEconomy.Buildings;

/// <summary>An entry of a maintained list: administrators add, rename and retire entries; codes never change.</summary>
public abstract class ListEntry
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
    public bool Retired { get; set; }
}

public sealed class Theme : ListEntry;

public sealed class Facility : ListEntry;
