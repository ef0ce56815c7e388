using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Buildings;

/// <summary>The register's JSON API over the sample districts (滨江区: 西兴街道 west of 120.1°E, 长河街道 east of it).</summary>
public class RegisterApiTests(SampleDistrictsAppFactory app) : IClassFixture<SampleDistrictsAppFactory>, IAsyncLifetime
{
    private static int counter;
    private HttpClient admin = null!;

    // Each test builds at its own spot, so tests sharing the database never see each other's buildings as duplicates.
    private readonly double longitude = 120.02 + Interlocked.Increment(ref counter) * 0.003;

    public async Task InitializeAsync()
    {
        var user = await app.CreateUserAsync($"admin{Guid.NewGuid():N}"[..14], Roles.Administrator);
        admin = app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private BuildingInput NewBuilding(string name, double? lon = null, double lat = 30.15) => new()
    {
        Name = name,
        Address = "江南大道100号",
        Longitude = lon ?? longitude,
        Latitude = lat,
        Grade = BuildingGrade.A,
        Use = BuildingUse.Office,
        CompletionYear = 2018,
        GrossFloorArea = 40_000m,
        ForSaleArea = 5_000m,
        ForRentArea = 25_000m,
        SelfUseArea = 1_000m,
        FloorsAboveGround = 25,
        FloorsBelowGround = 2,
        PassengerElevators = 8,
        ParkingBelowGround = 400,
        ThemeId = 1,
        FacilityIds = [1, 4],
        PropertyCompany = "滨江物业",
        OneToOneContact = new ContactInput("李强", "副区长"),
        PropertyContacts = [new ContactInput("王伟", Phone: "13800000000")],
    };

    private async Task<BuildingDetails> CreateAsync(BuildingInput input)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/buildings", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BuildingDetails>())!;
    }

