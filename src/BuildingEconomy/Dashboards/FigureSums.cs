using BuildingEconomy.Returns;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// The numerators and denominators of every dashboard figure for one group of buildings and one month. All of
/// them are plain sums or counts, so the sums of two disjoint groups added together are exactly the sums of
/// their union: a group's rates are computed from these, never by averaging the rates of its members.
/// </summary>
public sealed record FigureSums
{
    public static readonly FigureSums Empty = new();

    /// <summary>Buildings with an applied return for the month (rows of the read model).</summary>
    public int BuildingsReporting { get; init; }

    public decimal ForSaleArea { get; init; }
    public decimal ForRentArea { get; init; }
    public decimal SoldArea { get; init; }
    public decimal LeasedArea { get; init; }
    public decimal SelfUseArea { get; init; }
    public decimal ResidentArea { get; init; }
    public decimal MarketedArea { get; init; }

    public long ResidentEnterprises { get; init; }
    public long LocallyRegisteredEnterprises { get; init; }
    public decimal LocallyRegisteredArea { get; init; }

    /// <summary>Buildings that also reported the month before; net absorption compares only these.</summary>
    public int AbsorptionBuildings { get; init; }
    public decimal AbsorptionResidentArea { get; init; }
    public decimal AbsorptionPreviousResidentArea { get; init; }

    /// <summary>Buildings required to report for the month, and how many of those did.</summary>
    public int BuildingsRequired { get; init; }
    public int BuildingsFiled { get; init; }

    /// <summary>Tax figures by basis (口径): amounts of different bases are never added together.</summary>
    public IReadOnlyDictionary<TaxBasis, TaxSums> Tax { get; init; } = new Dictionary<TaxBasis, TaxSums>();

    public FigureSums Add(FigureSums other)
    {
        var tax = new Dictionary<TaxBasis, TaxSums>(Tax);
        foreach (var (basis, sums) in other.Tax)
        {
            tax[basis] = tax.TryGetValue(basis, out var mine) ? mine.Add(sums) : sums;
        }
        return new FigureSums
        {
            BuildingsReporting = BuildingsReporting + other.BuildingsReporting,
            ForSaleArea = ForSaleArea + other.ForSaleArea,
            ForRentArea = ForRentArea + other.ForRentArea,
            SoldArea = SoldArea + other.SoldArea,
            LeasedArea = LeasedArea + other.LeasedArea,
            SelfUseArea = SelfUseArea + other.SelfUseArea,
            ResidentArea = ResidentArea + other.ResidentArea,
            MarketedArea = MarketedArea + other.MarketedArea,
            ResidentEnterprises = ResidentEnterprises + other.ResidentEnterprises,
            LocallyRegisteredEnterprises = LocallyRegisteredEnterprises + other.LocallyRegisteredEnterprises,
            LocallyRegisteredArea = LocallyRegisteredArea + other.LocallyRegisteredArea,
            AbsorptionBuildings = AbsorptionBuildings + other.AbsorptionBuildings,
            AbsorptionResidentArea = AbsorptionResidentArea + other.AbsorptionResidentArea,
            AbsorptionPreviousResidentArea = AbsorptionPreviousResidentArea + other.AbsorptionPreviousResidentArea,
            BuildingsRequired = BuildingsRequired + other.BuildingsRequired,
            BuildingsFiled = BuildingsFiled + other.BuildingsFiled,
            Tax = tax,
        };
    }

    public static FigureSums Sum(IEnumerable<FigureSums> parts) => parts.Aggregate(Empty, (total, part) => total.Add(part));
}

/// <summary>A group's tax sums on one basis.</summary>
public sealed record TaxSums
{
    /// <summary>Buildings whose return for the month carries a tax figure on this basis.</summary>
    public int BuildingsReporting { get; init; }
    public decimal TaxAmount { get; init; }

    /// <summary>Resident area of those buildings only: tax per m² divides by the area the tax was paid from.</summary>
    public decimal ResidentArea { get; init; }

    /// <summary>
    /// Of the buildings reporting tax this month, those whose 12 months to this one add up to ≥ 100 million yuan;
    /// null when not counted (a query that left it out).
    /// </summary>
    public int? BillionYuanBuildings { get; init; }

    public TaxSums Add(TaxSums other) => new()
    {
        BuildingsReporting = BuildingsReporting + other.BuildingsReporting,
        TaxAmount = TaxAmount + other.TaxAmount,
        ResidentArea = ResidentArea + other.ResidentArea,
        BillionYuanBuildings = BillionYuanBuildings is { } mine && other.BillionYuanBuildings is { } theirs ? mine + theirs : null,
    };
}
