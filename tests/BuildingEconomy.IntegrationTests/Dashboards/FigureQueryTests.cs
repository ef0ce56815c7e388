using BuildingEconomy.Dashboards;
using BuildingEconomy.Returns;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>The SQL aggregation against figures counted by hand from <see cref="DashboardWorld"/>.</summary>
public sealed class FigureQueryTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly DateOnly October = DashboardWorld.October;
    private DashboardWorld World => fixture.World;
    private DashboardService Service => fixture.Service;

    [Fact]
    public async Task The_worked_example_subdistrict_has_the_published_rates()
    {
        var summary = await Service.SummaryAsync(October, DashboardGrouping.Subdistrict, DashboardScope.Everything, new DashboardFilter(World.DistrictA), default);

        var west = summary.Groups.Single(g => g.Key == World.West.ToString());
        Assert.Equal("西兴街道", west.Name.Name);
        Assert.Equal(150_700m, west.Sums.ForSaleArea);
        Assert.Equal(145_700m, west.Sums.SoldArea);
        Assert.Equal(84_700m, west.Sums.ForRentArea);
        Assert.Equal(66_800m, west.Sums.LeasedArea);
        Assert.Equal(96.7m, Percent(west.Figures, FigureCatalog.SaleRate));
        Assert.Equal(78.9m, Percent(west.Figures, FigureCatalog.LeaseRate)); // 78.866… %: see the unit test of the worked example
        Assert.Equal(61.2m, Percent(west.Figures, FigureCatalog.LocalRegistrationRate));
        Assert.Equal(125m, west.Figures[FigureCatalog.RegisteredElsewhereEnterprises].Value);
    }

    [Fact]
    public async Task District_totals_are_counted_from_the_buildings_that_filed()
    {
        var overview = await Service.OverviewAsync(October, DashboardScope.Everything, new DashboardFilter(World.DistrictA), default);
        var figures = overview.Current;

        // October returns in district A: B1, B2, B4, B7.
        var leasable = 140_000m + 95_400m + 60_000m + 10_000m;
        var signed = 129_000m + 83_500m + 54_000m + 4_000m;
        var resident = 121_000m + 80_000m + 52_000m + 3_500m;
        Assert.Equal(leasable, figures[FigureCatalog.LeasableArea].Value);
        Assert.Equal((leasable - signed) / leasable, figures[FigureCatalog.VacancyRate].Value);
        Assert.Equal((12_000m + 14_000m + 7_000m + 6_000m) / leasable, figures[FigureCatalog.AvailabilityRate].Value);
        Assert.Equal(signed / leasable, figures[FigureCatalog.SignedRate].Value);
        Assert.Equal(resident / leasable, figures[FigureCatalog.ResidenceRate].Value);
        Assert.Equal(signed - resident, figures[FigureCatalog.SignedNotResidentArea].Value);
        Assert.Equal((122m + 75 + 70 + 9) / (202m + 120 + 80 + 10), figures[FigureCatalog.LocalRegistrationRate].Value);
        Assert.Equal((81_000m + 50_000m + 47_000m + 3_200m) / resident, figures[FigureCatalog.LocalRegistrationRateByArea].Value);
        // Net absorption over the buildings that filed both months: B1 +1,000, B4 +2,000, B7 +500 (B2 did not file in September).
        Assert.Equal(3_500m, figures[FigureCatalog.NetAbsorption].Value);
        // Required: B1, B2, B3, B4, B7 (B5 is under construction and B6 archived); B3 has not filed.
        Assert.Equal(4m / 5m, figures[FigureCatalog.FilingRate].Value);
        // Tax on one basis: B1 600,000 over 121,000 m² and B4 8,400,000 over 52,000 m².
        Assert.Equal(9_000_000m, figures.Find(FigureCatalog.TaxAmount, TaxBasis.AllTaxes)!.Value);
        Assert.Equal(9_000_000m / 173_000m, figures.Find(FigureCatalog.TaxPerSquareMetre, TaxBasis.AllTaxes)!.Value);
        Assert.Equal(1m, figures.Find(FigureCatalog.BillionYuanBuildings, TaxBasis.AllTaxes)!.Value);
        // A month earlier B4's 12 months are only 11 × 8.4 million.
        Assert.Equal(0m, overview.PreviousMonth.Find(FigureCatalog.BillionYuanBuildings, TaxBasis.AllTaxes)!.Value);
        // A year earlier nobody filed yet.
        Assert.Null(overview.SameMonthLastYear[FigureCatalog.VacancyRate].Value);
    }

    [Fact]
    public async Task A_building_completed_this_year_must_file_from_its_first_return_on()
    {
        var march = await Service.OverviewAsync(new DateOnly(2026, 3, 1), DashboardScope.Everything, new DashboardFilter(World.DistrictA), default);
        var june = await Service.OverviewAsync(new DateOnly(2026, 6, 1), DashboardScope.Everything, new DashboardFilter(World.DistrictA), default);

        // March: B1–B4 required (B7 first filed in June), only B4 filed.
        Assert.Equal(4m, march.Current[FigureCatalog.BuildingsRequired].Value);
        Assert.Equal(1m / 4m, march.Current[FigureCatalog.FilingRate].Value);
        Assert.Equal(5m, june.Current[FigureCatalog.BuildingsRequired].Value);
    }

    [Theory]
    [InlineData(DashboardGrouping.District)]
    [InlineData(DashboardGrouping.Subdistrict)]
    [InlineData(DashboardGrouping.Grade)]
    [InlineData(DashboardGrouping.Use)]
    [InlineData(DashboardGrouping.Theme)]
    [InlineData(DashboardGrouping.Building)]
    public async Task The_groups_of_any_grouping_add_up_to_the_figures_of_the_whole(DashboardGrouping grouping)
    {
        var whole = await Service.OverviewAsync(October, DashboardScope.Everything, DashboardFilter.None, default);
        var summary = await Service.SummaryAsync(October, grouping, DashboardScope.Everything, DashboardFilter.None, default);

        Assert.True(summary.Groups.Count > 1);
        foreach (var expected in whole.Current.Values)
        {
            Assert.Equal(expected.Value, summary.Total.Figures.Find(expected.Figure, expected.TaxBasis)?.Value);
        }
    }

    [Fact]
    public async Task Groups_are_named_and_a_missing_theme_is_a_group_of_its_own()
    {
        var themes = await Service.SummaryAsync(October, DashboardGrouping.Theme, DashboardScope.Everything, DashboardFilter.None, default);
        var grades = await Service.SummaryAsync(October, DashboardGrouping.Grade, DashboardScope.Everything, DashboardFilter.None, default);

        Assert.Contains(themes.Groups, g => g.Key == "1" && g.Name.Name == "金融" && g.Name.NameEn == "Finance");
        Assert.Contains(themes.Groups, g => g.Key is null && g.Name.Name == "无主题");
        Assert.Equal(["Premium", "A", "B", "C"], grades.Groups.Select(g => g.Key));
        Assert.Equal("甲级", grades.Groups[1].Name.Name);
    }

    [Fact]
    public async Task A_building_group_shows_who_has_not_filed()
    {
        var buildings = await Service.SummaryAsync(October, DashboardGrouping.Building, DashboardScope.Everything, new DashboardFilter(SubdistrictId: World.East), default);

        var b3 = buildings.Groups.Single(g => g.Key == World["B3"].ToString());
        Assert.Equal(0m, b3.Figures[FigureCatalog.FilingRate].Value);
        Assert.Null(b3.Figures[FigureCatalog.VacancyRate].Value);
        Assert.DoesNotContain(buildings.Groups, g => g.Key == World["B5"].ToString() || g.Key == World["B6"].ToString());
    }

    [Fact]
    public async Task A_scope_of_buildings_sees_only_those_and_no_tax_without_the_right()
    {
        var scope = new DashboardScope([World["B1"], World["B3"]], CanSeeTax: false);

        var overview = await Service.OverviewAsync(October, scope, DashboardFilter.None, default);

        Assert.Equal(140_000m, overview.Current[FigureCatalog.LeasableArea].Value);
        Assert.Equal(1m / 2m, overview.Current[FigureCatalog.FilingRate].Value);
        Assert.DoesNotContain(overview.Current.Values, v => v.Figure.IsTax);
        Assert.Equal(October, await Service.LatestPeriodAsync(scope, default));
        Assert.Equal(DashboardWorld.September, await Service.LatestPeriodAsync(new DashboardScope([World["B3"]], false), default));
        Assert.Null(await Service.LatestPeriodAsync(new DashboardScope([World["B5"]], false), default));
    }

    [Fact]
    public async Task Trends_give_every_month_and_no_data_before_the_first_return()
    {
        var trend = await Service.TrendAsync(October, DashboardScope.Everything, new DashboardFilter(World.DistrictB), default);

        Assert.Equal(24, trend.Periods.Count);
        Assert.Equal(October, trend.Periods[^1]);
        Assert.Equal(new DateOnly(2024, 11, 1), trend.Periods[0]);
        Assert.Null(trend.Figures[0][FigureCatalog.LeaseRate].Value);
        Assert.Equal(0.9m, trend.Figures[^1][FigureCatalog.LeaseRate].Value);
        Assert.Equal(1_000m, trend.Figures[^1][FigureCatalog.NetAbsorption].Value);
        Assert.Null(trend.Figures[^2][FigureCatalog.NetAbsorption].Value);
    }

    private static decimal Percent(FigureSet figures, FigureDefinition figure) => FigureFormatter.Percent(figures[figure].Value!.Value);
}
