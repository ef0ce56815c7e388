using BuildingEconomy.Search.Elasticsearch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>The operator commands of the search (run through BuildingEconomy.Cli).</summary>
public static class SearchCommands
{
    /// <summary><c>search-rebuild</c>: exit code 0 when the alias points at a freshly filled index.</summary>
    public static async Task<int> RebuildAsync(IConfiguration configuration, NpgsqlDataSource dataSource)
    {
        var url = configuration[$"{SearchOptions.SectionName}:Elasticsearch:Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            Console.Error.WriteLine("No Elasticsearch configured: set Search__Elasticsearch__Url (e.g. http://127.0.0.1:9200).");
            return 2;
        }
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization();
        services.AddSingleton(dataSource);
        services.AddBuildingEconomySearch(configuration);
        await using var provider = services.BuildServiceProvider();
        try
        {
            var report = await provider.GetRequiredService<SpaceIndex>().RebuildAsync(CancellationToken.None);
            Console.WriteLine(
                $"Search index {report.Index} holds {report.Documents:N0} spaces (built in {report.Elapsed.TotalSeconds:F1} s); " +
                $"alias {provider.GetRequiredService<SpaceIndex>().Alias} now points at it" +
                (report.Replaced.Count > 0 ? $", replacing {string.Join(", ", report.Replaced)}" : "") +
                (report.CaughtUpBuildings > 0 ? $"; {report.CaughtUpBuildings} buildings changed meanwhile were re-read" : "") + ".");
            return 0;
        }
        catch (SearchEngineUnavailableException e)
        {
            Console.Error.WriteLine($"The rebuild failed and the alias was left as it was: {e.Message}");
            return 1;
        }
    }
}
