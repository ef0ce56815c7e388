using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.IntegrationTests.Web;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>The dashboard pages as a signed-in leader's browser gets them (server-rendered, before any script runs).</summary>
public sealed class DashboardPageTests(DashboardAppFactory app) : IClassFixture<DashboardAppFactory>
{
    private DashboardWorld World => app.World;

    [Fact]
    public async Task The_overview_shows_each_figure_with_its_changes_and_definition()
    {
        var page = await GetPageAsync(await app.ClientAsAsync(Roles.Leader), "/Dashboards?period=2026-10");

        var sale = page.QuerySelector("[data-figure='saleRate']")!;
        Assert.Equal("已售面积 ÷ 可售面积", sale.QuerySelector(".figure-definition")!.TextContent.Trim());
        Assert.NotNull(sale.QuerySelector("[data-change='month']"));
        Assert.NotNull(sale.QuerySelector("[data-change='year']"));
        var absorption = page.QuerySelector("[data-figure='netAbsorption'] .figure-value")!;
        Assert.Equal("4,500.00 m²", absorption.TextContent.Trim()); // 3,500 in district A + 1,000 in district B
        Assert.Contains("data-live", page.QuerySelector("#dashboard-overview")!.OuterHtml);
        Assert.Equal("2026-10", ((IHtmlSelectElement)page.QuerySelector("select[name='period']")!).Value);
    }

    [Fact]
    public async Task Drilling_down_goes_from_district_to_subdistrict_to_building_to_roster()
    {
        var client = await app.ClientAsAsync(Roles.Leader);

        var districts = await GetPageAsync(client, "/Dashboards/Drill?period=2026-10");
        var districtLink = districts.QuerySelectorAll("#drill-table a[data-drill]").Single(a => a.GetAttribute("data-drill") == World.DistrictA.ToString());
        var subdistricts = await GetPageAsync(client, districtLink.GetAttribute("href")!);
        var westLink = subdistricts.QuerySelectorAll("#drill-table a[data-drill]").Single(a => a.TextContent.Trim() == "西兴街道");
        var west = await GetPageAsync(client, westLink.GetAttribute("href")!);
        var b1Link = west.QuerySelectorAll("#drill-table a[data-drill]").Single(a => a.GetAttribute("data-drill") == World["B1"].ToString());
        var building = await GetPageAsync(client, b1Link.GetAttribute("href")!);

        Assert.Equal(2, west.QuerySelectorAll("#drill-table tbody tr").Length);
        // West: (235,400 − 212,500) / 235,400 = 9.73 %.
        Assert.Equal("9.7%", west.QuerySelector("#drill-table tfoot td[data-column='vacancyRate']")!.TextContent.Trim());
        Assert.Equal("测试楼宇B1", building.QuerySelector("[data-test='building-name']")!.TextContent.Trim());
        Assert.Equal(3, building.QuerySelectorAll("[data-test='roster'] tbody tr").Length);
    }

    [Theory]
    [InlineData("/Dashboards/Trends?period=2026-10")]
    [InlineData("/Dashboards/Subdistricts?period=2026-10&figure=leaseRate")]
    [InlineData("/Dashboards/Groups?period=2026-10&by=theme")]
    [InlineData("/Dashboards/FollowUp?period=2026-10&list=registered-elsewhere")]
    [InlineData("/Dashboards/FollowUp?period=2026-10&list=signed-not-resident")]
    [InlineData("/Dashboards/FollowUp?period=2026-10&list=not-filed")]
    [InlineData("/Dashboards/Pipeline")]
    public async Task Every_dashboard_page_has_its_tables_and_Excel_exports(string url)
    {
        var page = await GetPageAsync(await app.ClientAsAsync(Roles.Leader), url);

        Assert.NotEmpty(page.QuerySelectorAll("table.figures"));
        Assert.NotEmpty(page.QuerySelectorAll("a[data-export][href^='/api/v1/dashboard/export/']"));
        Assert.NotNull(page.QuerySelector("[data-live-status][data-version]"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task The_follow_up_list_names_the_building_that_has_not_filed()
    {
        var page = await GetPageAsync(await app.ClientAsAsync(Roles.Leader), "/Dashboards/FollowUp?period=2026-10&list=not-filed");

        var row = Assert.Single(page.QuerySelectorAll("#not-filed tbody tr"));
        Assert.Equal(World["B3"].ToString(), row.GetAttribute("data-building"));
    }

    [Fact]
    public async Task Investment_officers_do_not_see_the_dashboards()
    {
        var client = await app.ClientAsAsync(Roles.InvestmentOfficer);

        using var response = await client.GetAsync("/Dashboards");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(AccountsSetup.AccessDeniedPath, response.Headers.Location!.ToString());
    }

    private static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await new HtmlParser().ParseDocumentAsync(body);
    }
}
