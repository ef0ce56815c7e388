using BuildingEconomy.Buildings;
using BuildingEconomy.Search;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>What Elasticsearch answers is read into the same result the PostgreSQL engine gives (canned responses, typed keys).</summary>
public class ElasticsearchResponseTests(RecordingElasticsearchFixture search) : IClassFixture<RecordingElasticsearchFixture>
{
    private const string CannedResponse = """
        {
          "took": 3, "timed_out": false,
          "_shards": { "total": 1, "successful": 1, "skipped": 0, "failed": 0 },
          "hits": {
            "total": { "value": 3, "relation": "eq" }, "max_score": null,
            "hits": [
              {
                "_index": "be-spaces-v1-20261128", "_id": "2", "_score": null,
                "_source": { "building_id": 7, "building_name": "国贸中心", "address": "测试区中心路1号",
                  "location": { "lat": 30.05, "lon": 120.05 }, "subdistrict": "330199001", "grade": "A", "use": "Office",
                  "construction_status": "Completed", "completion_year": 2015, "theme": "finance", "parking_ratio": 10.0 },
                "fields": { "building_id": [7] },
                "sort": [5.5, 7],
                "inner_hits": {
                  "spaces": {
                    "hits": {
                      "total": { "value": 2, "relation": "eq" }, "max_score": null,
                      "hits": [
                        { "_index": "be-spaces-v1-20261128", "_id": "2", "_score": null, "sort": [5.5, 10, 2],
                          "_source": { "space_id": 2, "floor": 10, "unit": "1001", "area": 300.5, "tenure": "Rent", "asking_rent": 5.5,
                                       "fit_out": "Fine", "status": "Available" } },
                        { "_index": "be-spaces-v1-20261128", "_id": "3", "_score": null, "sort": [6.0, 12, 3],
                          "_source": { "space_id": 3, "floor": 12, "unit": "1201", "area": 800, "min_divisible_area": 200, "tenure": "Rent",
                                       "asking_rent": 6.0, "fit_out": "Bare", "status": "Leased", "available_from": "2026-12-01" } }
                      ]
                    }
                  }
                }
              },
              {
                "_index": "be-spaces-v1-20261128", "_id": "9", "_score": null,
                "_source": { "building_id": 9, "building_name": "天合大厦", "address": "测试区东环路4号",
                  "location": { "lat": 30.08, "lon": 120.16 }, "subdistrict": "330199002", "grade": "Premium", "use": "Complex",
                  "construction_status": "UnderConstruction" },
                "sort": [null, 9],
                "inner_hits": { "spaces": { "hits": { "total": { "value": 1, "relation": "eq" }, "max_score": null, "hits": [
                  { "_index": "be-spaces-v1-20261128", "_id": "9", "_score": null,
                    "_source": { "space_id": 9, "floor": 5, "unit": "501", "area": 600, "tenure": "Sale", "sale_price": 60000,
                                 "fit_out": "Fine", "status": "Available" } } ] } } }
              }
            ]
          },
          "aggregations": {
            "cardinality#buildings": { "value": 2 },
            "sterms#grade": { "doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
              "buckets": [ { "key": "A", "doc_count": 2 }, { "key": "Premium", "doc_count": 1 } ] },
            "sterms#theme": { "doc_count_error_upper_bound": 0, "sum_other_doc_count": 0, "buckets": [ { "key": "finance", "doc_count": 2 } ] },
            "sterms#subdistrict": { "doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
              "buckets": [ { "key": "330199001", "doc_count": 2 }, { "key": "330199002", "doc_count": 1 } ] },
            "sterms#fit_out": { "doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
              "buckets": [ { "key": "Fine", "doc_count": 2 }, { "key": "Bare", "doc_count": 1 } ] },
            "range#area_band": { "buckets": [
              { "key": "0-100", "to": 100.0, "doc_count": 0 }, { "key": "100-200", "from": 100.0, "to": 200.0, "doc_count": 0 },
              { "key": "200-500", "from": 200.0, "to": 500.0, "doc_count": 1 }, { "key": "500-1000", "from": 500.0, "to": 1000.0, "doc_count": 2 },
              { "key": "1000-2000", "from": 1000.0, "to": 2000.0, "doc_count": 0 }, { "key": "2000-", "from": 2000.0, "doc_count": 0 } ] },
            "range#rent_band": { "buckets": [
              { "key": "0-3", "to": 3.0, "doc_count": 0 }, { "key": "3-5", "from": 3.0, "to": 5.0, "doc_count": 0 },
              { "key": "5-8", "from": 5.0, "to": 8.0, "doc_count": 2 }, { "key": "8-12", "from": 8.0, "to": 12.0, "doc_count": 0 },
              { "key": "12-", "from": 12.0, "doc_count": 0 } ] }
          }
        }
        """;

