using BuildingEconomy.Dashboards;
using BuildingEconomy.Returns;

namespace BuildingEconomy.IntegrationTests.Dashboards;

public sealed class FollowUpAndRosterTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly DateOnly October = DashboardWorld.October;
    private DashboardWorld World => fixture.World;
    private FollowUpQueries Lists => new(fixture.Database.DataSource);

    [Fact]
    public async Task Enterprises_resident_here_but_registered_elsewhere_largest_first()
    {
        var list = await Lists.RegisteredElsewhereAsync(October, DashboardScope.Everything, new DashboardFilter(World.DistrictA), 0, 50, default);

        // B2's Beijing-registered tenant (1,000 m²), then B1's Shanghai one (300 m²); B1's signed-only and local lines are not here.
        Assert.Equal(2, list.Total);
        Assert.Equal([1_000m, 300m], list.Items.Select(e => e.Area));
        Assert.Equal(["北京市朝阳区", DashboardWorld.Elsewhere], list.Items.Select(e => e.RegisteredPlace));
        Assert.Equal(World["B2"], list.Items[0].Building.Id);
        Assert.Equal("西兴街道", list.Items[0].Building.Subdistrict);
        Assert.Equal(18, list.Items[0].CreditCode.Length);
    }

    [Fact]
    public async Task Lists_are_paged_with_the_size_of_the_whole_list()
    {
        var second = await Lists.RegisteredElsewhereAsync(October, DashboardScope.Everything, DashboardFilter.None, 1, 1, default);
        var past = await Lists.RegisteredElsewhereAsync(October, DashboardScope.Everything, DashboardFilter.None, 5, 1, default);

        Assert.Equal(300m, Assert.Single(second.Items).Area);
        Assert.Equal(2, second.Total);
        Assert.Empty(past.Items);
        Assert.Equal(2, past.Total);
    }

    [Fact]
    public async Task Buildings_with_the_most_signed_but_empty_space_first()
    {
        var list = await Lists.SignedNotResidentAsync(October, DashboardScope.Everything, DashboardFilter.None, 0, 50, default);

        // B1 129,000 − 121,000 = 8,000; B2 83,500 − 80,000 = 3,500; B8 2,000; B4 2,000; B7 500.
        Assert.Equal([8_000m, 3_500m, 2_000m, 2_000m, 500m], list.Items.Select(e => e.SignedNotResidentArea));
        Assert.Equal(World["B1"], list.Items[0].Building.Id);
    }

    [Fact]
    public async Task Buildings_that_have_not_filed_with_their_contacts_and_last_month_filed()
    {
        var list = await Lists.NotFiledAsync(October, DashboardScope.Everything, DashboardFilter.None, 0, 50, default);

        var b3 = Assert.Single(list.Items);
        Assert.Equal(World["B3"], b3.Building.Id);
        Assert.Equal("B3联络员", b3.PropertyContact);
        Assert.Equal("B3领导", b3.OneToOneContact);
        Assert.Equal(DashboardWorld.September, b3.LastFiledPeriod);
        Assert.Empty((await Lists.NotFiledAsync(October, new DashboardScope([World["B1"]], true), DashboardFilter.None, 0, 50, default)).Items);
    }

    [Fact]
    public async Task The_roster_is_the_latest_applied_return_up_to_the_month()
    {
        var rosters = new RosterQuery(fixture.Database.DataSource);

        var b1 = await rosters.LatestAsync(World["B1"], October, withTax: true, default);
        var b3 = await rosters.LatestAsync(World["B3"], October, withTax: true, default);

        Assert.Equal(3, b1!.Lines.Count);
        Assert.Equal([TenantState.Resident, TenantState.Resident, TenantState.Signed], b1.Lines.Select(l => l.State));
        Assert.Equal(October, b1.Period);
        Assert.Equal(DashboardWorld.September, b3!.Period);
        Assert.Single(b3.Lines);
        Assert.Null(await rosters.LatestAsync(World["B5"], October, withTax: true, default));
    }

    [Fact]
    public async Task The_pipeline_by_year_and_status_leaves_out_archived_buildings()
    {
        var pipeline = await new PipelineQuery(fixture.Database.DataSource).ByYearAsync(DashboardScope.Everything, new DashboardFilter(World.DistrictA), default);

        Assert.Equal([2005, 2010, 2015, 2018, 2026, 2027, 2028], pipeline.Select(y => y.Year));
        Assert.Equal(25_000m, pipeline.Single(y => y.Year == 2026).CompletedArea);
        Assert.Equal(90_000m, pipeline.Single(y => y.Year == 2027).UnderConstructionArea);
        Assert.Equal(70_000m, pipeline.Single(y => y.Year == 2028).PlannedArea);
        Assert.Equal(1, pipeline.Single(y => y.Year == 2028).PlannedBuildings);
    }

    [Fact]
    public async Task The_map_has_the_subdistricts_the_caller_can_see()
    {
        var map = new SubdistrictMapQuery(fixture.Database.DataSource);

        var all = System.Text.Json.JsonDocument.Parse(await map.GeoJsonAsync(DashboardScope.Everything, null, default));
        var one = System.Text.Json.JsonDocument.Parse(await map.GeoJsonAsync(new DashboardScope([World["B8"]], true), null, default));

        Assert.Equal("FeatureCollection", all.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, all.RootElement.GetProperty("features").GetArrayLength());
        var feature = Assert.Single(one.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(World.Lakeside, feature.GetProperty("properties").GetProperty("id").GetInt32());
        Assert.EndsWith("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
    }
}
