namespace BuildingEconomy.Dashboards;

public enum FigureUnit { SquareMetres, Rate, Count, Yuan, YuanPerSquareMetre }

/// <summary>
/// One dashboard figure of DESIGN.md §3. Its name, definition and basis (口径) are UI text in SharedResource under
/// <see cref="NameResourceKey"/>, <see cref="DefinitionResourceKey"/> and <see cref="BasisResourceKey"/>, so pages
/// and the API show the same words in Chinese and English.
/// </summary>
public sealed record FigureDefinition(string Key, FigureUnit Unit, bool IsTax = false)
{
    public string NameResourceKey => $"Dashboard.Figure.{Key}";
    public string DefinitionResourceKey => $"Dashboard.Figure.{Key}.Definition";
    public string BasisResourceKey => $"Dashboard.Figure.{Key}.Basis";

    /// <summary>Rates change in percentage points; everything else in its own unit.</summary>
    public bool IsRate => Unit == FigureUnit.Rate;
}

public static class FigureCatalog
{
    public static readonly FigureDefinition LeasableArea = new("leasableArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition SelfUseArea = new("selfUseArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition SoldArea = new("soldArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition LeasedArea = new("leasedArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition SignedArea = new("signedArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition VacantArea = new("vacantArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition VacancyRate = new("vacancyRate", FigureUnit.Rate);
    public static readonly FigureDefinition MarketedArea = new("marketedArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition AvailabilityRate = new("availabilityRate", FigureUnit.Rate);
    public static readonly FigureDefinition SaleRate = new("saleRate", FigureUnit.Rate);
    public static readonly FigureDefinition LeaseRate = new("leaseRate", FigureUnit.Rate);
    public static readonly FigureDefinition SignedRate = new("signedRate", FigureUnit.Rate);
    public static readonly FigureDefinition ResidentArea = new("residentArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition ResidenceRate = new("residenceRate", FigureUnit.Rate);
    public static readonly FigureDefinition SignedNotResidentArea = new("signedNotResidentArea", FigureUnit.SquareMetres);
    public static readonly FigureDefinition NetAbsorption = new("netAbsorption", FigureUnit.SquareMetres);
    public static readonly FigureDefinition ResidentEnterprises = new("residentEnterprises", FigureUnit.Count);
    public static readonly FigureDefinition RegisteredElsewhereEnterprises = new("registeredElsewhereEnterprises", FigureUnit.Count);
    public static readonly FigureDefinition LocalRegistrationRate = new("localRegistrationRate", FigureUnit.Rate);
    public static readonly FigureDefinition LocalRegistrationRateByArea = new("localRegistrationRateByArea", FigureUnit.Rate);
    public static readonly FigureDefinition BuildingsRequired = new("buildingsRequired", FigureUnit.Count);
    public static readonly FigureDefinition BuildingsFiled = new("buildingsFiled", FigureUnit.Count);
    public static readonly FigureDefinition FilingRate = new("filingRate", FigureUnit.Rate);
    public static readonly FigureDefinition TaxAmount = new("taxAmount", FigureUnit.Yuan, IsTax: true);
    public static readonly FigureDefinition TaxPerSquareMetre = new("taxPerSquareMetre", FigureUnit.YuanPerSquareMetre, IsTax: true);
    public static readonly FigureDefinition BillionYuanBuildings = new("billionYuanBuildings", FigureUnit.Count, IsTax: true);

    /// <summary>In the order pages list them.</summary>
    public static readonly IReadOnlyList<FigureDefinition> All =
    [
        VacancyRate, VacantArea, LeasableArea, SelfUseArea, AvailabilityRate, MarketedArea, NetAbsorption,
        SaleRate, LeaseRate, SignedRate, SoldArea, LeasedArea, SignedArea,
        ResidenceRate, ResidentArea, SignedNotResidentArea,
        LocalRegistrationRate, LocalRegistrationRateByArea, ResidentEnterprises, RegisteredElsewhereEnterprises,
        FilingRate, BuildingsFiled, BuildingsRequired,
        TaxAmount, TaxPerSquareMetre, BillionYuanBuildings,
    ];

    /// <summary>The figures a map or a chart can be coloured or plotted by: the rates and the signed area gaps.</summary>
    public static readonly IReadOnlyList<FigureDefinition> Headline =
    [
        VacancyRate, AvailabilityRate, NetAbsorption, SaleRate, LeaseRate, SignedRate, ResidenceRate,
        SignedNotResidentArea, LocalRegistrationRate, LocalRegistrationRateByArea, FilingRate, TaxPerSquareMetre,
    ];

    private static readonly Dictionary<string, FigureDefinition> ByKeyMap = All.ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);

    public static FigureDefinition? Find(string? key) => key is not null && ByKeyMap.TryGetValue(key, out var figure) ? figure : null;

    public static FigureDefinition Get(string key) => ByKeyMap[key];
}
