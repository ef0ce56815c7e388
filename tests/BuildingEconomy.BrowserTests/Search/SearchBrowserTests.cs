using System.Globalization;
using System.Text.RegularExpressions;
using BuildingEconomy.BrowserTests.Infrastructure;
using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.BrowserTests.Search;

/// <summary>The tiny district plus one building whose spaces the test knows: 国贸测试中心, grade A, in the first subdistrict.</summary>
public sealed class SearchBrowserApp : BrowserApp
{
    public double Longitude { get; private set; }
    public double Latitude { get; private set; }


    protected override async Task SeedAsync()
    {
        await using var db = Database.CreateContext();
        var subdistrict = await db.Subdistricts.OrderBy(s => s.Id).FirstAsync();
        var centre = subdistrict.Boundary.InteriorPoint;
        (Longitude, Latitude) = (Math.Round(centre.X, 6), Math.Round(centre.Y, 6));
        var now = DateTimeOffset.UtcNow;
        Space Space(string unit, decimal area, decimal rent) => new()
        {
            ExternalKey = unit, Unit = unit, Floor = int.Parse(unit[..2], CultureInfo.InvariantCulture), Area = area, AskingRent = rent,
            FitOut = FitOut.Fine, Status = SpaceStatus.Available, UpdatedAt = now,
        };
        db.Buildings.Add(new Building
        {
            ExternalKey = "browser-guomao",
            Name = "国贸测试中心",
            Address = "测试大道1号",
            Location = new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(Longitude, Latitude)),
            Grade = BuildingGrade.A,
            ConstructionStatus = ConstructionStatus.Completed,
            GrossFloorArea = 40_000m,
            UpdatedAt = now,
            Spaces = [Space("1201", 260m, 6.2m), Space("1202", 320m, 6.5m), Space("1501", 480m, 7.0m), Space("1601", 900m, 7.5m)],
        });
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// The issue's walk-through: an officer searches 国贸 within 2 km of a point, filters grade A and 200–500 m², sees
/// markers and results, shortlists two spaces and exports the shortlist; the URL holds the search throughout.
/// </summary>
public class SearchBrowserTests(SearchBrowserApp app) : IClassFixture<SearchBrowserApp>
{
    [Fact]
    public async Task An_officer_finds_space_near_a_point_shortlists_two_and_exports_them()
    {
        var page = await app.NewSignedInPageAsync("officer");
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };

        // A point shared as a link (as the radius tool writes it), then the filters set by hand.
        var near = string.Create(CultureInfo.InvariantCulture, $"{app.Longitude},{app.Latitude}");
        await page.GotoAsync($"/Search?near={near}&radius=2000");
        await page.Locator("input[name=q]").FillAsync("国贸");
        await page.Locator("input[name=grade][value=A]").CheckAsync();
        await page.Locator("input[name=minArea]").FillAsync("200");
        await page.Locator("input[name=maxArea]").FillAsync("500");
        await page.Locator("[data-test=search-submit]").ClickAsync();

        await page.WaitForURLAsync(new Regex("grade=A"));
        var url = new Uri(page.Url);
        Assert.Contains("minArea=200", url.Query);
        Assert.Contains("maxArea=500", url.Query);
        Assert.Contains("radius=2000", url.Query);
        Assert.DoesNotContain("maxRent=", url.Query); // empty fields stay out of the link

        var building = page.Locator(".result-building", new() { HasText = "国贸测试中心" });
        await Assertions.Expect(building).ToBeVisibleAsync();
        await Assertions.Expect(building.Locator("tr[data-space-id]")).ToHaveCountAsync(3); // 900 m² is outside the range
        foreach (var grade in await page.Locator(".result-building .grade").AllTextContentsAsync()) Assert.Equal("甲级", grade);

        // The map: boundaries as the base layer (no tiles configured) and the matching buildings as markers.
        var map = page.Locator("#search-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-ready", "true");
        Assert.True(int.Parse((await map.GetAttributeAsync("data-markers"))!, CultureInfo.InvariantCulture) >= 1);
        await Assertions.Expect(page.Locator("#search-map .search-marker, #search-map .marker-cluster").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#search-map path.boundary-subdistrict").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#search-map path.search-area")).ToHaveCountAsync(1); // the 2 km circle

        // Shortlist two spaces under a new list name.
        await building.Locator("tr[data-unit='1201'] input[type=checkbox]").CheckAsync();
        await building.Locator("tr[data-unit='1501'] input[type=checkbox]").CheckAsync();
        await page.Locator("input[name=newShortlistName]").FillAsync("客户甲");
        await page.Locator("[data-test=shortlist-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=search-message]")).ToContainTextAsync("已加入清单");
        Assert.Contains("grade=A", page.Url); // back on the same search

        await page.Locator("[data-test=search-message] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=shortlist] tr[data-space-id]")).ToHaveCountAsync(2);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=export]").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"shortlist-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(["1201", "1501"], rows.Select(r => Convert.ToString(r["单元"], CultureInfo.InvariantCulture)).Order());
            Assert.All(rows, r => Assert.Equal("国贸测试中心", r["楼宇"]));
        }
        finally
        {
            File.Delete(path);
        }

        // The back button returns to the search as it was.
        await page.GoBackAsync();
        await page.WaitForURLAsync(new Regex("grade=A"));
        await Assertions.Expect(page.Locator(".result-building", new() { HasText = "国贸测试中心" })).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Drawing_a_circle_on_the_map_searches_around_it()
    {
        var page = await app.NewSignedInPageAsync("officer");
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        var near = string.Create(CultureInfo.InvariantCulture, $"{app.Longitude},{app.Latitude}");
        await page.GotoAsync($"/Search?near={near}&radius=3000");
        var map = page.Locator("#search-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-ready", "true");
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        await page.Locator("#draw-circle").ClickAsync();
        var box = (await map.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.ClickAsync((float)x, (float)y);
        await page.Mouse.ClickAsync((float)(x + 60), (float)y);

        await page.WaitForURLAsync(url => url.Contains("radius=", StringComparison.Ordinal) && !url.Contains("radius=3000", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"near=1\d\d\.\d+%2C\d\d\.\d+|near=1\d\d\.\d+,\d\d\.\d+"), page.Url);
        await Assertions.Expect(page.Locator("#search-map path.search-area")).ToHaveCountAsync(1);
    }
}
