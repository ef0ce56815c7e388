using BuildingEconomy.Accounts;
using BuildingEconomy.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace BuildingEconomy.BrowserTests.Accounts;

/// <summary>Each demo account signs in through the login page and sees the menu of its role, and nothing more.</summary>
public class RoleMenuTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The menu items (data-nav) each role may see, from the issue's table of users.</summary>
    public static TheoryData<string, string, string[]> Menus => new()
    {
        { "admin", "王静", ["home", "buildings", "enterprises", "search", "returns", "dashboards", "admin"] },
        { "officer", "李明", ["home", "buildings", "enterprises", "search"] },
        { "contact", "张伟", ["home", "buildings", "enterprises", "returns"] },
        { "leader", "陈刚", ["home", "buildings", "enterprises", "search", "dashboards"] },
        { "liaison", "刘洋", ["home", "buildings", "enterprises", "dashboards"] },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public async Task A_demo_account_signs_in_and_sees_only_its_roles_menu(string userName, string displayName, string[] menu)
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        Assert.Empty(await page.Locator("nav.site-nav [data-nav]").AllAsync());

        await BrowserApp.SignInAsync(page, userName);

        await Assertions.Expect(page.Locator("[data-test='user-name']")).ToHaveTextAsync(displayName);
        var items = await page.Locator("nav.site-nav [data-nav]").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.nav)");
        Assert.Equal(menu, items);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_role_without_administration_is_turned_away_from_it_and_signing_out_returns_to_the_login()
    {
        var page = await app.NewSignedInPageAsync("officer");

        await page.GotoAsync("/Admin/Users");
        await Assertions.Expect(page.Locator("[data-test='access-denied'] h1")).ToHaveTextAsync("无权访问");

        await page.Locator("[data-test='logout']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url);
    }

    [Fact]
    public async Task An_administrator_issues_a_token_and_sees_it_once()
    {
        var page = await app.NewSignedInPageAsync("admin");

        await page.GotoAsync("/Admin/Tokens");
        await page.Locator("#Input_UserId").SelectOptionAsync(new SelectOptionValue { Label = "contact (张伟)" });
        await page.Locator("#Input_Name").FillAsync("物业公司系统");
        await page.Locator("[data-test='issue-token'] button").ClickAsync();

        var token = await page.Locator("[data-test='issued-token']").TextContentAsync();
        Assert.StartsWith(ApiTokenDefaults.Prefix, token);
        await page.GotoAsync("/Admin/Tokens");
        Assert.Equal(0, await page.Locator("[data-test='issued-token']").CountAsync());
    }
}
