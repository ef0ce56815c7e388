namespace BuildingEconomy.Buildings;

public sealed class Enterprise
{
    public int Id { get; set; }

    /// <summary>18-character unified social credit code (GB 32100), check character verified.</summary>
    public required string CreditCode { get; set; }
    public required string Name { get; set; }

    /// <summary>GB/T 4754 industry section letter, A–T.</summary>
    public string? IndustrySection { get; set; }

    /// <summary>Administrative division code of the district the enterprise is registered (and pays tax) in.</summary>
    public string? RegisteredDistrictCode { get; set; }

    /// <summary>Where it is registered, in words, when that is outside the platform's districts.</summary>
    public string? RegisteredPlace { get; set; }
    /// <summary>Left out of lists and pickers; kept because tenancies and returns refer to it.</summary>
    public bool Archived { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
