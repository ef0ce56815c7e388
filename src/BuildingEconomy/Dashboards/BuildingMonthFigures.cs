using BuildingEconomy.Buildings;
using BuildingEconomy.Returns;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// The read model dashboards use: a building's figures for one month from its latest applied return,
/// with the building's grouping attributes copied in so that group figures need no join.
/// Rates are never stored: groups sum these numerators and denominators, then divide.
/// </summary>
public sealed class BuildingMonthFigures
{
    public int BuildingId { get; set; }
    public DateOnly Period { get; set; }
    public long ReturnId { get; set; }

    public int? DistrictId { get; set; }
    public int? SubdistrictId { get; set; }
    public BuildingGrade Grade { get; set; }
    public BuildingUse Use { get; set; }
    public int? ThemeId { get; set; }

    public decimal ForSaleArea { get; set; }
    public decimal ForRentArea { get; set; }
    public decimal SoldArea { get; set; }
    public decimal LeasedArea { get; set; }
    public decimal SelfUseArea { get; set; }
    public decimal ResidentArea { get; set; }

    /// <summary>Vacant spaces plus spaces becoming free within six months.</summary>
    public decimal MarketedArea { get; set; }

    public int ResidentEnterprises { get; set; }
    public int LocallyRegisteredEnterprises { get; set; }
    public decimal LocallyRegisteredArea { get; set; }

    public decimal? TaxAmount { get; set; }
    public TaxBasis? TaxBasis { get; set; }
}
