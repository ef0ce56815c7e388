namespace BuildingEconomy.Buildings;

public sealed class Space
{
    public long Id { get; set; }
    public int BuildingId { get; set; }
    public Building? Building { get; set; }

    public required string ExternalKey { get; set; }

    /// <summary>Negative for basements.</summary>
    public int Floor { get; set; }
    public required string Unit { get; set; }
    public decimal Area { get; set; }
    public Tenure Tenure { get; set; }

    /// <summary>Asking rent in 元/m²/天, the way rents are quoted in China.</summary>
    public decimal? AskingRent { get; set; }
    public decimal? AskingRentPerMonth => PerMonth(AskingRent);

    /// <summary>元/m²/月 from 元/m²/天 (× 365 / 12), rounded half up (四舍五入) to the fen, as the search's SQL rounds it.</summary>
    public static decimal? PerMonth(decimal? dailyRent) =>
        dailyRent is { } daily ? Math.Round(daily * 365m / 12m, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>Asking sale price in 元/m².</summary>
    public decimal? SalePrice { get; set; }
    public FitOut FitOut { get; set; }
    public SpaceStatus Status { get; set; }
    public DateOnly? AvailableFrom { get; set; }
    public bool Divisible { get; set; }

    /// <summary>The smallest part a divisible space can be let in.</summary>
    public decimal? MinDivisibleArea { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
