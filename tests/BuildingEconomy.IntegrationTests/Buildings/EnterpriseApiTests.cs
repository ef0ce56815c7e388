using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.IntegrationTests.Web;

namespace BuildingEconomy.IntegrationTests.Buildings;

/// <summary>/api/v1/enterprises over the sample districts (滨江区, division code 330108).</summary>
public class EnterpriseApiTests(SampleDistrictsAppFactory app) : IClassFixture<SampleDistrictsAppFactory>, IAsyncLifetime
{
    private static int counter;
    private readonly int n = Interlocked.Increment(ref counter);
    private HttpClient admin = null!;

    // Two rare characters no other test's names contain, so searches in the shared database see only this test's enterprises.
    private readonly string token = new(Enumerable.Range(0, 2).Select(_ => (char)Random.Shared.Next(0x9F00, 0x9FA0)).ToArray());

    public async Task InitializeAsync() => admin = await ClientAsync(Roles.Administrator);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> ClientAsync(string role, int? assignedBuilding = null)
    {
        var user = await app.CreateUserAsync($"e{Guid.NewGuid():N}"[..14], role);
        if (assignedBuilding is { } building)
        {
            await using var db = app.Database.CreateContext();
            db.BuildingAssignments.Add(new BuildingAssignment { UserId = user.Id, BuildingId = building, Kind = AssignmentKind.PropertyContact });
            await db.SaveChangesAsync();
        }
        return app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));
    }

    public static string NewCreditCode(string division = "330108")
    {
        var first17 = $"91{division}{Random.Shared.Next(100_000_000, 999_999_999)}";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private async Task<EnterpriseView> CreateAsync(string name, string? division = "330108", string? place = null, string? code = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new EnterpriseInput { CreditCode = code ?? NewCreditCode(division ?? "310101"), Name = name, IndustrySection = "I", RegisteredDistrictCode = division, RegisteredPlace = place });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EnterpriseView>())!;
    }

    private async Task<Paged<EnterpriseView>> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<Paged<EnterpriseView>>("/api/v1/enterprises?" + query))!;

    [Fact]
    public async Task A_two_character_name_term_a_longer_one_and_a_credit_code_prefix_each_find_their_enterprises()
    {
        var cloud = await CreateAsync($"{token}云帆科技有限公司");
        var evergreen = await CreateAsync($"{token}长青贸易有限公司", division: "310101", place: "上海市黄浦区");

        var byToken = await ListAsync(admin, $"q={token}");
        Assert.Equal([cloud.Id, evergreen.Id], byToken.Items.Select(e => e.Id).Order());
        Assert.Equal(2, byToken.Total);
        var byLonger = await ListAsync(admin, $"q={token}云帆");
        Assert.Equal(cloud.Id, Assert.Single(byLonger.Items).Id);
        var byCode = await ListAsync(admin, $"q={evergreen.CreditCode[..14].ToLowerInvariant()}");
        Assert.Contains(byCode.Items, e => e.Id == evergreen.Id);
        Assert.DoesNotContain(byCode.Items, e => e.Id == cloud.Id);
        Assert.Empty((await ListAsync(admin, $"q={token}不存在")).Items);
    }

    [Fact]
    public async Task Registered_here_or_elsewhere_archived_and_paging_filter_the_list()
    {
        var local = await CreateAsync($"{token}甲本地公司");
        var away = await CreateAsync($"{token}乙外地公司", division: "310101", place: "上海市黄浦区");

        Assert.Equal("滨江区", local.RegisteredDistrict?.Name);
        Assert.Null(away.RegisteredDistrict);
        Assert.Equal(local.Id, Assert.Single((await ListAsync(admin, $"q={token}&registered=Here")).Items).Id);
        Assert.Equal(away.Id, Assert.Single((await ListAsync(admin, $"q={token}&registered=Elsewhere")).Items).Id);
        Assert.Empty((await ListAsync(admin, $"q={token}&registered=Here&districtId={app.EmptyDistrictId}")).Items);

        var second = await ListAsync(admin, $"q={token}&pageSize=1&page=2");
        Assert.Equal(2, second.Total);
        var byName = new[] { local, away }.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(byName[1].Id, Assert.Single(second.Items).Id);

        using (var archived = await admin.PostAsync($"/api/v1/enterprises/{away.Id}/archive", null))
            Assert.True((await archived.Content.ReadFromJsonAsync<EnterpriseView>())!.Archived);
        Assert.Equal(local.Id, Assert.Single((await ListAsync(admin, $"q={token}")).Items).Id);
        Assert.Equal(away.Id, Assert.Single((await ListAsync(admin, $"q={token}&archived=Archived")).Items).Id);
        Assert.Equal(2, (await ListAsync(admin, $"q={token}&archived=All")).Total);

        using (var restored = await admin.PostAsync($"/api/v1/enterprises/{away.Id}/restore", null))
            Assert.False((await restored.Content.ReadFromJsonAsync<EnterpriseView>())!.Archived);
        Assert.Equal(2, (await ListAsync(admin, $"q={token}")).Total);
        using var missing = await admin.PostAsync("/api/v1/enterprises/999999/restore", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_update_is_refused_with_messages_naming_the_field()
    {
        var enterprise = await CreateAsync($"{token}校验测试公司");
        var other = await CreateAsync($"{token}另一家公司");
        var valid = new EnterpriseInput { CreditCode = enterprise.CreditCode, Name = enterprise.Name };

        using var wrongCheck = await admin.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", valid with { CreditCode = enterprise.CreditCode[..17] + (enterprise.CreditCode[17] == '0' ? '1' : '0') });
        Assert.Equal("统一社会信用代码校验位不正确", await ErrorAsync(wrongCheck, "creditCode"));
        using var taken = await admin.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", valid with { CreditCode = other.CreditCode });
        Assert.Contains(other.CreditCode, await ErrorAsync(taken, "creditCode"));
        using var noName = await admin.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", valid with { Name = " " });
        Assert.Contains("名称", await ErrorAsync(noName, "name"));
        using var section = await admin.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", valid with { IndustrySection = "Z" });
        Assert.Contains("行业", await ErrorAsync(section, "industrySection"));

        using var saved = await admin.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", valid with { Name = $"{token}改名公司", RegisteredPlace = "杭州市滨江区" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var got = (await admin.GetFromJsonAsync<EnterpriseView>($"/api/v1/enterprises/{enterprise.Id}"))!;
        Assert.Equal($"{token}改名公司", got.Name);
        Assert.Equal("杭州市滨江区", got.RegisteredPlace);
        using var unknown = await admin.PutAsJsonAsync("/api/v1/enterprises/999999", valid);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Tenancies_are_listed_with_their_buildings_and_only_within_the_callers_scope()
    {
        var enterprise = await CreateAsync($"{token}入驻企业");
        var building = await CreateBuildingAsync($"企业测试大厦{n}");
        using (var tenancy = await admin.PostAsJsonAsync($"/api/v1/buildings/{building}/tenancies",
            new TenancyInput { EnterpriseId = enterprise.Id, Units = "1201", Area = 300m, SignedOn = new(2026, 2, 1), MovedInOn = new(2026, 3, 1), RegisteredLocally = true }))
            Assert.Equal(HttpStatusCode.Created, tenancy.StatusCode);

        var tenancies = (await admin.GetFromJsonAsync<List<EnterpriseTenancyView>>($"/api/v1/enterprises/{enterprise.Id}/tenancies"))!;
        var only = Assert.Single(tenancies);
        Assert.Equal((building, $"企业测试大厦{n}", "1201", 300m, true), (only.BuildingId, only.BuildingName, only.Units, only.Area, only.Resident));
        Assert.Equal(new DateOnly(2026, 3, 1), only.MovedInOn);

        // A property contact sees the enterprises of the building assigned to them, and no others.
        var own = await ClientAsync(Roles.PropertyContact, building);
        var stranger = await ClientAsync(Roles.PropertyContact);
        Assert.Equal(enterprise.Id, Assert.Single((await ListAsync(own, $"q={token}")).Items).Id);
        Assert.Single((await own.GetFromJsonAsync<List<EnterpriseTenancyView>>($"/api/v1/enterprises/{enterprise.Id}/tenancies"))!);
        Assert.Equal(0, (await ListAsync(stranger, $"q={token}")).Total);
        using (var hidden = await stranger.GetAsync($"/api/v1/enterprises/{enterprise.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using (var hiddenTenancies = await stranger.GetAsync($"/api/v1/enterprises/{enterprise.Id}/tenancies"))
            Assert.Equal(HttpStatusCode.NotFound, hiddenTenancies.StatusCode);
        // Investment officers read every enterprise; only administrators change them.
        var officer = await ClientAsync(Roles.InvestmentOfficer);
        Assert.Equal(1, (await ListAsync(officer, $"q={token}")).Total);
        using var refused = await own.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", new EnterpriseInput { CreditCode = enterprise.CreditCode, Name = "改名" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_enterprise_endpoints()
    {
        var document = (await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/enterprises"]?["get"]);
        Assert.NotNull(paths["/api/v1/enterprises/{id}/tenancies"]?["get"]);
        Assert.NotNull(paths["/api/v1/enterprises/{id}/restore"]?["post"]);
        Assert.NotNull(paths["/api/v1/enterprises/{id}"]?["put"]);
    }

    private async Task<int> CreateBuildingAsync(string name)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/buildings", new BuildingInput
        {
            Name = name, Address = "江南大道1号", Longitude = 120.03 + n * 0.004, Latitude = 30.05, GrossFloorArea = 20_000m, ForRentArea = 15_000m,
            FloorsAboveGround = 20, ConfirmNotDuplicate = true,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BuildingDetails>())!.Id;
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), errors.ToJsonString());
        return errors[field]![0]!.GetValue<string>();
    }
}
