namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>The conformance suite against the PostgreSQL/PostGIS engine (the default).</summary>
public class PostgresConformanceTests(SearchFixture search) : IClassFixture<SearchFixture>
{
    [Theory]
    [MemberData(nameof(SearchConformanceCases.Names), MemberType = typeof(SearchConformanceCases))]
    public async Task Answers_like_every_engine(string name)
    {
        var @case = SearchConformanceCases.Named(name);
        var result = await search.SearchAsync(@case.Query);
        Assert.Equal("PostgreSql", result.Engine);
        @case.Check(result);
    }
}
