using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>The web app over <see cref="DashboardWorld"/>.</summary>
public sealed class DashboardAppFactory : WebAppFactory
{
    public DashboardWorld World { get; private set; } = null!;

    protected override async Task SeedAsync(BuildingEconomyDbContext db) => World = await DashboardWorld.SeedAsync(db);

    /// <summary>A Bearer client for a new user with <paramref name="role"/>; a leader may be limited to one district.</summary>
    public async Task<HttpClient> ClientAsync(string role, int? districtId = null)
    {
        var user = await this.CreateUserAsync($"u{Guid.NewGuid():N}"[..12], role);
        if (districtId is not null)
        {
            await using var db = Database.CreateContext();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DistrictId, districtId));
        }
        return this.BearerClient(await SignIn.IssueTokenAsync(Database, user.Id));
    }
}

public sealed class DashboardApiTests(DashboardAppFactory app) : IClassFixture<DashboardAppFactory>
{
    private DashboardWorld World => app.World;

    [Fact]
    public async Task The_summary_by_subdistrict_gives_exact_values_their_display_and_definitions()
    {
        var client = await app.ClientAsync(Roles.Administrator);

        using var summary = await GetJsonAsync(client, "/api/v1/dashboard/summary?period=2026-10&groupBy=subdistrict");

        var root = summary.RootElement;
        Assert.Equal("2026-10", root.GetProperty("period").GetString());
        Assert.Equal("subdistrict", root.GetProperty("groupBy").GetString());
        var west = root.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == World.West.ToString());
        Assert.Equal("西兴街道", west.GetProperty("name").GetString());
        var saleRate = Figure(west, "saleRate");
        Assert.Equal(145_700m / 150_700m, saleRate.GetProperty("value").GetDecimal());
        Assert.Equal(145_700m, saleRate.GetProperty("numerator").GetDecimal());
        Assert.Equal(150_700m, saleRate.GetProperty("denominator").GetDecimal());
        Assert.Equal("96.7%", saleRate.GetProperty("display").GetString());
        Assert.Equal("61.2%", Figure(west, "localRegistrationRate").GetProperty("display").GetString());
        Assert.Equal(3, root.GetProperty("groups").GetArrayLength());
        var definition = root.GetProperty("definitions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == "saleRate");
        Assert.Equal("已售面积 ÷ 可售面积", definition.GetProperty("definition").GetProperty("zh").GetString());
        Assert.Equal("Sold area ÷ for-sale area", definition.GetProperty("definition").GetProperty("en").GetString());
        Assert.Contains(root.GetProperty("total").GetProperty("figures").EnumerateArray(), f => f.GetProperty("key").GetString() == "billionYuanBuildings");
    }

    [Fact]
    public async Task A_leader_sees_the_figures_of_their_own_district_only()
    {
        var leader = await app.ClientAsync(Roles.Leader, World.DistrictB);

        using var summary = await GetJsonAsync(leader, "/api/v1/dashboard/summary?period=2026-10&groupBy=subdistrict");
        using var overview = await GetJsonAsync(leader, "/api/v1/dashboard/overview?period=2026-10");

        var group = Assert.Single(summary.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(World.Lakeside.ToString(), group.GetProperty("key").GetString());
        var lease = overview.RootElement.GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("current").GetProperty("key").GetString() == "leaseRate");
        Assert.Equal(0.9m, lease.GetProperty("current").GetProperty("value").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/dashboard/buildings/{World["B1"]}/roster?period=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/v1/dashboard/buildings/{World["B8"]}/roster?period=2026-10")).StatusCode);
    }

    [Fact]
    public async Task A_contact_official_sees_their_assigned_buildings()
    {
        var user = await app.CreateUserAsync($"c{Guid.NewGuid():N}"[..12], Roles.ContactOfficial);
        await using (var db = app.Database.CreateContext())
        {
            db.BuildingAssignments.Add(new BuildingAssignment { UserId = user.Id, BuildingId = World["B4"], Kind = AssignmentKind.ContactOfficial });
            await db.SaveChangesAsync();
        }
        var client = app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));

