using BuildingEconomy.Search.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>Runs only where an Elasticsearch server is given in ELASTICSEARCH_URL (none can be installed on the dev machines).</summary>
public sealed class ElasticsearchLiveTheoryAttribute : TheoryAttribute
{
    public static string? Url => Environment.GetEnvironmentVariable("ELASTICSEARCH_URL") is { Length: > 0 } url ? url : null;

    public ElasticsearchLiveTheoryAttribute()
    {
        if (Url is null) Skip = "Set ELASTICSEARCH_URL to run the conformance suite against a live Elasticsearch.";
    }
}

public sealed class ElasticsearchLiveFactAttribute : FactAttribute
{
    public ElasticsearchLiveFactAttribute()
    {
        if (ElasticsearchLiveTheoryAttribute.Url is null) Skip = "Set ELASTICSEARCH_URL to run against a live Elasticsearch.";
    }
}

/// <summary>The sample indexed into a live Elasticsearch under an alias of its own, by the real rebuild command.</summary>
public sealed class LiveElasticsearchFixture : SearchFixture
{
    public string Alias { get; } = $"be-spaces-test-{Guid.NewGuid():N}"[..28];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Search:Engine", "Elasticsearch"),
        new("Search:Elasticsearch:Url", ElasticsearchLiveTheoryAttribute.Url ?? "http://127.0.0.1:9200"),
        new("Search:Elasticsearch:Alias", Alias),
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (ElasticsearchLiveTheoryAttribute.Url is null) return;
        await Services.GetRequiredService<SpaceIndex>().RebuildAsync(CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (ElasticsearchLiveTheoryAttribute.Url is not null)
        {
            var index = Services.GetRequiredService<SpaceIndex>();
            foreach (var name in await index.IndicesBehindAliasAsync(CancellationToken.None)) await index.DeleteIndexAsync(name, CancellationToken.None);
        }
        await base.DisposeAsync();
    }
}

/// <summary>The conformance suite against a live Elasticsearch: the same cases, the same expectations as PostgreSQL.</summary>
public class ElasticsearchLiveConformanceTests(LiveElasticsearchFixture search) : IClassFixture<LiveElasticsearchFixture>
{
    [ElasticsearchLiveTheory]
    [MemberData(nameof(SearchConformanceCases.Names), MemberType = typeof(SearchConformanceCases))]
    public async Task Answers_like_every_engine(string name)
    {
        var @case = SearchConformanceCases.Named(name);
        var result = await search.SearchAsync(@case.Query);
        Assert.Equal("Elasticsearch", result.Engine);
        @case.Check(result);
    }
}
