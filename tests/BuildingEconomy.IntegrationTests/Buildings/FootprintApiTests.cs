using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Buildings;

/// <summary>The optional footprint of POST/PUT /api/v1/buildings (滨江区 spans 120.0–120.2°E, 30.0–30.2°N).</summary>
public class FootprintApiTests(SampleDistrictsAppFactory app) : IClassFixture<SampleDistrictsAppFactory>, IAsyncLifetime
{
    private static int counter;
    private readonly double latitude = 30.03 + Interlocked.Increment(ref counter) * 0.01;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        var user = await app.CreateUserAsync($"f{Guid.NewGuid():N}"[..14], Roles.Administrator);
        admin = app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private BuildingInput Building(double longitude, JsonElement? footprint = null) => new()
    {
        Name = $"轮廓测试大厦{counter}", Address = "江南大道9号", Longitude = longitude, Latitude = latitude, GrossFloorArea = 10_000m, ForRentArea = 8_000m,
        FloorsAboveGround = 10, ConfirmNotDuplicate = true, Footprint = footprint,
    };

    private JsonElement Square(double west, double size = 0.0004) => JsonSerializer.SerializeToElement(new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { west, latitude - 0.0002 }, [west + size, latitude - 0.0002], [west + size, latitude + 0.0002], [west, latitude + 0.0002], [west, latitude - 0.0002] } },
    });

    [Fact]
    public async Task A_footprint_is_stored_returned_replaced_kept_and_removed()
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/buildings", Building(120.05, Square(120.0498)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var building = (await created.Content.ReadFromJsonAsync<BuildingDetails>())!;
        Assert.Equal("Polygon", building.Footprint?.GetProperty("type").GetString());
        Assert.Equal(120.0498, building.Footprint!.Value.GetProperty("coordinates")[0][0][0].GetDouble(), 7);

        // Left out, the footprint stays; given, it is replaced; removeFootprint clears it.
        using (var kept = await admin.PutAsJsonAsync($"/api/v1/buildings/{building.Id}", Building(120.05)))
            Assert.NotNull((await kept.Content.ReadFromJsonAsync<BuildingDetails>())!.Footprint);
        using (var replaced = await admin.PutAsJsonAsync($"/api/v1/buildings/{building.Id}", Building(120.05, Square(120.0497, 0.0005))))
            Assert.Equal(120.0497, (await replaced.Content.ReadFromJsonAsync<BuildingDetails>())!.Footprint!.Value.GetProperty("coordinates")[0][0][0].GetDouble(), 7);
        await using (var db = app.Database.CreateContext())
            Assert.Equal(1, (await db.Buildings.SingleAsync(b => b.Id == building.Id)).Footprint!.NumGeometries);
        using (var removed = await admin.PutAsJsonAsync($"/api/v1/buildings/{building.Id}", Building(120.05) with { RemoveFootprint = true }))
            Assert.Null((await removed.Content.ReadFromJsonAsync<BuildingDetails>())!.Footprint);
    }

    [Fact]
    public async Task A_footprint_far_from_the_point_outside_the_district_or_crossing_itself_is_refused_naming_the_field()
    {
        using var far = await admin.PostAsJsonAsync("/api/v1/buildings", Building(120.05, Square(120.052)));
        Assert.Equal("轮廓离楼宇位置超过100米", await ErrorAsync(far, "footprint"));

        // The point is inside the district, the outline reaches over its eastern edge at 120.2°E.
        using var outside = await admin.PostAsJsonAsync("/api/v1/buildings", Building(120.1997, Square(120.1995, 0.001)));
        Assert.StartsWith("轮廓不在任何区的范围内", await ErrorAsync(outside, "footprint"));

        var bowTie = JsonSerializer.SerializeToElement(new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { 120.05, latitude }, [120.0504, latitude + 0.0004], [120.0504, latitude], [120.05, latitude + 0.0004], [120.05, latitude] } },
        });
        using var crossing = await admin.PostAsJsonAsync("/api/v1/buildings", Building(120.05, bowTie));
        Assert.StartsWith("轮廓不是有效的简单多边形", await ErrorAsync(crossing, "footprint"));
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), errors.ToJsonString());
        return errors[field]![0]!.GetValue<string>();
    }
}
