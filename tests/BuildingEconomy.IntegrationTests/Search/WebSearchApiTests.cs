using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Web;
using BuildingEconomy.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>The web app over <see cref="SearchSample"/>.</summary>
public class SearchAppFactory : WebAppFactory
{
    protected override Task SeedAsync(BuildingEconomyDbContext db) => SearchSample.SeedAsync(db);

}

/// <summary>The web app with Elasticsearch configured at an address where nothing listens.</summary>
public sealed class UnreachableElasticsearchAppFactory : SearchAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:Engine", "Elasticsearch");
        // Nothing listens on port 1: the connection is refused at once.
        builder.UseSetting("Search:Elasticsearch:Url", "http://127.0.0.1:1");
    }
}

/// <summary><c>GET /api/v1/search/spaces</c> through HTTP: authorization, the JSON contract and bad parameters.</summary>
public class WebSearchApiTests(SearchAppFactory app) : IClassFixture<SearchAppFactory>
{
    private async Task<HttpClient> OfficerAsync() => await app.ClientAsAsync(Roles.InvestmentOfficer);

    [Fact]
    public async Task An_officer_searches_and_gets_groups_facets_and_totals()
    {
        var client = await OfficerAsync();

        using var response = await client.GetAsync("/api/v1/search/spaces?q=%E5%9B%BD%E8%B4%B8&grade=A&minArea=200&maxArea=500&near=120.05,30.05&radius=2000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("totalSpaces").GetInt32());
        Assert.Equal(1, root.GetProperty("totalBuildings").GetInt32());
        Assert.Equal("PostgreSql", root.GetProperty("engine").GetString());
        var group = root.GetProperty("buildings")[0];
        Assert.Equal("国贸中心", group.GetProperty("name").GetString());
        Assert.Equal("A", group.GetProperty("grade").GetString());
        Assert.Equal("金融", group.GetProperty("themeName").GetString());
        Assert.Equal(["101", "102"], group.GetProperty("spaces").EnumerateArray().Select(s => s.GetProperty("unit").GetString()));
        var space = group.GetProperty("spaces")[0];
        Assert.Equal(5.5m, space.GetProperty("askingRent").GetDecimal());
        Assert.Equal(167.29m, space.GetProperty("askingRentPerMonth").GetDecimal());
        Assert.Equal("Fine", space.GetProperty("fitOut").GetString());
        var grade = root.GetProperty("facets").GetProperty("grade")[0];
        Assert.Equal("A", grade.GetProperty("key").GetString());
        Assert.Equal("甲级", grade.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Labels_follow_the_language()
    {
        var client = await OfficerAsync();
        using var response = await client.GetAsync("/api/v1/search/spaces?grade=A&culture=en");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Grade A", json.RootElement.GetProperty("facets").GetProperty("grade")[0].GetProperty("label").GetString());
        Assert.Equal("Finance", json.RootElement.GetProperty("buildings")[0].GetProperty("themeName").GetString());
    }

    /// <summary>
    /// The API copies the groups PostgreSQL wrote as JSON into its answer; read into <see cref="SpaceSearchResult"/>
    /// and written by the serializer, the same search must come out the same, so the two can never drift apart.
    /// </summary>
    [Theory]
    [InlineData("q=%E5%9B%BD%E8%B4%B8&near=120.05,30.05&radius=2000&sort=distance", "zh-CN")]
    [InlineData("grade=A&grade=B&sort=rent-asc", "en")]
    [InlineData("theme=finance&pageSize=1&page=2", "zh-CN")]
    [InlineData("minArea=100&fitOut=Fine&sort=newest", "en")]
    public async Task The_answer_is_the_search_result_as_the_serializer_writes_it(string query, string culture)
    {
        var client = await OfficerAsync();
        using var response = await client.GetAsync($"/api/v1/search/spaces?{query}&culture={culture}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        var previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<SpaceSearchService>();
            var prepared = await search.PrepareAsync(QueryHelpers.ParseQuery(query), default);
            var result = await search.SearchAsync(prepared.Query!, prepared.Reference, default);
            Assert.IsType<BuildingGroupsJson>(result.Buildings);
            Assert.NotEmpty(result.Buildings);
            var expected = JsonSerializer.SerializeToNode(result with { Buildings = [.. result.Buildings] }, JsonSerializerOptions.Web);

            Assert.True(JsonNode.DeepEquals(expected, answered), $"expected {expected}\nanswered {answered}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }

    [Theory]
    [InlineData("minArea=500&maxArea=200", "minArea")]
    [InlineData("minRent=9&maxRent=3", "minRent")]
    [InlineData("minFloor=10&maxFloor=2", "minFloor")]
    [InlineData("polygon=POLYGON((120 30, 120.1 30, 120.1 30.1))", "polygon")]
    [InlineData("polygon=POLYGON((120 30, 120.1 30.1, 120.1 30, 120 30.1, 120 30))", "polygon")]
    [InlineData("polygon=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B120%2C30%5D%7D", "polygon")]
    [InlineData("near=120.05,30.05&radius=60000", "radius")]
    [InlineData("radius=1000", "radius")]
    [InlineData("near=200,30", "near")]
    [InlineData("bbox=120.2,30,120.1,30.1", "bbox")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=600&pageSize=20", "page")]
    [InlineData("grade=AAA", "grade")]
    [InlineData("fitOut=Luxury", "fitOut")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("sort=distance", "sort")]
    [InlineData("theme=no-such-theme", "theme")]
    [InlineData("facility=canteen&facility=helipad", "facility")]
    [InlineData("subdistrict=999999999", "subdistrict")]
    [InlineData("nearBuilding=不存在的楼", "nearBuilding")]
    [InlineData("availableBy=31/12/2026", "availableBy")]
    [InlineData("minArea=lots", "minArea")]
    [InlineData("colour=red", "colour")]
    public async Task Bad_parameters_get_400_naming_the_parameter(string query, string parameter)
    {
        var client = await OfficerAsync();

        using var response = await client.GetAsync("/api/v1/search/spaces?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"errors: {errors}");
        Assert.Contains(parameter, messages[0].GetString());
        Assert.Contains(parameter, json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var response = await app.CreateClient().GetAsync("/api/v1/search/spaces");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Property_contacts_may_not_search()
    {
        var client = await app.ClientAsAsync(Roles.PropertyContact);
        using var response = await client.GetAsync("/api/v1/search/spaces");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_api_token_works_too()
    {
        var user = await app.CreateUserAsync("tokenofficer", Roles.InvestmentOfficer);
        var client = app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));
        using var response = await client.GetAsync("/api/v1/search/spaces?theme=finance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_map_gets_every_matching_building()
    {
        var client = await OfficerAsync();
        using var response = await client.GetAsync("/api/v1/search/spaces/map?theme=finance&page=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["国贸中心", "国际金融广场"], json.RootElement.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(3, json.RootElement[0].GetProperty("matchingSpaces").GetInt32());
    }

    [Fact]
    public async Task Boundaries_are_GeoJSON()
    {
        var client = await OfficerAsync();
        using var response = await client.GetAsync("/api/v1/search/boundaries");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(3, features.Count);
        Assert.Equal("district", features[0].GetProperty("properties").GetProperty("kind").GetString());
        Assert.Contains(features[0].GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
    }
}

/// <summary>Elasticsearch configured but down: searches still answer (from PostgreSQL), and health says so.</summary>
public class ElasticsearchFallbackTests(UnreachableElasticsearchAppFactory app) : IClassFixture<UnreachableElasticsearchAppFactory>
{
    [Fact]
    public async Task Searches_are_answered_by_PostgreSQL()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);

        using var response = await client.GetAsync("/api/v1/search/spaces?q=%E5%9B%BD%E8%B4%B8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("PostgreSql", json.RootElement.GetProperty("engine").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("totalBuildings").GetInt32());
    }

    [Fact]
    public async Task Health_reports_search_degraded()
    {
        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var search = json.RootElement.GetProperty("checks").GetProperty("search");
        Assert.Equal("Degraded", search.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL", search.GetProperty("description").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
