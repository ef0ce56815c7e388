using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>The search services configured for Elasticsearch, with the client on a recording in-memory transport.</summary>
public sealed class RecordingElasticsearchFixture : SearchFixture
{
    public RecordingInvoker Invoker { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Search:Engine", "Elasticsearch"),
        new("Search:Elasticsearch:Url", "http://es.test:9200"),
    ];

    protected override void Replace(IServiceCollection services) =>
        services.AddSingleton<ElasticsearchClient>(RecordingInvoker.Client(Invoker));
}

/// <summary>
/// The conformance cases against Elasticsearch without a server: each case's query must make the client send
/// exactly the request body in ElasticsearchRequests/&lt;case&gt;.json (compared as parsed JSON: the client
/// escapes Chinese as \uXXXX). The live suite (<see cref="ElasticsearchLiveConformanceTests"/>) checks that
/// these bodies find what PostgreSQL finds. Set UPDATE_ES_REQUESTS=1 to rewrite the files after a deliberate change.
/// </summary>
public class ElasticsearchConformanceTests(RecordingElasticsearchFixture search) : IClassFixture<RecordingElasticsearchFixture>
{
    [Theory]
    [MemberData(nameof(SearchConformanceCases.Names), MemberType = typeof(SearchConformanceCases))]
    public async Task Sends_the_expected_search(string name)
    {
        var @case = SearchConformanceCases.Named(name);
        var before = search.Invoker.Requests.Count;

        var result = await search.SearchAsync(@case.Query);

        Assert.Equal("Elasticsearch", result.Engine);
        var sent = search.Invoker.Requests.Skip(before).ToList();
        Assert.True(sent.Count == 1, string.Join("\n", sent.Select(r => r.Method + " " + r.PathAndQuery)));
        var request = sent[0];
        Assert.Equal("/be-spaces/_search", request.Path);
        Assert.Equal("POST", request.Method);
        AssertMatchesFile(Slug(name), request.Json!);
    }

    internal static void AssertMatchesFile(string slug, JsonNode actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "ElasticsearchRequests", slug + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_ES_REQUESTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }) + "\n");
        }
        Assert.True(File.Exists(path), $"No expected request {path}; run with UPDATE_ES_REQUESTS=1 once and review it.");
        var expected = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"Request for {slug} differs from {path}:\nexpected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    internal static string Slug(string name) => Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
}
