using System.Net.Http.Json;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Web;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>The web app over the tiny generated district, with its in-process bus applying returns.</summary>
public sealed class TinyDistrictAppFactory : WebAppFactory
{
    public static readonly DateOnly AsOf = new(2026, 11, 15);
    public static readonly DateOnly LatestPeriod = new(2026, 10, 1);

    protected override Task SeedAsync(BuildingEconomyDbContext db) =>
        DemoLoader.LoadAsync(Database.DataSource, db, new DemoGenerator(DemoSize.Tiny, AsOf).Generate());
}

/// <summary>A return filed and applied through the bus shows in the dashboard API, as a correction of a month.</summary>
public sealed class ReturnsToDashboardTests(TinyDistrictAppFactory app) : IClassFixture<TinyDistrictAppFactory>
{
    [Fact]
    public async Task A_correction_applied_through_the_bus_changes_the_buildings_figures_in_the_API()
    {
        var leader = await LeaderClientAsync();
        int buildingId;
        await using (var db = app.Database.CreateContext())
        {
            buildingId = await db.BuildingMonthFigures.Where(f => f.Period == TinyDistrictAppFactory.LatestPeriod && f.LeasedArea > 0)
                .OrderBy(f => f.BuildingId).Select(f => f.BuildingId).FirstAsync();
        }
        var url = $"/api/v1/dashboard/overview?period=2026-10&buildingId={buildingId}";
        var before = await ResidentAreaAsync(leader, url);

        ReturnSubmission submission;
        await using (var db = app.Database.CreateContext())
        {
            var draft = await new ReturnDrafts(db).DraftAsync(buildingId, TinyDistrictAppFactory.LatestPeriod);
            submission = draft!.Submission;
        }
        // A resident tenant left at the end of the month: the correction takes it off the roster and the totals.
        var leaving = submission.Lines.First(l => l.State == TenantState.Resident && !l.Purchased);
        leaving.State = TenantState.MovedOut;
        submission.LeasedArea -= leaving.Area;
        submission.ResidentArea -= leaving.Area;
        submission.CorrectionReason = "企业月底迁出，更正入驻面积";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ReturnFiling>().FileAsync(submission, new FilingRequest(ReturnChannel.Web, "test"));
            Assert.True(result.Outcome == FilingOutcome.Accepted, string.Join("; ", result.Problems.Select(p => p.ToString())));
        }

        var expected = before - leaving.Area!.Value;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var now = before;
        while (DateTime.UtcNow < deadline && (now = await ResidentAreaAsync(leader, url)) != expected) await Task.Delay(200);
        Assert.Equal(expected, now);
    }

    private async Task<HttpClient> LeaderClientAsync()
    {
        var user = await app.CreateUserAsync($"l{Guid.NewGuid():N}"[..12], Roles.Leader);
        return app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));
    }

    private static async Task<decimal> ResidentAreaAsync(HttpClient client, string url)
    {
        var overview = await client.GetFromJsonAsync<JsonElement>(url);
        return overview.GetProperty("cards").EnumerateArray()
            .Single(c => c.GetProperty("current").GetProperty("key").GetString() == "residentArea")
            .GetProperty("current").GetProperty("value").GetDecimal();
    }
}
