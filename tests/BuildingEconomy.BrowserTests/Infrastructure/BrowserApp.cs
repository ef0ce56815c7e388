using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BuildingEconomy.BrowserTests.Infrastructure;

/// <summary>
/// The web app on a real Kestrel port over its own database holding a small generated district, and a
/// headless Chromium to drive it, as a person would.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2026, 11, 15);

    private IPlaywright? playwright;

    public TestDatabase Database { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What the data set looks like; the tiny one loads in well under a second.</summary>
    protected virtual DemoSize Size => DemoSize.Tiny;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var context = Database.CreateContext())
        {
            await DemoLoader.LoadAsync(Database.DataSource, context, new DemoGenerator(Size, AsOf).Generate());
            // As seed-demo does: one account per role (README, "Demo accounts").
            await DemoAccounts.CreateAsync(context);
        }
        await SeedAsync();

        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First());

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without these Chromium keeps trying to reach Google's services, which this network refuses.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>More data or accounts a test class needs, after the district is loaded and before the server starts.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context (own cookies), Chinese unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), Locale = locale });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="page"/>'s browser context in through the login form as a demo account.</summary>
    public static async Task SignInAsync(IPage page, string userName)
    {
        var account = DemoAccounts.All.Single(a => a.UserName == userName);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_UserName").FillAsync(account.UserName);
        await page.Locator("#Input_Password").FillAsync(account.Password);
        await page.Locator("[data-test='login-submit']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>A fresh browser context signed in as a demo account (admin, officer, contact, leader, liaison).</summary>
    public async Task<IPage> NewSignedInPageAsync(string userName, string locale = "zh-CN")
    {
        var page = await NewPageAsync(locale);
        await SignInAsync(page, userName);
        return page;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting($"ConnectionStrings:{BuildingEconomy.Data.Database.ConnectionStringName}", Database.ConnectionString);
        builder.UseSetting("Bus:Transport", "InMemory");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
