using Microsoft.EntityFrameworkCore.Design;

namespace BuildingEconomy.Data;

/// <summary>Lets `dotnet ef` build the model without a running host; it never connects.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BuildingEconomyDbContext>
{
    public BuildingEconomyDbContext CreateDbContext(string[] args) =>
        Database.CreateContext(Database.CreateDataSource("Host=127.0.0.1;Database=building_economy_design"));
}
