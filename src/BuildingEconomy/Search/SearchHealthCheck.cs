using BuildingEconomy.Search.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>
/// Says which search engine answers. With Elasticsearch configured: Healthy when its alias answers, Degraded when
/// it does not (searches are then answered by PostgreSQL, which must itself be able to search).
/// </summary>
internal sealed class SearchHealthCheck(
    NpgsqlDataSource dataSource,
    IOptions<SearchOptions> options,
    ElasticsearchAvailability availability,
    IServiceProvider services) : IHealthCheck
{
    public const string PostgresEngine = "PostgreSQL search engine";
    public const string ElasticsearchEngine = "Elasticsearch search engine";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var postgres = await CheckPostgresAsync(context, cancellationToken);
        if (options.Value.Engine == SearchEngineKind.PostgreSql || postgres.Status != HealthStatus.Healthy) return postgres;

        var index = services.GetRequiredService<SpaceIndex>();
        try
        {
            var indices = await index.IndicesBehindAliasAsync(cancellationToken);
            if (indices.Count == 0)
            {
                return HealthCheckResult.Degraded(
                    $"{ElasticsearchEngine}: alias {index.Alias} does not exist yet (run search-rebuild); searches are answered by PostgreSQL");
            }
            // Reachable again after a failure: the next search goes to Elasticsearch without waiting out RetryAfter.
            if (availability.IsFailing) availability.Succeeded();
            return HealthCheckResult.Healthy($"{ElasticsearchEngine} ({index.Alias} → {string.Join(", ", indices)})");
        }
        catch (SearchEngineUnavailableException e)
        {
            availability.Failed(e.Message);
            return HealthCheckResult.Degraded($"{ElasticsearchEngine} unavailable, searches are answered by PostgreSQL: {e.Message}", e);
        }
    }

    private async Task<HealthCheckResult> CheckPostgresAsync(HealthCheckContext context, CancellationToken cancellationToken)
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
