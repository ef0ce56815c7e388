using Microsoft.Extensions.Configuration;

namespace BuildingEconomy.Data;

public static class ConnectionString
{
    /// <summary>
    /// The connection string every host needs. Its absence is a set-up mistake, so it fails at start-up with
    /// what to set rather than with a connection error at the first request.
    /// </summary>
    public static string GetRequiredBuildingEconomyConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(Database.ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"The connection string ConnectionStrings:{Database.ConnectionStringName} is not set. " +
                $"Set the environment variable ConnectionStrings__{Database.ConnectionStringName} " +
                "(the infra scripts export it), e.g. " +
                "\"Host=127.0.0.1;Database=building_economy;Username=building_economy;Password=...\".");
}
