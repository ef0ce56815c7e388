using System.Text.Json.Nodes;
using BuildingEconomy.Buildings;
using BuildingEconomy.Search;
using BuildingEconomy.Search.Elasticsearch;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>The rebuild command and the bus consumers that keep the index fresh, against the recording transport.</summary>
public class SearchIndexTests(RecordingElasticsearchFixture search) : IClassFixture<RecordingElasticsearchFixture>
{
    [Fact]
    public async Task Rebuild_fills_a_new_index_from_PostgreSQL_and_swaps_the_alias()
    {
        search.Invoker.Clear();
        search.Invoker.Respond = request => request switch
        {
            { Method: "GET", Path: "/_alias/be-spaces" } => (200, """{"be-spaces-v1-20260101000000000":{"aliases":{"be-spaces":{}}}}"""),
            { Path: var path } when path.EndsWith("/_bulk", StringComparison.Ordinal) => (200, """{"took":1,"errors":false,"items":[]}"""),
            _ => (200, """{"acknowledged":true}"""),
        };
        try
        {
            var report = await search.Services.GetRequiredService<SpaceIndex>().RebuildAsync(CancellationToken.None);

            var requests = search.Invoker.Requests;
            Assert.Equal(10, report.Documents);
            Assert.StartsWith("be-spaces-v1-", report.Index);
            Assert.Equal(["be-spaces-v1-20260101000000000"], report.Replaced);

            var create = requests[0];
            Assert.Equal(("PUT", "/" + report.Index), (create.Method, create.Path));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SpaceIndexDefinition.Current.Json), create.Json), "the index is created from search-mappings/spaces.v1.json as written");

            var bulk = Assert.Single(requests, r => r.Path == $"/{report.Index}/_bulk");
            var lines = bulk.Lines;
            Assert.Equal(20, lines.Count); // action + document for each of the 10 searchable spaces
            var documents = lines.Where((_, i) => i % 2 == 1).ToList();
            Assert.Equal(new[] { "101", "102", "103", "201", "202", "203", "3-1", "3-2", "4-1", "B1-01" }, documents.Select(d => (string)d["unit"]!));
            var divisible = documents[1];
            Assert.Equal("国贸中心", (string)divisible["building_name"]!);
            Assert.Equal(["国贸大厦"], divisible["aliases"]!.AsArray().Select(a => (string)a!));
            Assert.Equal(200m, (decimal)divisible["min_area"]!);
            Assert.Equal(800m, (decimal)divisible["area"]!);
            Assert.Equal(["canteen", "gym"], divisible["facilities"]!.AsArray().Select(a => (string)a!));
            Assert.Equal(10m, (decimal)divisible["parking_ratio"]!);
            Assert.Equal(SearchSample.West, (string)divisible["subdistrict"]!);
            Assert.Equal(SearchSample.DistrictCode, (string)divisible["district"]!);
            Assert.Equal(30.05, (double)divisible["location"]!["lat"]!, 6);
            Assert.Equal((string)lines[2]["index"]!["_id"]!, ((long)divisible["space_id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));

            var swap = Assert.Single(requests, r => r.Path == "/_aliases");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""
                {"actions":[{"add":{"index":"{{{report.Index}}}","alias":"be-spaces"}},{"remove":{"index":"be-spaces-v1-20260101000000000","alias":"be-spaces"}}]}
                """), swap.Json), swap.Body);
            var refresh = requests.ToList().FindIndex(r => r.Path == $"/{report.Index}/_refresh");
            Assert.True(refresh > 0 && refresh < requests.ToList().IndexOf(swap), "the new index is refreshed before searches see it");
            Assert.Equal("/be-spaces-v1-20260101000000000", requests[^1].Path);
            Assert.Equal("DELETE", requests[^1].Method);
        }
        finally
        {
            search.Invoker.Respond = _ => (200, RecordingInvoker.EmptySearchResponse);
        }
    }

    [Fact]
    public async Task A_changed_space_refreshes_its_building_idempotently()
    {
        int buildingId;
        long archivedSpaceId;
        await using (var db = search.Database.CreateContext())
        {
            var building = await db.Buildings.Include(b => b.Spaces).SingleAsync(b => b.Name == "星河科技园");
            buildingId = building.Id;
            // The 90 m² unit is let: it leaves the index.
            var let = building.Spaces.Single(s => s.Unit == "3-1");
            let.Status = SpaceStatus.Leased;
            archivedSpaceId = let.Id;
            await db.SaveChangesAsync();
        }

        await using var provider = new ServiceCollection()
            .AddSingleton(search.Services.GetRequiredService<SpaceIndex>())
            .AddSingleton(search.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>())
            .AddMassTransitTestHarness(bus => bus.AddConsumer<SearchIndexConsumer>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            search.Invoker.Clear();
            search.Invoker.Respond = request => request.Path.EndsWith("/_bulk", StringComparison.Ordinal)
                ? (200, """{"took":1,"errors":false,"items":[]}""")
                : (200, """{"took":1,"deleted":1,"failures":[]}""");
            var message = new SpaceChanged(archivedSpaceId, buildingId, RegisterChange.Updated, DateTimeOffset.UtcNow);

            await harness.Bus.Publish(message);
            Assert.True(await harness.Consumed.Any<SpaceChanged>());
            await harness.Bus.Publish(message); // delivered twice: the same requests again, the same end state
            await WaitForAsync(() => search.Invoker.Requests.Count >= 4);

            var requests = search.Invoker.Requests;
            Assert.Equal(4, requests.Count);
            Assert.Equal(requests[0].Body, requests[2].Body);
            Assert.Equal(requests[1].Body, requests[3].Body);

            var bulk = requests[0];
            Assert.Equal("/be-spaces/_bulk", bulk.Path);
            Assert.Contains("refresh=wait_for", bulk.PathAndQuery);
            Assert.Equal(["3-2"], bulk.Lines.Where((_, i) => i % 2 == 1).Select(d => (string)d["unit"]!));

            var delete = requests[1];
            Assert.Equal("/be-spaces/_delete_by_query", delete.Path);
            var keep = bulk.Lines[1]["space_id"]!.GetValue<long>();
            var expected = """{"query":{"bool":{"filter":{"terms":{"building_id":[BUILDING]}},"must_not":{"terms":{"space_id":[KEEP]}}}}}"""
                .Replace("BUILDING", buildingId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("KEEP", keep.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), delete.Json), delete.Body);
        }
        finally
        {
            await harness.Stop();
            search.Invoker.Respond = _ => (200, RecordingInvoker.EmptySearchResponse);
            await using var db = search.Database.CreateContext();
            await db.Spaces.Where(s => s.Id == archivedSpaceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SpaceStatus.Available));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
    }
}
