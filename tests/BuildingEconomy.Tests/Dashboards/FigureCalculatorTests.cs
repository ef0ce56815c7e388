using BuildingEconomy.Dashboards;
using BuildingEconomy.Returns;

namespace BuildingEconomy.Tests.Dashboards;

/// <summary>Every figure of DESIGN.md §3 on sums small enough to check by hand.</summary>
public sealed class FigureCalculatorTests
{
    /// <summary>One building: 1,000 m² for sale (800 sold), 3,000 m² for rent (2,100 leased), 500 self-use.</summary>
    private static readonly FigureSums Building = new()
    {
        BuildingsReporting = 1,
        ForSaleArea = 1_000m,
        ForRentArea = 3_000m,
        SoldArea = 800m,
        LeasedArea = 2_100m,
        SelfUseArea = 500m,
        ResidentArea = 2_500m,
        MarketedArea = 1_300m,
        ResidentEnterprises = 40,
        LocallyRegisteredEnterprises = 30,
        LocallyRegisteredArea = 2_000m,
        AbsorptionBuildings = 1,
        AbsorptionResidentArea = 2_500m,
        AbsorptionPreviousResidentArea = 2_380m,
        BuildingsRequired = 1,
        BuildingsFiled = 1,
        Tax = new Dictionary<TaxBasis, TaxSums>
        {
            [TaxBasis.AllTaxes] = new() { BuildingsReporting = 1, TaxAmount = 1_250_000m, ResidentArea = 2_500m, BillionYuanBuildings = 0 },
        },
    };

    [Fact]
    public void Every_figure_of_one_building_follows_its_definition()
    {
        var figures = FigureCalculator.Compute(Building);

        Assert.Equal(4_000m, Value(figures, FigureCatalog.LeasableArea));
        Assert.Equal(500m, Value(figures, FigureCatalog.SelfUseArea));
        Assert.Equal(800m, Value(figures, FigureCatalog.SoldArea));
        Assert.Equal(2_100m, Value(figures, FigureCatalog.LeasedArea));
        Assert.Equal(2_900m, Value(figures, FigureCatalog.SignedArea));
        Assert.Equal(1_100m, Value(figures, FigureCatalog.VacantArea));
        Assert.Equal(1_100m / 4_000m, Value(figures, FigureCatalog.VacancyRate)); // 27.5 %
        Assert.Equal(1_300m / 4_000m, Value(figures, FigureCatalog.AvailabilityRate)); // 32.5 %
        Assert.Equal(120m, Value(figures, FigureCatalog.NetAbsorption));
        Assert.Equal(0.8m, Value(figures, FigureCatalog.SaleRate));
        Assert.Equal(0.7m, Value(figures, FigureCatalog.LeaseRate));
        Assert.Equal(2_900m / 4_000m, Value(figures, FigureCatalog.SignedRate)); // 72.5 %
        Assert.Equal(2_500m, Value(figures, FigureCatalog.ResidentArea));
        Assert.Equal(2_500m / 4_000m, Value(figures, FigureCatalog.ResidenceRate)); // 62.5 %
        Assert.Equal(400m, Value(figures, FigureCatalog.SignedNotResidentArea));
        Assert.Equal(40m, Value(figures, FigureCatalog.ResidentEnterprises));
        Assert.Equal(10m, Value(figures, FigureCatalog.RegisteredElsewhereEnterprises));
        Assert.Equal(0.75m, Value(figures, FigureCatalog.LocalRegistrationRate));
        Assert.Equal(0.8m, Value(figures, FigureCatalog.LocalRegistrationRateByArea));
        Assert.Equal(1m, Value(figures, FigureCatalog.FilingRate));
        Assert.Equal(1_250_000m, figures.Find(FigureCatalog.TaxAmount, TaxBasis.AllTaxes)!.Value);
        Assert.Equal(500m, figures.Find(FigureCatalog.TaxPerSquareMetre, TaxBasis.AllTaxes)!.Value);
        Assert.Equal(0m, figures.Find(FigureCatalog.BillionYuanBuildings, TaxBasis.AllTaxes)!.Value);
    }

    [Fact]
    public void Rates_carry_what_they_were_divided_from()
    {
        var vacancy = FigureCalculator.Compute(Building)[FigureCatalog.VacancyRate];

        Assert.Equal(1_100m, vacancy.Numerator);
        Assert.Equal(4_000m, vacancy.Denominator);
    }

