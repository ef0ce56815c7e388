using BuildingEconomy.Dashboards;
using BuildingEconomy.IntegrationTests.Infrastructure;

namespace BuildingEconomy.IntegrationTests.Dashboards;

public sealed class DistrictOverviewTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task An_empty_database_has_no_districts()
    {
        await using var db = database.CreateContext();

        Assert.Empty(await DistrictOverview.QueryAsync(db));
    }

    [Fact]
    public async Task Each_district_counts_only_its_current_stock()
    {
        int district, empty;
        await using (var seed = database.CreateContext())
        {
            (district, empty) = await SampleDistricts.SeedAsync(seed);
        }
        await using var db = database.CreateContext();

        var overview = await DistrictOverview.QueryAsync(db);

        Assert.Equal(
            [
                new DistrictOverview(district, SampleDistricts.Name, SampleDistricts.NameEn,
                    SampleDistricts.Subdistricts, SampleDistricts.Buildings, SampleDistricts.Spaces,
                    SampleDistricts.AvailableSpaces, SampleDistricts.AvailableArea, SampleDistricts.ResidentEnterprises,
                    new ReportingStatus(SampleDistricts.LatestPeriod, SampleDistricts.Filed, SampleDistricts.RequiredToReport)),
                new DistrictOverview(empty, SampleDistricts.EmptyName, SampleDistricts.EmptyNameEn, 1, 0, 0, 0, 0m, 0, null),
            ],
            overview);
    }
}
