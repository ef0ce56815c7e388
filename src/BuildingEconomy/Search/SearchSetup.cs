using BuildingEconomy.Health;
using BuildingEconomy.Search.Elasticsearch;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Search;

public static class SearchSetup
{
    public static IHealthChecksBuilder AddSearchHealthCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<SearchHealthCheck>(HealthSetup.Search, timeout: HealthSetup.CheckTimeout);

    /// <summary>
    /// The search service and both engines. The Elasticsearch client exists only when Search:Engine is
    /// Elasticsearch; tests replace it with one over an in-memory transport.
    /// </summary>
    public static IServiceCollection AddBuildingEconomySearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.SectionName))
            .Validate(o => o.Engine != SearchEngineKind.Elasticsearch || o.Elasticsearch.Url is not null,
                $"{SearchOptions.SectionName}:Engine is Elasticsearch but {SearchOptions.SectionName}:Elasticsearch:Url is not set (e.g. http://127.0.0.1:9200).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SearchReferenceDataCache>();
        services.AddSingleton<PostgresSpaceSearchEngine>();
        services.AddSingleton<ElasticsearchAvailability>();
        services.AddSingleton<SearchEngineRouter>();
        services.AddScoped<SpaceSearchService>();
        services.AddSingleton<SearchBoundaries>();
        services.AddScoped<Lists.SearchLists>();

        services.TryAddSingleton(provider => CreateClient(provider.GetRequiredService<IOptions<SearchOptions>>().Value.Elasticsearch));
        services.AddSingleton<ElasticSpaceSearchEngine>();
        services.AddSingleton<SpaceDocumentSource>();
        services.AddSingleton<SpaceIndex>();
        return services;
    }

    public static ElasticsearchClient CreateClient(ElasticsearchOptions options, IRequestInvoker? invoker = null)
    {
        var url = options.Url ?? throw new InvalidOperationException(
            $"{SearchOptions.SectionName}:Elasticsearch:Url is not set (e.g. http://127.0.0.1:9200).");
        var pool = new SingleNodePool(url);
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        settings.DefaultIndex(options.Alias).RequestTimeout(options.RequestTimeout);
        if (options.Username is { Length: > 0 } user) settings.Authentication(new BasicAuthentication(user, options.Password ?? ""));
        // Keep request and response bodies on failed calls, so a log line says what Elasticsearch objected to.
        if (invoker is not null) settings.DisableDirectStreaming();
        return new ElasticsearchClient(settings);
    }
}
