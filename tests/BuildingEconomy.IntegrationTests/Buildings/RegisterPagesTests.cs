using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Import;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace BuildingEconomy.IntegrationTests.Buildings;

/// <summary>The register's pages, server-rendered, over the sample districts.</summary>
public class RegisterPagesTests(SampleDistrictsAppFactory app) : IClassFixture<SampleDistrictsAppFactory>
{
    private static int counter;
    private readonly int n = Interlocked.Increment(ref counter);

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static (string, string)[] BuildingFields(string name, double lon, double lat, string system = "Wgs84", string forRent = "20000") =>
    [
        ("Form.Name", name), ("Form.Address", "江南大道8号"), ("Form.CoordinateSystem", system),
        ("Form.Longitude", lon.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Form.Latitude", lat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Form.Grade", "A"), ("Form.Use", "Office"), ("Form.ConstructionStatus", "Completed"), ("Form.GrossFloorArea", "30000"),
        ("Form.ForSaleArea", "0"), ("Form.ForRentArea", forRent), ("Form.SelfUseArea", "0"), ("Form.FloorsAboveGround", "20"), ("Form.FloorsBelowGround", "2"),
        ("Form.ParkingBelowGround", "150"), ("Form.FacilityIds", "4"), ("Form.RequiredToReport", "true"),
    ];

