using BuildingEconomy.Dashboards;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>Tests that change the data, each class with a database of its own.</summary>
public sealed class CorrectionAndLiveTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private DashboardWorld world = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await using var db = database.CreateContext();
        world = await DashboardWorld.SeedAsync(db);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_correction_replaces_the_months_figures_and_roster()
    {
        var service = DashboardEngine.Create(database.DataSource);
        var filter = new DashboardFilter(SubdistrictId: world.West);
        var before = await service.OverviewAsync(DashboardWorld.October, DashboardScope.Everything, filter, default);

        // What applying a correction does to the read model: the month's row now comes from version 2.
        await using (var db = database.CreateContext())
        {
            var first = await db.MonthlyReturns.SingleAsync(r => r.Id == world.B1OctoberReturnId);
            first.Status = ReturnStatus.Superseded;
            await db.SaveChangesAsync();
            var corrected = await world.ReturnAsync(db, "B1", DashboardWorld.October, [DashboardWorld.Line(1, "fixed", 500m, local: true)], version: 2);
            var row = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == world["B1"] && f.Period == DashboardWorld.October);
            row.ReturnId = corrected.Id;
            row.ResidentArea = 111_000m;
            row.ResidentEnterprises = 190;
            row.LocallyRegisteredEnterprises = 150;
            await db.SaveChangesAsync();
        }
        var after = await service.OverviewAsync(DashboardWorld.October, DashboardScope.Everything, filter, default);

        Assert.Equal((121_000m + 80_000m) / 235_400m, before.Current[FigureCatalog.ResidenceRate].Value);
        Assert.Equal((111_000m + 80_000m) / 235_400m, after.Current[FigureCatalog.ResidenceRate].Value);
        Assert.Equal((150m + 75) / (190 + 120), after.Current[FigureCatalog.LocalRegistrationRate].Value);
        Assert.Equal(-9_000m, after.Current[FigureCatalog.NetAbsorption].Value); // B1 only: 111,000 − 120,000
        var roster = await new RosterQuery(database.DataSource).LatestAsync(world["B1"], DashboardWorld.October, true, default);
        Assert.Equal(2, roster!.Version);
        Assert.Equal("fixed企业1有限公司", Assert.Single(roster.Lines).EnterpriseName);
        var elsewhere = await new FollowUpQueries(database.DataSource).RegisteredElsewhereAsync(DashboardWorld.October, DashboardScope.Everything, filter, 0, 10, default);
        Assert.DoesNotContain(elsewhere.Items, e => e.Building.Id == world["B1"]);
    }

    [Fact]
    public async Task A_committed_change_to_the_figures_moves_the_data_version()
    {
        var version = new DashboardDataVersion(TimeProvider.System);
        using var listener = new DashboardChangeListener(database.DataSource, version, NullLogger<DashboardChangeListener>.Instance);
        await listener.StartAsync(default);
        try
        {
            var listening = await WaitForChangeAsync(version, "0");
            await using (var db = database.CreateContext())
            {
                world.Figures(db, "B3", DashboardWorld.October, 0m, 20_000m, 0m, 15_500m, 14_500m, 5_500m, 31, 10, 4_000m);
                await db.SaveChangesAsync();
            }

            Assert.NotEqual(listening, await WaitForChangeAsync(version, listening));
        }
        finally
        {
            await listener.StopAsync(default);
        }
    }

    /// <summary>The version once it differs from <paramref name="from"/> (its counter part), within ten seconds.</summary>
    private static async Task<string> WaitForChangeAsync(DashboardDataVersion version, string from)
    {
        for (var i = 0; i < 100; i++)
        {
            var current = version.Current;
            if (!current.EndsWith("-" + from, StringComparison.Ordinal) && current != from) return current;
            await Task.Delay(100);
        }
        throw new TimeoutException("The dashboard data version did not change.");
    }
}
