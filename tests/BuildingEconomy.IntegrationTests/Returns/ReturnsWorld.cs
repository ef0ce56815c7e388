using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// A generated district with a few months of applied returns in its own database: enough buildings (over 100) to
/// file a whole month through the bus. The clock is fixed, so "not in the future" does not depend on the day the tests run.
/// </summary>
public class ReturnsWorld : IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2026, 11, 15);

    /// <summary>The month after the generated history: every test files this month (or corrects it).</summary>
    public static readonly DateOnly FilingPeriod = new(2026, 11, 1);

    public static readonly FixedClock Clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));

    private static readonly DemoSize Size = new("returns-test", 1, 4, 140, 8, 3, 3, 0);

    public TestDatabase Database { get; } = new();

    /// <summary>Buildings with an applied return for the latest generated month, in id order.</summary>
    public IReadOnlyList<int> ReportingBuildings { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var db = Database.CreateContext();
        var generator = new DemoGenerator(Size, AsOf);
        await DemoLoader.LoadAsync(Database.DataSource, db, generator.Generate());
        ReportingBuildings = await db.MonthlyReturns
            .Where(r => r.Period == generator.LatestPeriod && r.Status == ReturnStatus.Applied && r.Lines.Any())
            .Select(r => r.BuildingId).Distinct().OrderBy(id => id).ToListAsync();
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    public BuildingEconomyDbContext CreateContext() => Database.CreateContext();

    /// <summary>This month's return for a building, pre-filled from last month the way the portal does it.</summary>
    public async Task<ReturnSubmission> DraftAsync(int buildingId)
    {
        await using var db = CreateContext();
        var draft = await new ReturnDrafts(db).DraftAsync(buildingId, FilingPeriod) ?? throw new InvalidOperationException($"No building {buildingId}");
        return draft.Submission;
    }

    /// <summary>Files directly through <see cref="ReturnFiling"/> on its own context, as the web app would.</summary>
    public async Task<FilingResult> FileAsync(ReturnSubmission submission, ReturnChannel channel = ReturnChannel.Web, string? key = null)
    {
        await using var db = CreateContext();
        return await new ReturnFiling(db, new BuildingEconomy.Messaging.OutboxSignal(), Clock).FileAsync(submission, new FilingRequest(channel, "test", key));
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

/// <summary>A clock stopped at one instant; timers still run on real time, so back-offs and polls work as usual.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
