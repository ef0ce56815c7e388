using BuildingEconomy.Buildings;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Returns;

namespace BuildingEconomy.Demo;

/// <summary>Everything a generated data set holds, with ids assigned, ready for bulk loading.</summary>
public sealed class DemoDataSet
{
    public List<District> Districts { get; } = [];
    public List<Subdistrict> Subdistricts { get; } = [];
    public List<Building> Buildings { get; } = [];
    public List<(int BuildingId, int FacilityId)> BuildingFacilities { get; } = [];
    public List<Space> Spaces { get; } = [];
    public List<Enterprise> Enterprises { get; } = [];
    public List<Tenancy> Tenancies { get; } = [];
    public List<MonthlyReturn> Returns { get; } = [];
    public List<BuildingMonthFigures> Figures { get; } = [];

    public int ReturnLineCount => Returns.Sum(r => r.Lines.Count);
}
