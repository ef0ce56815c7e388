using BuildingEconomy.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace BuildingEconomy.BrowserTests.Home;

public class HomePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_visitor_sees_the_district_in_Chinese_and_can_switch_to_English()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };

        await BrowserApp.SignInAsync(page, "leader");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".brand")).ToHaveTextAsync("楼宇经济平台");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("明珠区");
        // The bundled site module ran: scripts are served from the app, not a CDN, and nothing broke.
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bjs\\b"));

        await page.Locator(".culture-switch button").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Mingzhu District");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
