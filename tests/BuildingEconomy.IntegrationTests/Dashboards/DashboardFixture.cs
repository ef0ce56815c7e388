using BuildingEconomy.Dashboards;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>The figures engine over a real database holding <see cref="DashboardWorld"/>.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public DashboardWorld World { get; private set; } = null!;
    public DashboardService Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var db = Database.CreateContext();
        World = await DashboardWorld.SeedAsync(db);
        Service = DashboardEngine.Create(Database.DataSource);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

public static class DashboardEngine
{
    public static DashboardTexts Texts() => new(new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    public static DashboardService Create(NpgsqlDataSource dataSource) =>
        new(dataSource, new FigureSumsQuery(dataSource), new GroupNamesQuery(dataSource), Texts());
}
