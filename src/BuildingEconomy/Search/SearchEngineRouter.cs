using BuildingEconomy.Search.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Search;

/// <summary>An engine could not be reached or answered with a server error: the caller may ask another engine.</summary>
public sealed class SearchEngineUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// What the process has seen of Elasticsearch lately; the health check reports it and the router uses it to stop
/// waiting on a server that just failed.
/// </summary>
public sealed class ElasticsearchAvailability(TimeProvider clock)
{
    private readonly Lock gate = new();

    public DateTimeOffset? LastFailureAt { get; private set; }
    public string? LastError { get; private set; }
    public long Fallbacks { get; private set; }

    public bool IsFailing
    {
        get
        {
            lock (gate) return LastFailureAt is not null;
        }
    }

    public bool ShouldTry(TimeSpan retryAfter)
    {
        lock (gate) return LastFailureAt is not { } failed || clock.GetUtcNow() - failed >= retryAfter;
    }

    public void Failed(string error)
    {
        lock (gate)
        {
            LastFailureAt = clock.GetUtcNow();
            LastError = error;
        }
    }

    public void FellBack()
    {
        lock (gate) Fallbacks++;
    }

    public void Succeeded()
    {
        lock (gate)
        {
            LastFailureAt = null;
            LastError = null;
        }
    }
}

/// <summary>
/// Sends each search to the configured engine. With Elasticsearch configured but unreachable, the search is
/// answered by PostgreSQL (the system of record, always there), a warning is logged, and /health reports search
/// as degraded until Elasticsearch answers again. After a failure Elasticsearch is retried every
/// <see cref="ElasticsearchOptions.RetryAfter"/>, so an outage costs one timeout, not one per search.
/// </summary>
public sealed class SearchEngineRouter(
    IOptions<SearchOptions> options,
    PostgresSpaceSearchEngine postgres,
    IServiceProvider services,
    ElasticsearchAvailability availability,
    ILogger<SearchEngineRouter> logger)
{
    public SearchEngineKind Configured => options.Value.Engine;

    public async Task<T> RunAsync<T>(Func<ISpaceSearchEngine, Task<T>> search)
    {
        if (options.Value.Engine == SearchEngineKind.PostgreSql) return await search(postgres);

        if (availability.ShouldTry(options.Value.Elasticsearch.RetryAfter))
        {
            try
            {
                var result = await search(services.GetRequiredService<ElasticSpaceSearchEngine>());
                if (availability.IsFailing) logger.LogInformation("Elasticsearch answers again; searches go to it from now on.");
                availability.Succeeded();
                return result;
            }
            catch (SearchEngineUnavailableException e)
            {
                availability.Failed(e.Message);
                logger.LogWarning(e, "Elasticsearch is configured but unavailable ({Reason}); answering searches from PostgreSQL.", e.Message);
            }
        }
        availability.FellBack();
        return await search(postgres);
    }
}