        using var summary = await GetJsonAsync(client, "/api/v1/dashboard/summary?period=2026-10&groupBy=building");

        var building = Assert.Single(summary.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(World["B4"].ToString(), building.GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("/api/v1/dashboard/summary?period=2026-13", "period")]
    [InlineData("/api/v1/dashboard/summary?period=202610", "period")]
    [InlineData("/api/v1/dashboard/summary?groupBy=floor", "groupBy")]
    [InlineData("/api/v1/dashboard/trends?months=0", "months")]
    [InlineData("/api/v1/dashboard/follow-up/not-filed?limit=5000", "limit")]
    [InlineData("/api/v1/dashboard/export/everything", "dataset")]
    public async Task Bad_input_is_a_problem_naming_the_parameter(string url, string parameter)
    {
        var client = await app.ClientAsync(Roles.Leader);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_dashboard_roles_get_in()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var officer = await app.ClientAsync(Roles.InvestmentOfficer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/dashboard/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/dashboard/summary")).StatusCode);
    }

    [Fact]
    public async Task Trends_follow_up_lists_pipeline_and_map_answer()
    {
        var client = await app.ClientAsync(Roles.Administrator);

        using var trends = await GetJsonAsync(client, $"/api/v1/dashboard/trends?period=2026-10&districtId={World.DistrictB}");
        using var notFiled = await GetJsonAsync(client, "/api/v1/dashboard/follow-up/not-filed?period=2026-10");
        using var elsewhere = await GetJsonAsync(client, "/api/v1/dashboard/follow-up/registered-elsewhere?period=2026-10&limit=1");
        using var pipeline = await GetJsonAsync(client, "/api/v1/dashboard/pipeline");
        using var roster = await GetJsonAsync(client, $"/api/v1/dashboard/buildings/{World["B1"]}/roster?period=2026-10");
        using var map = await GetJsonAsync(client, "/api/v1/dashboard/subdistricts.geojson");

        Assert.Equal(24, trends.RootElement.GetProperty("periods").GetArrayLength());
        var lease = trends.RootElement.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "leaseRate");
        Assert.Equal("90.0%", lease.GetProperty("display")[23].GetString());
        Assert.Equal(World["B3"], notFiled.RootElement.GetProperty("items")[0].GetProperty("building").GetProperty("id").GetInt32());
        Assert.Equal(2, elsewhere.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, elsewhere.RootElement.GetProperty("items").GetArrayLength());
        Assert.True(pipeline.RootElement.GetArrayLength() >= 7);
        Assert.Equal("Signed", roster.RootElement.GetProperty("lines")[2].GetProperty("state").GetString());
        Assert.Equal(3, map.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task Every_table_exports_to_Excel_with_the_pages_figures()
    {
        var client = await app.ClientAsync(Roles.Administrator);

        foreach (var dataset in DashboardExport.Datasets)
        {
            using var response = await client.GetAsync($"/api/v1/dashboard/export/{dataset}?period=2026-10&buildingId={World["B1"]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(DashboardExport.ContentType, response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length > 100 && bytes[0] == 'P' && bytes[1] == 'K', dataset);
        }
        using var summary = await client.GetAsync("/api/v1/dashboard/export/summary?period=2026-10&groupBy=subdistrict");
        var rows = MiniExcelLibs.MiniExcel.Query(await summary.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var west = rows.Single(r => (string?)r["街道"] == "西兴街道");
        Assert.Equal(96.7, Convert.ToDouble(west["出售率（%）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("合计", rows[^1]["街道"]);
    }

    [Fact]
    public async Task The_data_version_moves_when_figures_change()
    {
        var client = await app.ClientAsync(Roles.Leader);
        var before = await VersionAsync(client);

        await using (var db = app.Database.CreateContext())
        {
            var row = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == World["B8"] && f.Period == DashboardWorld.October);
            row.MarketedArea += 1m;
            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 50 && await VersionAsync(client) == before; i++) await Task.Delay(100);
        Assert.NotEqual(before, await VersionAsync(client));
    }

    private static async Task<string> VersionAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/version")).GetProperty("version").GetString()!;

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static JsonElement Figure(JsonElement group, string key) =>
        group.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key);
}
