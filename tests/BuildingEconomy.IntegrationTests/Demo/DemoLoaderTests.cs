using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Dashboards;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Demo;

/// <summary>The demo district loaded through binary COPY into real PostgreSQL/PostGIS, then checked by the database itself.</summary>
public class DemoLoaderTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private DemoDataSet data = null!;

    public async Task InitializeAsync()
    {
        await using var context = database.CreateContext();
        if (!await DemoLoader.IsEmptyAsync(context)) return;
        data = new DemoGenerator(DemoSize.Demo, new DateOnly(2026, 11, 1)).Generate();
        await DemoLoader.LoadAsync(database.DataSource, context, data);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Everything_generated_is_stored()
    {
        await using var context = database.CreateContext();
        Assert.Equal(300, await context.Buildings.CountAsync());
        Assert.Equal(await context.Spaces.CountAsync(), await Count("spaces"));
        Assert.Equal(12_000, await context.Enterprises.CountAsync());
        Assert.Equal(24, await context.BuildingMonthFigures.Select(f => f.Period).Distinct().CountAsync());
        Assert.True(await context.ReturnLines.CountAsync() > 100_000);
    }

    [Fact]
    public async Task The_dashboards_rollups_after_the_load_equal_a_recomputation() =>
        await RollupAssertions.AssertExactAsync(database.DataSource);

    [Fact]
    public async Task The_database_puts_every_building_in_the_subdistrict_the_generator_chose()
    {
        Assert.Equal(0L, await Scalar("SELECT count(*) FROM buildings WHERE subdistrict_id IS NULL OR district_id IS NULL"));
        Assert.Equal(0L, await Scalar("""
            SELECT count(*) FROM buildings b JOIN subdistricts s ON s.id = b.subdistrict_id
            WHERE NOT ST_Covers(s.boundary, b.location::geometry) OR s.district_id <> b.district_id
            """));
        await using var context = database.CreateContext();
        var chosen = data?.Buildings.ToDictionary(b => b.Id, b => b.SubdistrictId);
        if (chosen is not null)
        {
            var stored = await context.Buildings.ToDictionaryAsync(b => b.Id, b => b.SubdistrictId);
            Assert.Equal(chosen, stored);
        }
    }

    [Fact]
    public async Task Stored_figures_satisfy_the_invariants_and_carry_the_buildings_place()
    {
        Assert.Equal(0L, await Scalar("""
            SELECT count(*) FROM monthly_returns
            WHERE sold_area > for_sale_area OR leased_area > for_rent_area OR resident_area > sold_area + leased_area + self_use_area
            """));
        Assert.Equal(0L, await Scalar("""
            SELECT count(*) FROM building_month_figures f JOIN buildings b ON b.id = f.building_id
            WHERE f.subdistrict_id IS DISTINCT FROM b.subdistrict_id OR f.district_id IS DISTINCT FROM b.district_id
            """));
        Assert.Equal(0L, await Scalar("""
            SELECT count(*) FROM building_month_figures f JOIN monthly_returns r ON r.id = f.return_id
            WHERE r.status <> 'Applied' OR r.resident_area <> f.resident_area
            """));
    }

    [Fact]
    public async Task Every_stored_credit_code_validates()
    {
        await using var context = database.CreateContext();
        var codes = await context.Enterprises.Select(e => e.CreditCode).ToListAsync();
        Assert.All(codes, code => Assert.True(BuildingEconomy.Buildings.UnifiedSocialCreditCode.IsValid(code), code));
    }

    [Fact]
    public async Task Contacts_round_trip_through_ef_core()
    {
        await using var context = database.CreateContext();
        var building = await context.Buildings.AsNoTracking().OrderBy(b => b.Id).FirstAsync();
        Assert.False(string.IsNullOrEmpty(building.OneToOneContact?.Name));
        Assert.NotEmpty(building.PropertyContacts);
        Assert.All(building.PropertyContacts, c => Assert.False(string.IsNullOrEmpty(c.Phone)));
    }

    [Fact]
    public async Task New_rows_get_fresh_ids_after_the_bulk_load()
    {
        await using var context = database.CreateContext();
        var maxId = await context.Enterprises.MaxAsync(e => e.Id);
        var enterprise = new BuildingEconomy.Buildings.Enterprise { CreditCode = "91350100M000100Y43", Name = "测试企业有限公司" };
        context.Enterprises.Add(enterprise);
        await context.SaveChangesAsync();
        Assert.True(enterprise.Id > maxId);
        context.Enterprises.Remove(enterprise);
        await context.SaveChangesAsync();
    }

    private Task<long> Count(string table) => Scalar($"SELECT count(*) FROM {table}");

    private async Task<long> Scalar(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