    [Fact]
    public async Task The_list_shows_the_buildings_a_user_may_see()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);

        using var response = await client.GetAsync("/Buildings");
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(page.QuerySelectorAll("[data-test=buildings] tbody th"), th => th.TextContent.Contains("楼宇B1"));
        // Officers read the register but do not maintain it.
        Assert.Null(page.QuerySelector("[data-action=new-building]"));
    }

    [Fact]
    public async Task An_administrator_places_a_building_in_Gcj02_adds_spaces_and_sees_the_stacking_plan()
    {
        var admin = await app.ClientAsAsync(Roles.Administrator);
        var wgs = new LonLat(120.13, 30.02 + n * 0.002);
        var gcj = CoordinateConversion.Wgs84ToGcj02(wgs);

        using var created = await SignIn.PostFormAsync(admin, "/Buildings/Edit", "/Buildings/Edit", BuildingFields($"页面测试大厦{n}", gcj.Longitude, gcj.Latitude, "Gcj02"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var id = int.Parse(location.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.Buildings.SingleAsync(b => b.Id == id);
            Assert.Equal(wgs.Longitude, stored.Location.X, 1e-6);
            Assert.Equal(wgs.Latitude, stored.Location.Y, 1e-6);
        }

        using (var space = await SignIn.PostFormAsync(admin, $"/Buildings/{id}/Spaces", $"/Buildings/{id}/Spaces",
            ("Form.Floor", "20"), ("Form.Unit", "2001"), ("Form.Area", "500"), ("Form.Tenure", "Rent"), ("Form.Status", "Leased"), ("Form.FitOut", "Fine")))
            Assert.Equal(HttpStatusCode.Redirect, space.StatusCode);
        using (var space = await SignIn.PostFormAsync(admin, $"/Buildings/{id}/Spaces", $"/Buildings/{id}/Spaces",
            ("Form.Floor", "-1"), ("Form.Unit", "B101"), ("Form.Area", "200"), ("Form.Tenure", "Rent"), ("Form.Status", "Available"), ("Form.FitOut", "Bare")))
            Assert.Equal(HttpStatusCode.Redirect, space.StatusCode);
        using (var tooHigh = await SignIn.PostFormAsync(admin, $"/Buildings/{id}/Spaces", $"/Buildings/{id}/Spaces",
            ("Form.Floor", "21"), ("Form.Unit", "2101"), ("Form.Area", "10"), ("Form.Tenure", "Rent"), ("Form.Status", "Available"), ("Form.FitOut", "Bare")))
        {
            Assert.Equal(HttpStatusCode.OK, tooHigh.StatusCode);
            Assert.Contains("楼层超出楼宇地上层数（20层）", (await ParseAsync(tooHigh)).QuerySelector("[data-error-for=floor]")!.TextContent);
        }

        var details = await ParseAsync(await admin.GetAsync(location));
        var floors = details.QuerySelectorAll("[data-test=stacking-plan] [data-floor]").Select(f => f.GetAttribute("data-floor")).ToList();
        Assert.Equal("20", floors[0]);
        Assert.Equal("-2", floors[^1]);
        Assert.Equal(22, floors.Count);
        Assert.Equal("Leased", details.QuerySelector("[data-floor='20'] [data-unit='2001']")!.GetAttribute("data-state"));
        Assert.Contains("unit-available", details.QuerySelector("[data-floor='-1'] [data-unit='B101']")!.ClassName);
        Assert.Equal("5.00 个/千m²", details.QuerySelector("[data-fact=parking-ratio]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_form_shows_each_problem_next_to_its_field_and_warns_of_likely_duplicates()
    {
        var admin = await app.ClientAsAsync(Roles.Administrator);
        using var invalid = await SignIn.PostFormAsync(admin, "/Buildings/Edit", "/Buildings/Edit", BuildingFields($"表单测试{n}", 120.05, 30.05, forRent: "-1"));
        var page = await ParseAsync(invalid);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Equal("可租面积不能为负数", page.QuerySelector("[data-error-for=ForRentArea]")?.TextContent);

        // 楼宇B1 stands at 120.05, 30.1; a similar name 20 m away is held back until confirmed.
        using var duplicate = await SignIn.PostFormAsync(admin, "/Buildings/Edit", "/Buildings/Edit", BuildingFields("楼宇B1", 120.0502, 30.1));
        var warned = await ParseAsync(duplicate);
        Assert.NotNull(warned.QuerySelector("[data-test=duplicates]"));
        Assert.Contains("楼宇B1", warned.QuerySelector("[data-test=duplicates]")!.TextContent);

        using var confirmed = await SignIn.PostFormAsync(admin, "/Buildings/Edit", "/Buildings/Edit", [.. BuildingFields("楼宇B1", 120.0502, 30.1), ("Form.ConfirmNotDuplicate", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Fact]
    public async Task Only_administrators_open_the_edit_pages()
    {
        var officer = await app.ClientAsAsync(Roles.InvestmentOfficer);

        using var edit = await officer.GetAsync("/Buildings/Edit");
        using var import = await officer.GetAsync("/Buildings/Import");

        Assert.NotEqual(HttpStatusCode.OK, edit.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, import.StatusCode);
    }

    [Fact]
    public async Task An_import_with_one_bad_row_shows_the_row_level_report_and_stores_nothing()
    {
        var admin = await app.ClientAsAsync(Roles.Administrator);
        var k = $"PAGE{n}";
        Dictionary<string, object?> Row(string key, object forRent) => new()
        {
            ["外部编号"] = key, ["名称"] = $"页面导入{key}", ["地址"] = "路1号", ["经度"] = 120.04, ["纬度"] = 30.19, ["可租面积"] = forRent, ["地上层数"] = 10,
        };
        using var file = new MemoryStream();
        file.SaveAs(new Dictionary<string, object> { [ImportColumns.BuildingsSheet] = new List<Dictionary<string, object?>> { Row($"{k}-1", 1000), Row($"{k}-2", "一千") } });

        var (_, token) = await SignIn.GetFormAsync(admin, "/Buildings/Import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent("buildings"), "Kind" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file.ToArray()), "file", "楼宇.xlsx" },
        };
        using var response = await admin.PostAsync("/Buildings/Import?handler=Preview", content);
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("false", page.QuerySelector("[data-test=import-report]")!.GetAttribute("data-accepted"));
        var cells = page.QuerySelectorAll("[data-test=problems] tbody tr[data-row='3'] td").Select(td => td.TextContent).ToList();
        Assert.Equal(["楼宇", "3", "可租面积", "可租面积“一千”不是有效的数字"], cells);
        Assert.Null(page.QuerySelector("[data-action=apply]"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Buildings.AnyAsync(b => b.ExternalKey.StartsWith(k)));
    }

    [Fact]
    public async Task A_tenant_is_entered_with_a_new_enterprise_in_one_form()
    {
        var admin = await app.ClientAsAsync(Roles.Administrator);
        using var created = await SignIn.PostFormAsync(admin, "/Buildings/Edit", "/Buildings/Edit", BuildingFields($"入驻页面大厦{n}", 120.19, 30.19 - n * 0.001));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var buildingId = int.Parse(created.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/Buildings/{buildingId}/Tenancies";
        var first17 = $"91330108{700_000_000 + n:D9}";
        var code = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

        using (var wrong = await SignIn.PostFormAsync(admin, url, url, ("Form.CreditCode", code[..17] + (code[17] == '0' ? "1" : "0")), ("Form.EnterpriseName", "错码公司"),
            ("Form.Area", "100"), ("Form.SignedOn", "2026-01-05")))
        {
            var page = await ParseAsync(wrong);
            Assert.Equal("统一社会信用代码校验位不正确", page.QuerySelector("[data-error-for=creditCode]")?.TextContent);
        }
        await using (var db = app.Database.CreateContext())
            Assert.False(await db.Enterprises.AnyAsync(e => e.Name == "错码公司"));

        using var saved = await SignIn.PostFormAsync(admin, url, url, ("Form.CreditCode", code.ToLowerInvariant()), ("Form.EnterpriseName", $"页面入驻企业{n}"),
            ("Form.Area", "100"), ("Form.SignedOn", "2026-01-05"), ("Form.MovedInOn", "2026-02-01"), ("Form.RegisteredLocally", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var details = await ParseAsync(await admin.GetAsync($"/Buildings/{buildingId}"));
        var row = details.QuerySelectorAll("[data-test=tenants] tbody tr").Single(r => r.TextContent.Contains($"页面入驻企业{n}"));
        Assert.Contains(code, row.TextContent);
        Assert.Contains("是", row.QuerySelectorAll("td")[3].TextContent);
    }
}
