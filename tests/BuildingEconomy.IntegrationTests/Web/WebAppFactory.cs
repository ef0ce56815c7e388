using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BuildingEconomy.IntegrationTests.Web;

/// <summary>
/// The web app over its own freshly migrated database, on the in-memory bus. <c>Program</c> needs no
/// <c>public partial class Program</c>: since .NET 10 ASP.NET Core generates it for top-level statements.
/// </summary>
public class WebAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var db = Database.CreateContext();
        await SeedAsync(db);
    }

    /// <summary>Runs once per fixture, before the first request.</summary>
    protected virtual Task SeedAsync(BuildingEconomyDbContext db) => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting outranks the ConnectionStrings__BuildingEconomy the infra scripts export.
        builder.UseSetting($"ConnectionStrings:{BuildingEconomy.Data.Database.ConnectionStringName}", Database.ConnectionString);
        builder.UseSetting("Bus:Transport", "InMemory");
        // Tests sign in many times from one address; RateLimitTests puts the login limit back to test it.
        builder.UseSetting("Accounts:LoginAttemptsPerMinute", "10000");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The web app over <see cref="SampleDistricts"/>.</summary>
public sealed class SampleDistrictsAppFactory : WebAppFactory
{
    public int DistrictId { get; private set; }
    public int EmptyDistrictId { get; private set; }

    protected override async Task SeedAsync(BuildingEconomyDbContext db) =>
        (DistrictId, EmptyDistrictId) = await SampleDistricts.SeedAsync(db);
}
