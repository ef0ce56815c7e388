using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Import;
using BuildingEconomy.Messaging;
using BuildingEconomy.Localization;
using BuildingEconomy.Search;
using BuildingEconomy.Search.Elasticsearch;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

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

        await using var provider = IndexConsumerHarness();
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

    [Fact]
    public async Task Spaces_an_import_adds_reach_the_index_through_the_one_event_it_writes_for_their_building()
    {
        await using (var db = search.Database.CreateContext())
        {
            await db.Buildings.Where(b => b.ExternalKey == "B4").ExecuteUpdateAsync(b => b
                .SetProperty(x => x.FloorsAboveGround, 10).SetProperty(x => x.ForRentArea, 2000m));
        }
        var lastOutbox = 0L;
        await using (var db = search.Database.CreateContext()) lastOutbox = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;

        await using var provider = IndexConsumerHarness();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            var csv = """
                楼宇外部编号,外部编号,楼层,房号,面积,租售方式,租金（元/m²/天）,装修,状态
                B4,4-2,6,601,300,出租,4.2,精装,可租售
                B4,4-3,7,701,200,出租,4.2,精装,可租售
                """;
            await using (var db = search.Database.CreateContext())
            {
                var import = new RegisterImport(db, search.Database.DataSource, TimeProvider.System,
                    search.Services.GetRequiredService<IStringLocalizer<SharedResource>>());
                var report = await import.RunAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "spaces.csv", ImportKind.Spaces, dryRun: false,
                    new AuditActor(null, "search-test"));
                Assert.True(report.Applied, string.Join("; ", report.Problems.Select(p => $"{p.Row} {p.Column} {p.Message}")));
            }
            List<OutboxMessage> written;
            await using (var db = search.Database.CreateContext()) written = await db.OutboxMessages.Where(m => m.Id > lastOutbox).ToListAsync();
            var message = System.Text.Json.JsonSerializer.Deserialize<BuildingChanged>(Assert.Single(written).Payload)!;
            Assert.Equal(("B4", RegisterChange.Updated), (message.ExternalKey, message.Change));

            search.Invoker.Clear();
            search.Invoker.Respond = request => request.Path.EndsWith("/_bulk", StringComparison.Ordinal)
                ? (200, """{"took":1,"errors":false,"items":[]}""")
                : (200, """{"took":1,"deleted":0,"failures":[]}""");
            await harness.Bus.Publish(message);
            Assert.True(await harness.Consumed.Any<BuildingChanged>());
            await WaitForAsync(() => search.Invoker.Requests.Count >= 1);

            var bulk = search.Invoker.Requests[0];
            Assert.Equal("/be-spaces/_bulk", bulk.Path);
            Assert.Equal(["4-1", "601", "701"], bulk.Lines.Where((_, i) => i % 2 == 1).Select(d => (string)d["unit"]!).Order());
        }
        finally
        {
            await harness.Stop();
            search.Invoker.Respond = _ => (200, RecordingInvoker.EmptySearchResponse);
            await using var db = search.Database.CreateContext();
            await db.Spaces.Where(s => s.Building!.ExternalKey == "B4" && s.ExternalKey != "4-1").ExecuteDeleteAsync();
            await db.Buildings.Where(b => b.ExternalKey == "B4").ExecuteUpdateAsync(b => b
                .SetProperty(x => x.FloorsAboveGround, 0).SetProperty(x => x.ForRentArea, 0m));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
    }

    /// <summary>The index consumer on MassTransit's in-memory test harness, writing to this test's index.</summary>
    private ServiceProvider IndexConsumerHarness() => new ServiceCollection()
        .AddSingleton(search.Services.GetRequiredService<SpaceIndex>())
        .AddSingleton(search.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>())
        .AddMassTransitTestHarness(bus => bus.AddConsumer<SearchIndexConsumer>())
        .BuildServiceProvider(true);
}
