using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>
/// Says which search engine answers. Only the PostgreSQL engine exists so far; when the Elasticsearch engine
/// arrives it reports here too, and Degraded when searches fall back to PostgreSQL.
/// </summary>
internal sealed class SearchHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public const string PostgresEngine = "PostgreSQL search engine";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The PostgreSQL engine matches names with trigram indexes; without pg_trgm it cannot search at all.
            await using var command = dataSource.CreateCommand("select exists (select 1 from pg_extension where extname = 'pg_trgm')");
            return await command.ExecuteScalarAsync(cancellationToken) is true
                ? HealthCheckResult.Healthy(PostgresEngine)
                : new HealthCheckResult(context.Registration.FailureStatus, $"{PostgresEngine}: the pg_trgm extension is missing");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{PostgresEngine} not answering: {e.Message}", e);
        }
    }
}
