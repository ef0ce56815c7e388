using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace BuildingEconomy.IntegrationTests.Web;

public class HealthEndpointTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task Health_reports_database_bus_and_search_healthy()
    {
        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal(["bus", "database", "search"], checks.EnumerateObject().Select(c => c.Name).Order());
        foreach (var check in checks.EnumerateObject())
        {
            Assert.True(check.Value.GetProperty("status").GetString() == "Healthy", $"{check.Name}: {check.Value}");
        }
        Assert.StartsWith("PostgreSQL with PostGIS 3", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("PostgreSQL search engine", checks.GetProperty("search").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Health_is_503_when_the_database_does_not_answer()
    {
        // Nothing listens on port 1, so the connection is refused at once.
        using var unreachable = app.WithWebHostBuilder(builder => builder.UseSetting(
            "ConnectionStrings:BuildingEconomy", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2"));

        using var response = await unreachable.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("bus").GetProperty("status").GetString());
    }
}
