using System.Text.RegularExpressions;
using BuildingEconomy.Accounts;
using BuildingEconomy.BrowserTests.Infrastructure;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BuildingEconomy.BrowserTests.Dashboards;

/// <summary>
/// A leader opens the overview, drills down to a subdistrict and a building, and sees the building's roster update
/// on the open page when a new return for it is applied, without reloading.
/// </summary>
public class DashboardDrillDownTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "leader-password-2026";

    [Fact]
    public async Task A_leader_drills_down_to_a_building_and_sees_a_new_return_arrive()
    {
        var userName = await CreateLeaderAsync();
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.UserName']", userName);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.PressAsync("input[name='Input.Password']", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        // Overview: figure cards with a value and their definition.
        await page.GotoAsync("/Dashboards");
        var vacancy = page.Locator("[data-figure='vacancyRate']");
        await Assertions.Expect(vacancy.Locator(".figure-value")).ToHaveTextAsync(new Regex(@"^\d+\.\d%$"));
        await Assertions.Expect(vacancy.Locator(".figure-definition")).ToContainTextAsync("空置面积 ÷ 可租售面积");

        // District → subdistrict → building.
        await page.Locator("nav.dashboard-nav a[data-section='drill']").ClickAsync();
        await page.Locator("#drill-table a[data-drill]").First.ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-drill")).ToHaveAttributeAsync("data-level", "subdistrict");
        await page.Locator("#drill-table a[data-drill]").First.ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-drill")).ToHaveAttributeAsync("data-level", "building");
        var buildingLink = page.Locator("#drill-table a[data-drill]").First;
        var buildingId = int.Parse((await buildingLink.GetAttributeAsync("data-drill"))!, System.Globalization.CultureInfo.InvariantCulture);
        await buildingLink.ClickAsync();
        await Assertions.Expect(page.Locator("[data-test='roster'] tbody tr").First).ToBeVisibleAsync();
        var url = page.Url;

        // A marker only this page load has: it survives a live update and would not survive a reload.
        await page.EvaluateAsync("() => { window.dashboardMarker = 'still here'; }");
        var newcomer = await ApplyNewReturnAsync(buildingId);

        await Assertions.Expect(page.Locator("[data-test='roster']")).ToContainTextAsync(newcomer, new() { Timeout = 20_000 });
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.dashboardMarker"));
        Assert.Equal(url, page.Url);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Charts_and_the_subdistrict_map_draw_from_their_tables_under_the_content_security_policy()
    {
        var userName = await CreateLeaderAsync();
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.UserName']", userName);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.PressAsync("input[name='Input.Password']", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Dashboards/Trends");
        await Assertions.Expect(page.Locator("#chart-vacancy [data-chart-canvas] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-vacancy table tbody tr")).ToHaveCountAsync(24);

        await page.GotoAsync("/Dashboards/Subdistricts?figure=vacancyRate");
        // The tiny district has four subdistricts: four shapes on the map, four rows in the table beside it.
        await Assertions.Expect(page.Locator("[data-map]")).ToHaveAttributeAsync("data-map-ready", "4");
        await Assertions.Expect(page.Locator("[data-map] path.leaflet-interactive")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#subdistrict-table tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".map-legend li")).ToHaveCountAsync(6);

        // Sorting the table by a figure reorders its rows.
        await page.Locator("#subdistrict-table thead button[data-sort-key='vacancyRate']").ClickAsync();
        var values = await page.Locator("#subdistrict-table tbody td[data-column='vacancyRate']").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)");
        var numbers = values.Where(v => v.Length > 0).Select(v => decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.Order().ToList(), numbers);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private async Task<string> CreateLeaderAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = $"leader{Guid.NewGuid():N}"[..14], DisplayName = "测试领导", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Leader)).Succeeded);
        return user.UserName;
    }

    /// <summary>
    /// What applying a property contact's correction does to the tables the dashboards read: the month's return is
    /// superseded by a new version with one more tenant, and the month's figures row now comes from it.
    /// </summary>
    private async Task<string> ApplyNewReturnAsync(int buildingId)
    {
        await using var db = app.Database.CreateContext();
        var figures = await db.BuildingMonthFigures.Where(f => f.BuildingId == buildingId).OrderByDescending(f => f.Period).FirstAsync();
        var current = await db.MonthlyReturns.Include(r => r.Lines).SingleAsync(r => r.Id == figures.ReturnId);
        current.Status = ReturnStatus.Superseded;
        await db.SaveChangesAsync();

        const string newcomer = "浏览器测试新入驻企业有限公司";
        var first17 = "91449901000777777";
        var correction = new MonthlyReturn
        {
            BuildingId = buildingId,
            Period = current.Period,
            Version = current.Version + 1,
            Status = ReturnStatus.Applied,
            SupersedesId = current.Id,
            CorrectionReason = "新企业入驻",
            Channel = ReturnChannel.Web,
            SubmittedAt = DateTimeOffset.UtcNow,
            AppliedAt = DateTimeOffset.UtcNow,
            ForSaleArea = current.ForSaleArea,
            ForRentArea = current.ForRentArea,
            SoldArea = current.SoldArea,
            LeasedArea = current.LeasedArea + 100m,
            SelfUseArea = current.SelfUseArea,
            ResidentArea = current.ResidentArea + 100m,
            Lines =
            [
                .. current.Lines.Select(l => new ReturnLine
                {
                    LineNumber = l.LineNumber, CreditCode = l.CreditCode, EnterpriseName = l.EnterpriseName, Units = l.Units, Area = l.Area,
                    Purchased = l.Purchased, State = l.State, MovedInOn = l.MovedInOn, RegisteredLocally = l.RegisteredLocally,
                    RegisteredPlace = l.RegisteredPlace, Employees = l.Employees, IndustrySection = l.IndustrySection,
                }),
                new ReturnLine
                {
                    LineNumber = current.Lines.Count + 1, CreditCode = first17 + BuildingEconomy.Buildings.UnifiedSocialCreditCode.CheckCharacter(first17),
                    EnterpriseName = newcomer, Area = 100m, State = TenantState.Resident, MovedInOn = current.Period, RegisteredLocally = true,
                },
            ],
        };
        db.MonthlyReturns.Add(correction);
        await db.SaveChangesAsync();
        figures.ReturnId = correction.Id;
        figures.LeasedArea += 100m;
        figures.ResidentArea += 100m;
        figures.ResidentEnterprises += 1;
        figures.LocallyRegisteredEnterprises += 1;
        figures.LocallyRegisteredArea += 100m;
        await db.SaveChangesAsync();
        return newcomer;
    }
}
