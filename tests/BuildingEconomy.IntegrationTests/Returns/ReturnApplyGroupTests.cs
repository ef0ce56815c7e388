using System.Data.Common;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>Applying returns in groups (one transaction for many) must give exactly what applying them one by one gives.</summary>
public class ReturnApplyGroupTests(ReturnsWorld world) : IClassFixture<ReturnsWorld>
{
    private const string FiguresColumns = """
        building_id, period, district_id, subdistrict_id, grade, use, theme_id, for_sale_area, for_rent_area, sold_area,
        leased_area, self_use_area, resident_area, marketed_area, resident_enterprises, locally_registered_enterprises,
        locally_registered_area, tax_amount, tax_basis
        """;

    [Fact]
    public async Task The_figures_written_by_a_group_equal_those_written_one_by_one()
    {
        var buildings = world.ReportingBuildings.Skip(40).Take(5).ToList();
        var first = new List<long>();
        foreach (var buildingId in buildings)
        {
            var filed = await world.FileAsync(await world.DraftAsync(buildingId));
            first.Add(filed.Return!.Id);
            await using var db = world.CreateContext();
            Assert.Equal(ApplyOutcome.Applied, await new MonthlyReturnApplier(db, ReturnsWorld.Clock).ApplyAsync(filed.Return.Id, buildingId));
        }
        var oneByOne = await FiguresAsync(buildings);

        // The same rosters again, as corrections, applied together: the register already follows them, so the figures must not move.
        var group = new List<ReturnToApply>();
        foreach (var buildingId in buildings)
        {
            var correction = await world.DraftAsync(buildingId);
            correction.CorrectionReason = "重新报送";
            var filed = await world.FileAsync(correction);
            group.Add(new ReturnToApply(filed.Return!.Id, buildingId));
        }
        await using (var db = world.CreateContext())
        {
            var outcomes = await new MonthlyReturnApplier(db, ReturnsWorld.Clock).ApplyGroupAsync(group);
            Assert.All(outcomes, o => Assert.Equal(ApplyOutcome.Applied, o));
        }

        Assert.Equal(oneByOne, await FiguresAsync(buildings));
        foreach (var applied in group)
        {
            Assert.Equal(1, await world.ScalarAsync(
                $"SELECT count(*) FROM building_month_figures WHERE building_id = {applied.BuildingId} AND period = '2026-11-01' AND return_id = {applied.ReturnId}"));
        }
        Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM monthly_returns WHERE id IN ({string.Join(",", first)}) AND status <> 'Superseded'"));
    }

