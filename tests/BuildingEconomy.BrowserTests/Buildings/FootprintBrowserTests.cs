using BuildingEconomy.Accounts;
using BuildingEconomy.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BuildingEconomy.BrowserTests.Buildings;

/// <summary>An administrator draws a building's footprint on the edit page's map and sees it on the building page.</summary>
public class FootprintBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> AdministratorPageAsync()
    {
        var account = DemoAccounts.All.Single(a => a.UserName == "admin");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_UserName").FillAsync(account.UserName);
        await page.Locator("#Input_Password").FillAsync(account.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task An_administrator_draws_a_footprint_around_the_building_and_sees_it_saved()
    {
        int id;
        await using (var db = app.Database.CreateContext())
            id = await db.Buildings.Where(b => b.Footprint == null && !b.Archived).OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
        var page = await AdministratorPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await page.GotoAsync($"/Buildings/Edit/{id}");
        await Assertions.Expect(page.Locator("#location-map")).ToHaveAttributeAsync("data-ready", "true");
        var marker = await page.Locator(".building-marker").BoundingBoxAsync();
        var (x, y) = (marker!.X + marker.Width / 2, marker.Y + marker.Height / 2);

        // Four corners around the marker (about 60 px across at zoom 15), then the first corner again to close the ring.
        await page.Locator(".leaflet-pm-toolbar .leaflet-pm-icon-polygon").ClickAsync();
        foreach (var (dx, dy) in new[] { (-30, -30), (30, -30), (30, 30), (-30, 30), (-30, -30) })
            await page.Mouse.ClickAsync(x + dx, y + dy);

        await Assertions.Expect(page.Locator("#location-map")).ToHaveAttributeAsync("data-footprint-vertices", "4");
        Assert.Contains("\"Polygon\"", await page.Locator("#footprint").InputValueAsync());
        await page.Locator("[data-action=save]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=footprint-map]")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("[data-test=footprint-map] path.building-footprint")).ToBeVisibleAsync();
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.Buildings.SingleAsync(b => b.Id == id);
            Assert.NotNull(stored.Footprint);
            Assert.True(stored.Footprint.Covers(stored.Location));
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