    [Fact]
    public async Task A_canned_answer_is_read_into_groups_spaces_facets_and_totals()
    {
        search.Invoker.Respond = request => request.Path.EndsWith("/_search", StringComparison.Ordinal) ? (200, CannedResponse) : (200, "{}");
        try
        {
            var result = await search.SearchAsync("sort=rent-asc&near=120.05,30.05");

            var request = search.Invoker.Requests[^1];
            Assert.Contains("typed_keys=true", request.PathAndQuery);
            Assert.Equal("Elasticsearch", result.Engine);
            Assert.Equal(3, result.TotalSpaces);
            Assert.Equal(2, result.TotalBuildings);
            Assert.Equal(2, result.Buildings.Count);

            var first = result.Buildings[0];
            Assert.Equal(7, first.BuildingId);
            Assert.Equal("国贸中心", first.Name);
            Assert.Equal(BuildingGrade.A, first.Grade);
            Assert.Equal("finance", first.Theme);
            Assert.Equal("金融", first.ThemeName);
            Assert.Equal("西城街道", first.SubdistrictName);
            Assert.Equal(10.0m, first.ParkingRatio);
            Assert.Equal(0, first.DistanceMetres);
            Assert.Equal(2, first.MatchingSpaces);
            Assert.Equal(["1001", "1201"], first.Spaces.Select(s => s.Unit));
            Assert.Equal(300.5m, first.Spaces[0].Area);
            Assert.Null(first.Spaces[0].MinDivisibleArea);
            Assert.Equal(200m, first.Spaces[1].MinDivisibleArea);
            Assert.Equal(SpaceStatus.Leased, first.Spaces[1].Status);
            Assert.Equal(new DateOnly(2026, 12, 1), first.Spaces[1].AvailableFrom);
            Assert.Equal(FitOut.Bare, first.Spaces[1].FitOut);

            var second = result.Buildings[1];
            Assert.Equal(ConstructionStatus.UnderConstruction, second.ConstructionStatus);
            Assert.Null(second.Theme);
            Assert.Null(second.ParkingRatio);
            Assert.Equal(Tenure.Sale, second.Spaces[0].Tenure);
            Assert.Equal(60000m, second.Spaces[0].SalePrice);
            Assert.Null(second.Spaces[0].AskingRent);
            Assert.InRange(second.DistanceMetres!.Value, 11_000, 11_300);

            Assert.Equal([("Premium", 1L), ("A", 2L)], result.Facets.Grade.Select(b => (b.Key, b.Count)));
            Assert.Equal("超甲级", result.Facets.Grade[0].Label);
            Assert.Equal([("Bare", 1L), ("Fine", 2L)], result.Facets.FitOut.Select(b => (b.Key, b.Count)));
            Assert.Equal([(SearchSample.West, 2L), (SearchSample.East, 1L)], result.Facets.Subdistrict.Select(b => (b.Key, b.Count)));
            Assert.Equal(6, result.Facets.AreaBand.Count);
            Assert.Equal(2, result.Facets.AreaBand.Single(b => b.Key == "500-1000").Count);
            Assert.Equal("500–1000 m²", result.Facets.AreaBand.Single(b => b.Key == "500-1000").Label);
            Assert.Equal(2, result.Facets.RentBand.Single(b => b.Key == "5-8").Count);
        }
        finally
        {
            search.Invoker.Respond = _ => (200, RecordingInvoker.EmptySearchResponse);
        }
    }

    [Fact]
    public async Task A_server_error_falls_back_to_PostgreSQL_and_is_logged()
    {
        search.Invoker.Respond = _ => (503, """{"error":{"type":"cluster_block_exception","reason":"index read-only"},"status":503}""");
        try
        {
            var result = await search.SearchAsync("q=国贸");

            Assert.Equal("PostgreSql", result.Engine);
            Assert.Equal(3, result.TotalBuildings);
            Assert.Contains(search.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
                && e.Message.Contains("answering searches from PostgreSQL", StringComparison.Ordinal));
            Assert.True(search.Services.GetRequiredService<ElasticsearchAvailability>().IsFailing);
        }
        finally
        {
            search.Invoker.Respond = _ => (200, RecordingInvoker.EmptySearchResponse);
            search.Services.GetRequiredService<ElasticsearchAvailability>().Succeeded();
        }
    }
}
