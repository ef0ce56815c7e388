using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>
/// <see cref="SearchSample"/> in its own database and the search services over it, configured as a host would
/// configure them (engine, Elasticsearch URL), without a web server.
/// </summary>
public class SearchFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>Search:* settings; PostgreSQL unless a subclass says otherwise.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>Registrations that replace the configured ones (e.g. an Elasticsearch client over an in-memory transport).</summary>
    protected virtual void Replace(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var db = Database.CreateContext()) await SearchSample.SeedAsync(db);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddLocalization();
        services.AddSingleton<NpgsqlDataSource>(Database.DataSource);
        services.AddBuildingEconomySearch(configuration);
        Replace(services);
        Services = services.BuildServiceProvider();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Reads, checks and runs a query string as the API does; fails the test on a validation error.</summary>
    public async Task<SpaceSearchResult> SearchAsync(string queryString)
    {
        await using var scope = Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SpaceSearchService>();
        var prepared = await search.PrepareAsync(Parse(queryString), CancellationToken.None);
        Assert.True(prepared.IsValid, string.Join("; ", prepared.Errors.SelectMany(e => e.Value)));
        return await search.SearchAsync(prepared.Query!, prepared.Reference, CancellationToken.None);
    }

    public async Task<PreparedSearch> PrepareAsync(string queryString)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SpaceSearchService>().PrepareAsync(Parse(queryString), CancellationToken.None);
    }

    private static Dictionary<string, StringValues> Parse(string queryString) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);

    public virtual async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Keeps what was logged, so a test can check that a fallback was reported.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, string Category, string Message)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries) owner.Entries.Add((logLevel, category, formatter(state, exception)));
        }
    }
}
