using System.Net;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.IntegrationTests.Web;
using BuildingEconomy.Search.Lists;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>The search page, shortlists with their Excel export, and saved searches with their notifications.</summary>
public class SearchPageTests(SearchAppFactory app) : IClassFixture<SearchAppFactory>
{
    private static readonly HtmlParser Html = new();

    [Fact]
    public async Task The_page_lists_buildings_with_their_spaces_and_facet_counts()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);

        var page = await Html.ParseDocumentAsync(await client.GetStringAsync("/Search?q=%E5%9B%BD%E8%B4%B8&sort=rent-asc"));

        var buildings = page.QuerySelectorAll(".result-building .building-name").Select(e => e.TextContent).ToList();
        Assert.Equal(["天合大厦", "国贸中心", "国际金融广场"], buildings); // cheapest space first: 4.5, 5.5, 11.0
        Assert.Equal("共 3 栋楼宇、7 套房源", page.QuerySelector("[data-test=totals]")!.TextContent.Trim());
        Assert.Equal(3, page.QuerySelectorAll("#b-" + await BuildingIdAsync("国贸中心") + " tr[data-space-id]").Length);
        Assert.True(page.QuerySelector("input[name=grade][value=Premium]")!.ParentElement!.TextContent.Contains('3'), "grade facet counts beside the boxes");
        var map = page.QuerySelector("#search-map")!;
        Assert.Equal("/api/v1/search/spaces/map?q=%E5%9B%BD%E8%B4%B8&sort=rent-asc", map.GetAttribute("data-points-url"));
        // The sort box submits the same GET form: the URL is the whole search.
        Assert.Equal("search-form", page.QuerySelector("select[name=sort]")!.GetAttribute("form"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task Bad_parameters_are_shown_on_the_page()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);
        using var response = await client.GetAsync("/Search?minArea=500&maxArea=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("minArea", page.QuerySelector("[data-test=search-errors] li[data-parameter=minArea]")!.TextContent);
        Assert.Equal("500", page.QuerySelector("input[name=minArea]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_officer_shortlists_spaces_and_exports_them_to_Excel()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);
        var ids = await SpaceIdsAsync("101", "202");

        using var added = await SignIn.PostFormAsync(client, "/Search?q=%E5%9B%BD%E8%B4%B8", "/Search?handler=Shortlist",
            ("spaceIds", ids[0].ToString()), ("spaceIds", ids[1].ToString()), ("newShortlistName", "客户甲"), ("returnQuery", "q=%E5%9B%BD%E8%B4%B8"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/Search?q=%E5%9B%BD%E8%B4%B8", added.Headers.Location!.OriginalString);
        var lists = await Html.ParseDocumentAsync(await client.GetStringAsync("/Search/Shortlists"));
        var link = lists.QuerySelectorAll("[data-test=shortlists] a").First(a => a.TextContent == "客户甲");
        var listUrl = link.GetAttribute("href")!;

        using var export = await client.GetAsync(listUrl + "?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["101", "202"], rows.Select(r => Convert.ToString(r["单元"], System.Globalization.CultureInfo.InvariantCulture)).Order());
        var first = rows.Single(r => Convert.ToString(r["单元"], System.Globalization.CultureInfo.InvariantCulture) == "101");
        Assert.Equal("国贸中心", first["楼宇"]);
        Assert.Equal(5.5m, Convert.ToDecimal(first["租金（元/m²/天）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(167.29m, Convert.ToDecimal(first["租金（元/m²/月）"], System.Globalization.CultureInfo.InvariantCulture));

        // Another officer's list does not exist for anyone else.
        var other = await app.ClientAsAsync(Roles.InvestmentOfficer);
        using var foreign = await other.GetAsync(listUrl);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var foreignExport = await other.GetAsync(listUrl + "?handler=Export");
        Assert.Equal(HttpStatusCode.NotFound, foreignExport.StatusCode);
    }

    [Fact]
    public async Task A_space_that_newly_matches_a_saved_search_raises_one_notification()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);
        using var saved = await SignIn.PostFormAsync(client, "/Search?subdistrict=" + SearchSample.East, "/Search?handler=SaveSearch",
            ("name", "东城新房源"), ("returnQuery", "subdistrict=" + SearchSample.East + "&maxArea=1000"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var savedPage = await Html.ParseDocumentAsync(await client.GetStringAsync("/Search/Saved"));
        Assert.Contains("东城新房源", savedPage.QuerySelector("[data-test=saved-searches]")!.TextContent);

        // A new 200 m² vacancy in 星河科技园 (东城), announced on the bus as the register does.
        Space space;
        await using (var db = app.Database.CreateContext())
        {
            var building = await db.Buildings.SingleAsync(b => b.Name == "星河科技园");
            space = new Space { BuildingId = building.Id, ExternalKey = "3-3", Unit = "3-3", Floor = 3, Area = 200m, AskingRent = 2.6m, FitOut = FitOut.Basic, Status = SpaceStatus.Available, UpdatedAt = DateTimeOffset.UtcNow };
            db.Spaces.Add(space);
            await db.SaveChangesAsync();
        }
        var bus = app.Services.GetRequiredService<IBus>();
        var changed = new SpaceChanged(space.Id, space.BuildingId, RegisterChange.Created, DateTimeOffset.UtcNow);
        await bus.Publish(changed);
        await bus.Publish(changed); // redelivered: still one notification

        var notifications = await WaitForNotificationsAsync(client);
        var item = Assert.Single(notifications.QuerySelectorAll("[data-test=notifications] li"));
        Assert.Equal("已保存的搜索“东城新房源”有 1 套新房源：星河科技园", item.QuerySelector("a")!.TextContent);
        Assert.StartsWith("/Search?subdistrict=" + SearchSample.East, item.QuerySelector("a")!.GetAttribute("href"));
        await using (var db = app.Database.CreateContext())
        {
            // The spaces that matched when the search was saved were never announced.
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == SavedSearchMatcher.Kind));
        }
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> WaitForNotificationsAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await Html.ParseDocumentAsync(await client.GetStringAsync("/Search/Notifications"));
            if (page.QuerySelector("[data-test=notifications] li") is not null || attempt == 50)
            {
                await Task.Delay(300); // let a duplicate delivery finish, to see that it added nothing
                return await Html.ParseDocumentAsync(await client.GetStringAsync("/Search/Notifications"));
            }
            await Task.Delay(100);
        }
    }

    private async Task<int> BuildingIdAsync(string name)
    {
        await using var db = app.Database.CreateContext();
        return await db.Buildings.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
    }

    private async Task<List<long>> SpaceIdsAsync(params string[] units)
    {
        await using var db = app.Database.CreateContext();
        var ids = await db.Spaces.Where(s => units.Contains(s.Unit)).ToDictionaryAsync(s => s.Unit, s => s.Id);
        return [.. units.Select(u => ids[u])];
    }
}
