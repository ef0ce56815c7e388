using BuildingEconomy.Accounts;

namespace BuildingEconomy.IntegrationTests.Web;

public class EmptyHomePageTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task An_empty_database_says_so_and_points_to_the_demo_loader()
    {
        var page = await HomePageTests.GetPageAsync(await app.ClientAsAsync(Roles.Administrator), "/");

        var empty = page.QuerySelector("[data-test='empty-database']");
        Assert.NotNull(empty);
        Assert.Contains("数据库中还没有数据", empty.TextContent);
        Assert.Contains("BuildingEconomy.Cli", empty.TextContent);
        Assert.Null(page.QuerySelector("table.overview"));
    }
}
