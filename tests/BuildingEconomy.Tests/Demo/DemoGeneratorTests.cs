using BuildingEconomy.Buildings;
using BuildingEconomy.Demo;
using BuildingEconomy.Returns;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Tests.Demo;

public class DemoGeneratorTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private static readonly Lazy<DemoDataSet> DemoDistrict = new(() => new DemoGenerator(DemoSize.Demo, AsOf).Generate());

    [Fact]
    public void The_demo_district_has_the_planned_size()
    {
        var data = DemoDistrict.Value;
        Assert.Single(data.Districts);
        Assert.Equal(8, data.Subdistricts.Count);
        Assert.Equal(300, data.Buildings.Count);
        Assert.InRange(data.Spaces.Count, 8_000, 12_000);
        Assert.Equal(12_000, data.Enterprises.Count);
        Assert.InRange(data.Tenancies.Count, 9_000, 12_000);
        Assert.Equal(24, data.Figures.Select(f => f.Period).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_and_date_give_the_same_data()
    {
        var again = new DemoGenerator(DemoSize.Demo, AsOf).Generate();
        var first = DemoDistrict.Value;
        Assert.Equal(first.Buildings.Select(b => (b.Name, b.Location.X, b.Location.Y, b.Grade)), again.Buildings.Select(b => (b.Name, b.Location.X, b.Location.Y, b.Grade)));
        Assert.Equal(first.Enterprises.Select(e => e.CreditCode), again.Enterprises.Select(e => e.CreditCode));
        Assert.Equal(first.Figures.Select(f => (f.BuildingId, f.Period, f.ResidentArea)), again.Figures.Select(f => (f.BuildingId, f.Period, f.ResidentArea)));
    }

    [Fact]
    public void Every_credit_code_validates_and_is_unique()
    {
        var codes = DemoDistrict.Value.Enterprises.Select(e => e.CreditCode).ToList();
        Assert.All(codes, code => Assert.True(UnifiedSocialCreditCode.IsValid(code), code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Local_enterprises_carry_the_district_code_and_some_are_registered_elsewhere()
    {
        var data = DemoDistrict.Value;
        var districtCode = data.Districts[0].AdminCode;
        var tenancies = data.Tenancies.ToDictionary(t => t.EnterpriseId);
        foreach (var enterprise in data.Enterprises)
        {
            var local = !tenancies.TryGetValue(enterprise.Id, out var tenancy) || tenancy.RegisteredLocally;
            Assert.Equal(local, enterprise.CreditCode[2..8] == districtCode);
            Assert.Equal(local, enterprise.RegisteredDistrictCode == districtCode);
        }
        var localShare = data.Tenancies.Count(t => t.RegisteredLocally) / (double)data.Tenancies.Count;
        Assert.InRange(localShare, 0.45, 0.8);
    }

    [Fact]
    public void Every_building_lies_inside_its_subdistrict_and_district()
    {
        var data = DemoDistrict.Value;
        var subdistricts = data.Subdistricts.ToDictionary(s => s.Id);
        foreach (var building in data.Buildings)
        {
            var subdistrict = subdistricts[building.SubdistrictId!.Value];
            Assert.True(subdistrict.Boundary.Contains(building.Location), building.Name);
            Assert.True(data.Districts.Single(d => d.Id == subdistrict.DistrictId).Boundary.Contains(building.Location));
        }
    }

    [Fact]
    public void Subdistricts_tile_the_district_without_overlap()
    {
        var data = DemoDistrict.Value;
        var district = data.Districts[0].Boundary;
        var union = data.Subdistricts.Select(s => (Geometry)s.Boundary).Aggregate((a, b) => a.Union(b));
        Assert.Equal(district.Area, union.Area, 9);
        var pairs = from a in data.Subdistricts from b in data.Subdistricts where a.Id < b.Id select a.Boundary.Intersection(b.Boundary).Area;
        Assert.All(pairs, overlap => Assert.True(overlap < 1e-10));
    }

    [Fact]
    public void Every_month_satisfies_the_invariants_of_the_figures()
    {
        foreach (var r in DemoDistrict.Value.Returns)
        {
            Assert.True(r.SoldArea <= r.ForSaleArea, $"sold > for-sale in return {r.Id}");
            Assert.True(r.LeasedArea <= r.ForRentArea, $"leased > for-rent in return {r.Id}");
            Assert.True(r.ResidentArea <= r.SoldArea + r.LeasedArea + r.SelfUseArea, $"resident > signed + self-use in return {r.Id}");
            Assert.True(r.SoldArea >= 0 && r.LeasedArea >= 0 && r.ResidentArea >= 0);
        }
    }

    [Fact]
    public void Applied_returns_agree_with_their_rosters_and_the_month_figures()
    {
        var data = DemoDistrict.Value;
        var figures = data.Figures.ToDictionary(f => f.ReturnId);
        foreach (var applied in data.Returns.Where(r => r.Status == ReturnStatus.Applied))
        {
            var current = applied.Lines.Where(l => l.State != TenantState.MovedOut).ToList();
            Assert.Equal(applied.SoldArea, current.Where(l => l.Purchased).Sum(l => l.Area));
            Assert.Equal(applied.LeasedArea, current.Where(l => !l.Purchased).Sum(l => l.Area));
            Assert.Equal(applied.ResidentArea, current.Where(l => l.State == TenantState.Resident).Sum(l => l.Area));
            var month = figures[applied.Id];
            Assert.Equal(applied.ResidentArea, month.ResidentArea);
            Assert.Equal(current.Count(l => l.State == TenantState.Resident), month.ResidentEnterprises);
            Assert.Equal(current.Count(l => l.State == TenantState.Resident && l.RegisteredLocally), month.LocallyRegisteredEnterprises);
            Assert.InRange(month.MarketedArea, 0, month.ForSaleArea + month.ForRentArea);
        }
    }

    [Fact]
    public void One_applied_return_per_building_and_month_and_corrections_supersede()
    {
        var data = DemoDistrict.Value;
        Assert.All(data.Returns.Where(r => r.Status == ReturnStatus.Applied).GroupBy(r => (r.BuildingId, r.Period)), g => Assert.Single(g));
        var superseded = data.Returns.Where(r => r.Status == ReturnStatus.Superseded).Select(r => r.Id).ToHashSet();
        Assert.NotEmpty(superseded);
        Assert.All(data.Returns.Where(r => r.SupersedesId is not null), r => Assert.Contains(r.SupersedesId!.Value, superseded));
    }

    [Fact]
    public void New_buildings_show_a_signed_but_not_resident_gap()
    {
        var data = DemoDistrict.Value;
        var latest = data.Figures.Max(f => f.Period);
        var recent = data.Buildings.Where(b => b.ConstructionStatus == ConstructionStatus.Completed && b.CompletionYear >= latest.Year - 1).Select(b => b.Id).ToHashSet();
        var gap = data.Figures.Where(f => f.Period == latest && recent.Contains(f.BuildingId))
            .Sum(f => f.SoldArea + f.LeasedArea - f.ResidentArea) / data.Figures.Where(f => f.Period == latest && recent.Contains(f.BuildingId)).Sum(f => f.SoldArea + f.LeasedArea);
        var older = data.Figures.Where(f => f.Period == latest && !recent.Contains(f.BuildingId))
            .Sum(f => f.SoldArea + f.LeasedArea - f.ResidentArea) / data.Figures.Where(f => f.Period == latest && !recent.Contains(f.BuildingId)).Sum(f => f.SoldArea + f.LeasedArea);
        Assert.True(gap > older * 1.5m, $"new {gap:P1} vs older {older:P1}");
    }

    [Fact]
    public void Vacancy_falls_in_some_streets_over_the_two_years()
    {
        var data = DemoDistrict.Value;
        var first = data.Figures.Min(f => f.Period);
        var last = data.Figures.Max(f => f.Period);
        decimal Vacancy(int subdistrict, DateOnly period)
        {
            var rows = data.Figures.Where(f => f.SubdistrictId == subdistrict && f.Period == period).ToList();
            return 1 - rows.Sum(f => f.SoldArea + f.LeasedArea) / rows.Sum(f => f.ForSaleArea + f.ForRentArea);
        }
        var falling = data.Subdistricts.Count(s => Vacancy(s.Id, last) < Vacancy(s.Id, first) - 0.03m);
        Assert.InRange(falling, 1, 7);
    }
}
