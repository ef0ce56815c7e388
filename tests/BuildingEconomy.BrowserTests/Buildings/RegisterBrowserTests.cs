using System.Globalization;
using BuildingEconomy.BrowserTests.Infrastructure;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace BuildingEconomy.BrowserTests.Buildings;

/// <summary>An administrator maintains the register in the browser: map, spaces, stacking plan, bulk import.</summary>
public class RegisterBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// Signs in as the demo administrator through the login form. (Done here rather than with the fixture's helper,
    /// whose button selector also matches the header's language switch.)
    /// </summary>
    private async Task<IPage> AdministratorPageAsync()
    {
        var account = BuildingEconomy.Accounts.DemoAccounts.All.Single(a => a.UserName == "admin");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_UserName").FillAsync(account.UserName);
        await page.Locator("#Input_Password").FillAsync(account.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    private static string Invariant(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>A point well inside the demo district's first subdistrict, in WGS-84.</summary>
    private async Task<LonLat> InsideTheDistrictAsync()
    {
        await using var db = app.Database.CreateContext();
        var subdistrict = await db.Subdistricts.OrderBy(s => s.Code).FirstAsync();
        var point = subdistrict.Boundary.InteriorPoint;
        return new LonLat(Math.Round(point.X, 6), Math.Round(point.Y, 6));
    }

    [Fact]
    public async Task An_administrator_places_a_building_with_Gcj02_coordinates_adds_spaces_and_sees_the_stacking_plan()
    {
        var page = await AdministratorPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        var wgs = await InsideTheDistrictAsync();
        var gcj = CoordinateConversion.Wgs84ToGcj02(wgs);

        await page.GotoAsync("/Buildings");
        await page.Locator("[data-action=new-building]").ClickAsync();
        await Assertions.Expect(page.Locator("#location-map")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("#Form_Name").FillAsync("浏览器测试大厦");
        await page.Locator("#Form_Address").FillAsync("明珠大道88号");
        await page.Locator("#coordinate-system").SelectOptionAsync("Gcj02");
        await page.Locator("#longitude").FillAsync(Invariant(gcj.Longitude));
        await page.Locator("#latitude").FillAsync(Invariant(gcj.Latitude));
        // The map converts what was typed in GCJ-02 and puts the marker at the WGS-84 position.
        var map = page.Locator("#location-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-marker-longitude", new System.Text.RegularExpressions.Regex("^" + wgs.Longitude.ToString("0.0000", CultureInfo.InvariantCulture)));
        await Assertions.Expect(page.Locator(".building-marker")).ToBeVisibleAsync();
        await page.Locator("#Form_GrossFloorArea").FillAsync("20000");
        await page.Locator("#Form_ForRentArea").FillAsync("15000");
        await page.Locator("#Form_FloorsAboveGround").FillAsync("12");
        await page.Locator("#Form_FloorsBelowGround").FillAsync("1");
        await page.Locator("[data-action=save]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=building-name]")).ToHaveTextAsync("浏览器测试大厦");
        await page.Locator("[data-action=add-space]").ClickAsync();
        await page.Locator("input[name='Form.Floor']").FillAsync("12");
        await page.Locator("input[name='Form.Unit']").FillAsync("1201");
        await page.Locator("input[name='Form.Area']").FillAsync("800");
        await page.Locator("select[name='Form.Status']").SelectOptionAsync("Leased");
        await page.Locator("[data-action=save-another]").ClickAsync();
        await Assertions.Expect(page.Locator("input[name='Form.Floor']")).ToHaveValueAsync("12");
        await page.Locator("input[name='Form.Unit']").FillAsync("1202");
        await page.Locator("input[name='Form.Area']").FillAsync("300");
        await page.Locator("[data-action=save]").ClickAsync();

        var plan = page.Locator("[data-test=stacking-plan]");
        await Assertions.Expect(plan.Locator("[data-floor]").First).ToHaveAttributeAsync("data-floor", "12");
        await Assertions.Expect(plan.Locator("[data-floor]")).ToHaveCountAsync(13);
        await Assertions.Expect(plan.Locator("[data-floor='12'] [data-unit='1201']")).ToHaveAttributeAsync("data-state", "Leased");
        await Assertions.Expect(plan.Locator("[data-floor='12'] [data-unit='1202']")).ToHaveAttributeAsync("data-state", "Available");

        await using var db = app.Database.CreateContext();
        var stored = await db.Buildings.Include(b => b.Subdistrict).SingleAsync(b => b.Name == "浏览器测试大厦");
        Assert.Equal(wgs.Longitude, stored.Location.X, 1e-5);
        Assert.Equal(wgs.Latitude, stored.Location.Y, 1e-5);
        Assert.NotNull(stored.Subdistrict);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task An_excel_file_with_one_bad_row_shows_the_row_level_report_and_nothing_is_stored()
    {
        var page = await AdministratorPageAsync();
        var wgs = await InsideTheDistrictAsync();
        Dictionary<string, object?> Row(string key, object floors) => new()
        {
            ["外部编号"] = key, ["名称"] = $"导入{key}", ["地址"] = "明珠路1号", ["经度"] = wgs.Longitude, ["纬度"] = wgs.Latitude,
            ["等级"] = "甲级", ["可租面积"] = 5000, ["地上层数"] = floors,
        };
        var path = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.xlsx");
        MiniExcel.SaveAs(path, new Dictionary<string, object>
        {
            [ImportColumns.BuildingsSheet] = new List<Dictionary<string, object?>> { Row("BT-1", 10), Row("BT-2", 8), Row("BT-3", -2) },
        });

        await page.GotoAsync("/Buildings");
        await page.Locator("[data-action=import]").ClickAsync();
        await page.Locator("select[name=Kind]").SelectOptionAsync("buildings");
        await page.Locator("input[type=file]").SetInputFilesAsync(path);
        await page.Locator("[data-action=preview]").ClickAsync();

        var report = page.Locator("[data-test=import-report]");
        await Assertions.Expect(report).ToHaveAttributeAsync("data-accepted", "false");
        await Assertions.Expect(page.Locator("[data-test=refused]")).ToContainTextAsync("未保存任何数据");
        var problem = page.Locator("[data-test=problems] tbody tr");
        await Assertions.Expect(problem).ToHaveCountAsync(1);
        await Assertions.Expect(problem.Locator("td")).ToHaveTextAsync(["楼宇", "4", "地上层数", "地上层数不能为负数"]);
        await Assertions.Expect(page.Locator("[data-action=apply]")).ToHaveCountAsync(0);

        await using var db = app.Database.CreateContext();
        Assert.False(await db.Buildings.AnyAsync(b => b.ExternalKey.StartsWith("BT-")));
        File.Delete(path);
    }
}
