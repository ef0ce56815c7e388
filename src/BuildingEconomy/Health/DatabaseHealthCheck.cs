using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BuildingEconomy.Health;

/// <summary>
/// Asks PostGIS rather than running <c>select 1</c>: a database without the extension accepts connections
/// but every spatial query would fail.
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select postgis_version()");
            var version = await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PostgreSQL with PostGIS {version}");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"PostgreSQL/PostGIS not answering: {e.Message}", e);
        }
    }
}