    [Fact]
    public async Task A_redelivered_message_in_a_group_changes_nothing()
    {
        var buildings = world.ReportingBuildings.Skip(50).Take(3).ToList();
        var group = new List<ReturnToApply>();
        foreach (var buildingId in buildings)
        {
            group.Add(new ReturnToApply((await world.FileAsync(await world.DraftAsync(buildingId))).Return!.Id, buildingId));
        }
        // The same message twice in one group, as a redelivery racing the original can produce.
        group.Add(group[0]);
        await using (var db = world.CreateContext())
        {
            var outcomes = await new MonthlyReturnApplier(db, ReturnsWorld.Clock).ApplyGroupAsync(group);
            Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Applied, ApplyOutcome.Applied, ApplyOutcome.NothingToDo], outcomes);
        }
        var figures = await FiguresAsync(buildings);
        var state = await StateAsync(buildings);

        await using (var db = world.CreateContext())
        {
            var again = await new MonthlyReturnApplier(db, ReturnsWorld.Clock).ApplyGroupAsync(group);
            Assert.All(again, o => Assert.Equal(ApplyOutcome.NothingToDo, o));
        }

        Assert.Equal(figures, await FiguresAsync(buildings));
        Assert.Equal(state, await StateAsync(buildings));
    }

    [Fact]
    public async Task A_group_with_one_poison_return_applies_the_others_and_fails_only_the_bad_one()
    {
        var buildings = world.ReportingBuildings.Skip(60).Take(6).ToList();
        var returns = new List<ReturnToApply>();
        foreach (var buildingId in buildings)
        {
            returns.Add(new ReturnToApply((await world.FileAsync(await world.DraftAsync(buildingId))).Return!.Id, buildingId));
        }
        var (blocker, poison) = (returns[0], returns[3]);
        var refuse = new RefuseReturn(poison.ReturnId);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(ReturnsWorld.Clock);
        services.AddBuildingEconomyData(world.Database.ConnectionString);
        services.ConfigureDbContext<BuildingEconomyDbContext>(options => options.AddInterceptors(refuse));
        services.AddBuildingEconomyReturns(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Returns:ApplyWriters"] = "1",
            ["Returns:ApplyBatchSize"] = "10",
        }).Build());
        await using var provider = services.BuildServiceProvider();
        var queue = provider.GetRequiredService<ReturnApplyQueue>();

        // The only writer waits on the first building's lock while the others queue up behind it, so they form one group.
        await using var holder = await world.Database.DataSource.OpenConnectionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock(60601, {blocker.BuildingId})", holder)) await hold.ExecuteNonQueryAsync();
        var first = queue.ApplyAsync(blocker.ReturnId, blocker.BuildingId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var rest = returns.Skip(1).Select(r => (r, queue.ApplyAsync(r.ReturnId, r.BuildingId))).ToList();
        await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock(60601, {blocker.BuildingId})", holder)) await release.ExecuteNonQueryAsync();

        Assert.Equal(ApplyOutcome.Applied, await first.WaitAsync(TimeSpan.FromSeconds(30)));
        foreach (var (r, outcome) in rest)
        {
            if (r == poison) await Assert.ThrowsAnyAsync<Exception>(() => outcome.WaitAsync(TimeSpan.FromSeconds(30)));
            else Assert.Equal(ApplyOutcome.Applied, await outcome.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.True(refuse.Refusals >= 2, $"refused {refuse.Refusals} times: once in the group, once on its own");
        Assert.Equal(1, await world.ScalarAsync($"SELECT count(*) FROM monthly_returns WHERE id = {poison.ReturnId} AND status = 'Submitted'"));
        Assert.Equal(returns.Count - 1, await world.ScalarAsync(
            $"SELECT count(*) FROM monthly_returns WHERE id IN ({string.Join(",", returns.Select(r => r.ReturnId))}) AND status = 'Applied'"));
        Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM building_month_figures WHERE building_id = {poison.BuildingId} AND period = '2026-11-01'"));
    }

    private async Task<List<string>> FiguresAsync(IReadOnlyList<int> buildings)
    {
        await using var command = world.Database.DataSource.CreateCommand(
            $"SELECT row({FiguresColumns})::text FROM building_month_figures WHERE building_id IN ({string.Join(",", buildings)}) AND period = '2026-11-01' ORDER BY building_id");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        Assert.Equal(buildings.Count, rows.Count);
        return rows;
    }

    /// <summary>Everything applying writes besides the figures: the register, the outbox and the audit log.</summary>
    private async Task<List<long>> StateAsync(IReadOnlyList<int> buildings)
    {
        var ids = string.Join(",", buildings);
        return
        [
            await world.ScalarAsync($"SELECT count(*) FROM tenancies WHERE building_id IN ({ids})"),
            await world.ScalarAsync($"SELECT coalesce(sum(hashtext(row(t.*)::text)), 0) FROM tenancies t WHERE building_id IN ({ids})"),
            await world.ScalarAsync("SELECT count(*) FROM outbox_messages"),
            await world.ScalarAsync("SELECT count(*) FROM audit_entries"),
            await world.ScalarAsync($"SELECT coalesce(sum(hashtext(row(r.id, r.status, r.applied_at)::text)), 0) FROM monthly_returns r WHERE building_id IN ({ids})"),
        ];
    }

    /// <summary>Fails every read of one return, like a return whose data breaks the applier.</summary>
    private sealed class RefuseReturn(long returnId) : DbCommandInterceptor
    {
        private int refusals;

        public int Refusals => Volatile.Read(ref refusals);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM monthly_returns", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => p.Value is long id && id == returnId || p.Value is IEnumerable<long> ids && ids.Contains(returnId)))
            {
                Interlocked.Increment(ref refusals);
                throw new InvalidOperationException($"return {returnId} refused");
            }
            return ValueTask.FromResult(result);
        }
    }
}