    /// <summary>DESIGN.md §3's worked example, a district's published figures.</summary>
    [Fact]
    public void The_design_briefs_worked_example()
    {
        var district = new FigureSums
        {
            BuildingsReporting = 12,
            ForSaleArea = 150_700m,
            SoldArea = 145_700m,
            ForRentArea = 84_700m,
            LeasedArea = 66_800m,
            ResidentEnterprises = 322,
            LocallyRegisteredEnterprises = 322 - 125,
        };

        var figures = FigureCalculator.Compute(district);

        Assert.Equal(96.7m, FigureFormatter.Percent(Value(figures, FigureCatalog.SaleRate)!.Value));
        // The brief prints 78.8 %, but 66,800 / 84,700 = 78.866… %, which is 78.9 % rounded (and truncating would
        // make the sale rate 96.6 %, not 96.7 %): no one rule gives both published figures from these areas. The
        // areas are published rounded to hundreds (e.g. 66,760 / 84,720 is 78.80 %), so the district's exact areas
        // give 78.8 %; from the areas as printed the correct rate is 78.9 %.
        Assert.Equal(78.9m, FigureFormatter.Percent(Value(figures, FigureCatalog.LeaseRate)!.Value));
        Assert.Equal(78.8m, FigureFormatter.Percent(FigureCalculator.Ratio(66_760m, 84_720m)!.Value));
        Assert.Equal(61.2m, FigureFormatter.Percent(Value(figures, FigureCatalog.LocalRegistrationRate)!.Value));
        Assert.Equal(125m, Value(figures, FigureCatalog.RegisteredElsewhereEnterprises));
        // Exactly, before rounding: 145,700 / 150,700 = 0.96682…, 66,800 / 84,700 = 0.78866…, 197 / 322 = 0.61180…
        Assert.Equal(145_700m / 150_700m, Value(figures, FigureCatalog.SaleRate));
        Assert.Equal(66_800m / 84_700m, Value(figures, FigureCatalog.LeaseRate));
        Assert.Equal(197m / 322m, Value(figures, FigureCatalog.LocalRegistrationRate));
    }

    [Fact]
    public void A_zero_denominator_is_no_data_never_zero_or_a_hundred_percent()
    {
        var onlyForRent = Building with { ForSaleArea = 0m, SoldArea = 0m, ResidentEnterprises = 0, LocallyRegisteredEnterprises = 0, ResidentArea = 0m, LocallyRegisteredArea = 0m };
        var nothingLeasable = Building with { ForSaleArea = 0m, ForRentArea = 0m, SoldArea = 0m, LeasedArea = 0m, MarketedArea = 0m };
        var nobodyRequired = Building with { BuildingsRequired = 0, BuildingsFiled = 0 };

        var figures = FigureCalculator.Compute(onlyForRent);
        Assert.Null(Value(figures, FigureCatalog.SaleRate));
        Assert.Equal(0.7m, Value(figures, FigureCatalog.LeaseRate));
        Assert.Null(Value(figures, FigureCatalog.LocalRegistrationRate));
        Assert.Null(Value(figures, FigureCatalog.LocalRegistrationRateByArea));

        var empty = FigureCalculator.Compute(nothingLeasable);
        foreach (var rate in new[] { FigureCatalog.VacancyRate, FigureCatalog.AvailabilityRate, FigureCatalog.SignedRate, FigureCatalog.ResidenceRate, FigureCatalog.SaleRate, FigureCatalog.LeaseRate })
        {
            Assert.Null(Value(empty, rate));
        }
        Assert.Equal(0m, Value(empty, FigureCatalog.LeasableArea));

        Assert.Null(Value(FigureCalculator.Compute(nobodyRequired), FigureCatalog.FilingRate));
        var noResidentAreaWithTax = Building with
        {
            Tax = new Dictionary<TaxBasis, TaxSums> { [TaxBasis.AllTaxes] = new() { BuildingsReporting = 1, TaxAmount = 10m, ResidentArea = 0m } },
        };
        Assert.Null(FigureCalculator.Compute(noResidentAreaWithTax).Find(FigureCatalog.TaxPerSquareMetre, TaxBasis.AllTaxes)!.Value);
    }

    [Fact]
    public void A_group_without_returns_has_no_data_except_who_had_to_file()
    {
        var figures = FigureCalculator.Compute(new FigureSums { BuildingsRequired = 3, BuildingsFiled = 0 });

        Assert.Null(Value(figures, FigureCatalog.VacancyRate));
        Assert.Null(Value(figures, FigureCatalog.LeasableArea));
        Assert.Null(Value(figures, FigureCatalog.ResidentEnterprises));
        Assert.Null(Value(figures, FigureCatalog.NetAbsorption));
        Assert.Equal(0m, Value(figures, FigureCatalog.FilingRate));
        Assert.Equal(3m, Value(figures, FigureCatalog.BuildingsRequired));
        Assert.Empty(figures.TaxBases);
    }