    [Fact]
    public async Task A_building_entered_in_Gcj02_is_stored_in_Wgs84_in_the_subdistrict_that_contains_it()
    {
        var wgs = new LonLat(120.15, 30.12);
        var gcj = CoordinateConversion.Wgs84ToGcj02(wgs);

        var created = await CreateAsync(NewBuilding("钱江国际中心", gcj.Longitude, gcj.Latitude) with { CoordinateSystem = CoordinateSystem.Gcj02 });

        Assert.Equal(wgs.Longitude, created.Longitude, 1e-6);
        Assert.Equal(wgs.Latitude, created.Latitude, 1e-6);
        Assert.Equal("长河街道", created.SubdistrictName);
        Assert.Equal(app.DistrictId, created.DistrictId);
        Assert.Equal(30_000m, created.LeasableArea);
        Assert.Equal(10.00m, created.ParkingRatio);
        Assert.Equal(["office-automation", "central-air-conditioning"], created.Facilities.Select(f => f.Code));
        Assert.Equal("王伟", Assert.Single(created.PropertyContacts).Name);

        using var got = await admin.GetAsync($"/api/v1/buildings/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
    }

    [Fact]
    public async Task Every_change_writes_an_outbox_event_the_dispatcher_can_deserialise()
    {
        var created = await CreateAsync(NewBuilding("事件测试大厦"));
        using (var update = await admin.PutAsJsonAsync($"/api/v1/buildings/{created.Id}", NewBuilding("事件测试大厦") with { FloorsAboveGround = 26 }))
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        using var space = await admin.PostAsJsonAsync($"/api/v1/buildings/{created.Id}/spaces", new SpaceInput { Floor = 3, Unit = "301", Area = 200m });
        Assert.Equal(HttpStatusCode.Created, space.StatusCode);
        using (var archive = await admin.PostAsync($"/api/v1/buildings/{created.Id}/archive", null))
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);

        await using var db = app.Database.CreateContext();
        var messages = await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
        var buildingEvents = messages.Where(m => m.MessageType == typeof(BuildingChanged).FullName)
            .Select(m => JsonSerializer.Deserialize<BuildingChanged>(m.Payload)!).Where(e => e.BuildingId == created.Id).ToList();
        Assert.Equal([RegisterChange.Created, RegisterChange.Updated, RegisterChange.Archived], buildingEvents.Select(e => e.Change));
        Assert.All(buildingEvents, e => Assert.Equal(created.ExternalKey, e.ExternalKey));
        var spaceEvent = messages.Where(m => m.MessageType == typeof(SpaceChanged).FullName)
            .Select(m => JsonSerializer.Deserialize<SpaceChanged>(m.Payload)!).Single(e => e.BuildingId == created.Id);
        Assert.Equal(RegisterChange.Created, spaceEvent.Change);
        // The outbox dispatcher publishes these rows; it must never fail on one of them.
        Assert.All(messages, m => Assert.Null(m.LastError));
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_messages_that_name_the_field()
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/buildings", NewBuilding("错误大厦") with { ForRentArea = -1m, LeasableArea = 100m, ParkingAboveGround = -3 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("可租面积不能为负数", errors["forRentArea"]![0]!.GetValue<string>());
        Assert.StartsWith("可租售面积", errors["leasableArea"]![0]!.GetValue<string>());
        Assert.Equal("地上停车位不能为负数", errors["parkingAboveGround"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Messages_follow_the_requested_language()
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/buildings?culture=en", NewBuilding("Wrong") with { SelfUseArea = -1m });

        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("Self-use area must not be negative", errors["selfUseArea"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_location_outside_every_district_is_refused()
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/buildings", NewBuilding("远方大厦", 110.0, 25.0));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("位置", errors["location"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_similar_name_within_50_metres_is_flagged_before_saving_and_can_be_confirmed()
    {
        var first = await CreateAsync(NewBuilding("滨江金融广场"));

        // About 30 m east (0.0003° of longitude at 30°N is ~29 m), nearly the same name.
        var again = NewBuilding("滨江金融广场A座", longitude + 0.0003);
        using var check = await admin.GetAsync($"/api/v1/buildings/duplicates?name={Uri.EscapeDataString(again.Name!)}&longitude={again.Longitude}&latitude={again.Latitude}");
        var found = (await check.Content.ReadFromJsonAsync<DuplicateCheck>())!;
        Assert.True(found.LikelyDuplicate);
        Assert.Equal(first.Id, Assert.Single(found.Candidates).Id);
        Assert.InRange(Assert.Single(found.Candidates).DistanceMetres, 25, 35);

        using var refused = await admin.PostAsJsonAsync("/api/v1/buildings", again);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(first.Id, problem["duplicates"]![0]!["id"]!.GetValue<int>());

        var confirmed = await CreateAsync(again with { ConfirmNotDuplicate = true });
        Assert.NotEqual(first.Id, confirmed.Id);
    }

    [Fact]
    public async Task Neither_a_different_name_nearby_nor_the_same_name_further_away_is_a_duplicate()
    {
        await CreateAsync(NewBuilding("星光大道写字楼"));

        using var otherName = await admin.PostAsJsonAsync("/api/v1/buildings", NewBuilding("钱塘科技园", longitude + 0.0002));
        Assert.Equal(HttpStatusCode.Created, otherName.StatusCode);
        // 0.0008° of longitude is about 77 m.
        using var farther = await admin.PostAsJsonAsync("/api/v1/buildings", NewBuilding("星光大道写字楼", longitude + 0.0008));
        Assert.Equal(HttpStatusCode.Created, farther.StatusCode);
    }

    [Fact]
    public async Task The_list_filters_and_pages()
    {
        var tag = $"筛选{counter}号";
        for (var i = 0; i < 3; i++) await CreateAsync(NewBuilding($"{tag}大厦{i}", longitude + i * 0.001) with { Grade = i == 0 ? BuildingGrade.Premium : BuildingGrade.B, ConfirmNotDuplicate = true });

        var page1 = (await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?q={Uri.EscapeDataString(tag)}&pageSize=2&page=1"))!;
        var page2 = (await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?q={Uri.EscapeDataString(tag)}&pageSize=2&page=2"))!;
        var premium = (await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?q={Uri.EscapeDataString(tag)}&grade=Premium"))!;
        var district = (await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?districtId={app.DistrictId}&pageSize=500"))!;

        Assert.Equal(3, page1.Total);
        Assert.Equal(2, page1.Items.Count);
        Assert.Single(page2.Items);
        Assert.Equal($"{tag}大厦0", Assert.Single(premium.Items).Name);
        Assert.Contains(district.Items, b => b.Name == "楼宇B1");
        Assert.DoesNotContain(district.Items, b => b.Name == "楼宇B4"); // archived
    }

    [Fact]
    public async Task Spaces_are_checked_against_their_building_and_shown_top_floor_first()
    {
        var building = await CreateAsync(NewBuilding("房源测试大厦"));
        async Task<HttpResponseMessage> Add(SpaceInput s) => await admin.PostAsJsonAsync($"/api/v1/buildings/{building.Id}/spaces", s);

        Assert.Equal(HttpStatusCode.Created, (await Add(new SpaceInput { Floor = 25, Unit = "2501", Area = 1_000m, Status = SpaceStatus.Leased })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Add(new SpaceInput { Floor = -1, Unit = "B101", Area = 500m, Status = SpaceStatus.SelfUse })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Add(new SpaceInput { Floor = 2, Unit = "201", Area = 300m })).StatusCode);

        using var tooHigh = await Add(new SpaceInput { Floor = 26, Unit = "2601", Area = 10m });
        using var duplicateUnit = await Add(new SpaceInput { Floor = 2, Unit = "201", Area = 10m });
        using var tooLarge = await Add(new SpaceInput { Floor = 3, Unit = "301", Area = 29_000m });
        Assert.Contains("楼层", await ErrorAsync(tooHigh, "floor"));
        Assert.Contains("201", await ErrorAsync(duplicateUnit, "unit"));
        Assert.Contains("可租售面积", await ErrorAsync(tooLarge, "area"));

        var plan = (await admin.GetFromJsonAsync<List<StackingFloor>>($"/api/v1/buildings/{building.Id}/stacking-plan"))!;
        Assert.Equal(25 + 2, plan.Count);
        Assert.Equal(25, plan[0].Floor);
        Assert.Equal(-2, plan[^1].Floor);
        Assert.Equal("2501", Assert.Single(plan[0].Units).Unit);
        Assert.Equal(UnitState.SelfUse, Assert.Single(plan.Single(f => f.Floor == -1).Units).State);
    }

    [Fact]
    public async Task Enterprises_need_a_valid_credit_code_and_tenancies_show_on_the_roster()
    {
        using var bad = await admin.PostAsJsonAsync("/api/v1/enterprises", new EnterpriseInput { CreditCode = "91330108000000001X", Name = "坏代码公司" });
        Assert.Equal("统一社会信用代码校验位不正确", await ErrorAsync(bad, "creditCode"));

        var first17 = $"91330108{Random.Shared.Next(100_000_000, 999_999_999)}";
        using var good = await admin.PostAsJsonAsync("/api/v1/enterprises", new EnterpriseInput { CreditCode = first17 + UnifiedSocialCreditCode.CheckCharacter(first17), Name = "滨江数据科技有限公司", IndustrySection = "I", RegisteredDistrictCode = "330108" });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var enterprise = (await good.Content.ReadFromJsonAsync<EnterpriseView>())!;

        var building = await CreateAsync(NewBuilding("入驻测试大厦"));
        using var space = await admin.PostAsJsonAsync($"/api/v1/buildings/{building.Id}/spaces", new SpaceInput { Floor = 5, Unit = "501", Area = 400m, Status = SpaceStatus.Leased });
        var spaceView = (await space.Content.ReadFromJsonAsync<SpaceView>())!;
        using var tenancy = await admin.PostAsJsonAsync($"/api/v1/buildings/{building.Id}/tenancies",
            new TenancyInput { EnterpriseId = enterprise.Id, SpaceId = spaceView.Id, Units = "501", Area = 400m, SignedOn = new(2026, 1, 10), RegisteredLocally = true });
        Assert.Equal(HttpStatusCode.Created, tenancy.StatusCode);

        var roster = (await admin.GetFromJsonAsync<List<TenantView>>($"/api/v1/buildings/{building.Id}/tenancies"))!;
        var tenant = Assert.Single(roster);
        Assert.Equal("滨江数据科技有限公司", tenant.EnterpriseName);
        Assert.False(tenant.Resident);
        // Signed but not moved in: the stacking plan shows the hidden vacancy.
        var spaces = (await admin.GetFromJsonAsync<List<SpaceView>>($"/api/v1/buildings/{building.Id}/spaces"))!;
        Assert.Equal(UnitState.SignedNotResident, Assert.Single(spaces).State);

        using var wrongDates = await admin.PutAsJsonAsync($"/api/v1/tenancies/{tenant.Id}",
            new TenancyInput { EnterpriseId = enterprise.Id, Area = 400m, SignedOn = new(2026, 1, 10), MovedInOn = new(2025, 12, 1) });
        Assert.Contains("入驻日期", await ErrorAsync(wrongDates, "movedInOn"));
    }

    [Fact]
    public async Task Archived_buildings_leave_the_list_and_can_be_restored()
    {
        var building = await CreateAsync(NewBuilding("归档测试大厦"));

        (await admin.PostAsync($"/api/v1/buildings/{building.Id}/archive", null)).Dispose();
        var listed = (await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?q={Uri.EscapeDataString("归档测试大厦")}"))!;
        var withArchived = (await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?q={Uri.EscapeDataString("归档测试大厦")}&includeArchived=true"))!;
        Assert.Empty(listed.Items);
        Assert.True(Assert.Single(withArchived.Items).Archived);

        (await admin.PostAsync($"/api/v1/buildings/{building.Id}/restore", null)).Dispose();
        Assert.Single((await admin.GetFromJsonAsync<Paged<BuildingSummary>>($"/api/v1/buildings?q={Uri.EscapeDataString("归档测试大厦")}"))!.Items);
    }

    [Fact]
    public async Task Only_administrators_write_and_only_signed_in_users_read()
    {
        var officer = await app.CreateUserAsync($"inv{Guid.NewGuid():N}"[..12], Roles.InvestmentOfficer);
        var officerClient = app.BearerClient(await SignIn.IssueTokenAsync(app.Database, officer.Id));
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var read = await officerClient.GetAsync("/api/v1/buildings");
        using var write = await officerClient.PostAsJsonAsync("/api/v1/buildings", NewBuilding("越权大厦"));
        using var anonymousRead = await anonymous.GetAsync("/api/v1/buildings");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_register()
    {
        using var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonObject>())!["paths"]!.AsObject();
        Assert.Contains("/api/v1/buildings", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/buildings/{id}", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/buildings/{id}/spaces", paths.Select(p => p.Key));
    }

    [Fact]
    public async Task The_boundaries_are_served_as_GeoJSON()
    {
        using var response = await admin.GetAsync("/api/v1/boundaries");

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var features = (await response.Content.ReadFromJsonAsync<JsonObject>())!["features"]!.AsArray();
        Assert.Contains(features, f => f!["properties"]!["name"]!.GetValue<string>() == "西兴街道" && f["geometry"]!["type"]!.GetValue<string>() == "MultiPolygon");
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), errors.ToJsonString());
        return errors[field]![0]!.GetValue<string>();
    }
}