    [Fact]
    public void Net_absorption_is_no_data_when_no_building_filed_both_months()
    {
        var figures = FigureCalculator.Compute(Building with { AbsorptionBuildings = 0, AbsorptionResidentArea = 0m, AbsorptionPreviousResidentArea = 0m });

        Assert.Null(Value(figures, FigureCatalog.NetAbsorption));
        Assert.Equal(-200m, Value(FigureCalculator.Compute(Building with { AbsorptionPreviousResidentArea = 2_700m }), FigureCatalog.NetAbsorption));
    }

    [Fact]
    public void A_group_sums_numerators_and_denominators_first_and_never_averages_rates()
    {
        // 90 % of 10,000 m² and 10 % of 1,000 m²: the group is 9,100 / 11,000 = 82.7 %, not the mean 50 %.
        var large = new FigureSums { BuildingsReporting = 1, ForRentArea = 10_000m, LeasedArea = 9_000m };
        var small = new FigureSums { BuildingsReporting = 1, ForRentArea = 1_000m, LeasedArea = 100m };

        var group = FigureCalculator.Compute(large.Add(small));

        Assert.Equal(9_100m / 11_000m, Value(group, FigureCatalog.LeaseRate));
        Assert.Equal(82.7m, FigureFormatter.Percent(Value(group, FigureCatalog.LeaseRate)!.Value));
    }

    [Fact]
    public void The_figures_of_a_union_equal_those_of_its_groups_added_together()
    {
        var other = new FigureSums
        {
            BuildingsReporting = 2,
            ForSaleArea = 0m,
            ForRentArea = 7_777.77m,
            LeasedArea = 5_555.55m,
            ResidentArea = 5_000.01m,
            MarketedArea = 2_345.67m,
            ResidentEnterprises = 61,
            LocallyRegisteredEnterprises = 20,
            LocallyRegisteredArea = 1_234.56m,
            AbsorptionBuildings = 1,
            AbsorptionResidentArea = 2_000m,
            AbsorptionPreviousResidentArea = 2_500m,
            BuildingsRequired = 4,
            BuildingsFiled = 2,
            Tax = new Dictionary<TaxBasis, TaxSums>
            {
                [TaxBasis.AllTaxes] = new() { BuildingsReporting = 1, TaxAmount = 99_000_000m, ResidentArea = 3_000m, BillionYuanBuildings = 1 },
                [TaxBasis.DistrictRevenue] = new() { BuildingsReporting = 1, TaxAmount = 10_000m, ResidentArea = 2_000m, BillionYuanBuildings = 0 },
            },
        };
        var union = Building.Add(other);

        Assert.Equal(union, FigureSums.Sum([other, Building]), new FigureSumsComparer());
        var figures = FigureCalculator.Compute(union);
        Assert.Equal(3, union.BuildingsReporting);
        Assert.Equal((1_100m + 7_777.77m - 5_555.55m) / (4_000m + 7_777.77m), Value(figures, FigureCatalog.VacancyRate));
        Assert.Equal(-380m, Value(figures, FigureCatalog.NetAbsorption));
        Assert.Equal(50m / 101m, Value(figures, FigureCatalog.LocalRegistrationRate));
        Assert.Equal(3m / 5m, Value(figures, FigureCatalog.FilingRate));
        // Tax is added per basis, never across bases.
        Assert.Equal(100_250_000m / 5_500m, figures.Find(FigureCatalog.TaxPerSquareMetre, TaxBasis.AllTaxes)!.Value);
        Assert.Equal(5m, figures.Find(FigureCatalog.TaxPerSquareMetre, TaxBasis.DistrictRevenue)!.Value);
        Assert.Equal(1m, figures.Find(FigureCatalog.BillionYuanBuildings, TaxBasis.AllTaxes)!.Value);
    }

    [Fact]
    public void Changes_between_months_need_data_on_both_sides()
    {
        var now = new FigureValue(FigureCatalog.VacancyRate, 0.25m);

        Assert.Equal(-0.05m, FigureCalculator.Change(now, new FigureValue(FigureCatalog.VacancyRate, 0.30m)));
        Assert.Null(FigureCalculator.Change(now, new FigureValue(FigureCatalog.VacancyRate, null)));
        Assert.Null(FigureCalculator.Change(now, null));
    }

    [Fact]
    public void Without_tax_leaves_out_every_tax_figure()
    {
        Assert.DoesNotContain(FigureCalculator.Compute(Building).WithoutTax().Values, v => v.Figure.IsTax);
    }

    private static decimal? Value(FigureSet figures, FigureDefinition figure) => figures[figure].Value;

    private sealed class FigureSumsComparer : IEqualityComparer<FigureSums>
    {
        public bool Equals(FigureSums? x, FigureSums? y) =>
            x is not null && y is not null
            && (x with { Tax = y.Tax }) == y
            && x.Tax.Count == y.Tax.Count && x.Tax.All(t => y.Tax.TryGetValue(t.Key, out var other) && other == t.Value);

        public int GetHashCode(FigureSums obj) => obj.BuildingsReporting;
    }
}
