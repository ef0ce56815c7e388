using System.Text.Json;
using BuildingEconomy.Dashboards;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.Returns;
using Npgsql;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>
/// The rollups the triggers keep (migration DashboardRollups) stay equal to a recomputation from the tables they
/// summarise after every kind of write, and the figures read from them equal the figures computed building by building.
/// </summary>
public sealed class RollupTests : IAsyncLifetime
{
    private static readonly DateOnly October = DashboardWorld.October;
    private static readonly DateOnly September = DashboardWorld.September;
    private readonly TestDatabase database = new();
    private DashboardWorld world = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await using var db = database.CreateContext();
        world = await DashboardWorld.SeedAsync(db);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Rollups_kept_by_the_triggers_while_seeding_equal_a_recomputation()
    {
        await RollupAssertions.AssertExactAsync(database.DataSource);
    }

    [Fact]
    public async Task A_batch_of_new_months_in_one_statement_is_rolled_up()
    {
        var changed = await ExecuteAsync("""
            INSERT INTO building_month_figures
            SELECT building_id, (period + interval '1 month')::date, return_id + 1000, district_id, subdistrict_id, grade, use, theme_id,
                   for_sale_area, for_rent_area, sold_area + 100, leased_area, self_use_area, resident_area + 50, marketed_area,
                   resident_enterprises + 1, locally_registered_enterprises, locally_registered_area, tax_amount, tax_basis
            FROM building_month_figures WHERE period = @october
            """);

        Assert.True(changed > 1);
        await RollupAssertions.AssertExactAsync(database.DataSource);
        await AssertRollupFiguresEqualLiveFiguresAsync([October.AddMonths(1), October]);
    }

    [Fact]
    public async Task A_correction_superseding_a_month_changes_that_month_and_the_next_months_absorption()
    {
        await ExecuteAsync("""
            UPDATE building_month_figures SET return_id = return_id + 5000, resident_area = resident_area - 700, sold_area = sold_area + 300,
                   tax_amount = 9000000, tax_basis = 'AllTaxes'
            WHERE building_id = @b1 AND period = @september
            """);

        await RollupAssertions.AssertExactAsync(database.DataSource);
        await AssertRollupFiguresEqualLiveFiguresAsync([September, October]);
    }

    [Fact]
    public async Task A_deleted_month_leaves_its_month_and_the_next_months_absorption()
    {
        await ExecuteAsync("DELETE FROM building_month_figures WHERE building_id = @b4 AND period = @september");

        await RollupAssertions.AssertExactAsync(database.DataSource);
        await AssertRollupFiguresEqualLiveFiguresAsync([September, October]);
    }

    [Fact]
    public async Task Regrouping_a_building_moves_its_filing_and_later_months()
    {
        // A regraded building moved to another subdistrict: the register changes now, the months it files from now on
        // carry the new grouping.
        await ExecuteAsync($"UPDATE buildings SET grade = 'C', subdistrict_id = {world.East}, district_id = (SELECT district_id FROM subdistricts WHERE id = {world.East}) WHERE id = @b3");
        await ExecuteAsync($"""
            INSERT INTO building_month_figures
            SELECT building_id, @october, return_id + 1000, (SELECT district_id FROM subdistricts WHERE id = {world.East}), {world.East}, 'C', use, theme_id,
                   for_sale_area, for_rent_area, sold_area, leased_area, self_use_area, resident_area, marketed_area,
                   resident_enterprises, locally_registered_enterprises, locally_registered_area, tax_amount, tax_basis
            FROM building_month_figures WHERE building_id = @b3 AND period = @september
            """);

        await RollupAssertions.AssertExactAsync(database.DataSource);
        await AssertRollupFiguresEqualLiveFiguresAsync([September, October]);
    }

    [Fact]
    public async Task Archiving_a_building_and_its_spaces_and_tenancies_changing_keeps_the_district_counts()
    {
        await ExecuteAsync("UPDATE spaces SET status = CASE status WHEN 'Available' THEN 'Leased' ELSE 'Available' END WHERE building_id = @b1");
        await ExecuteAsync("UPDATE tenancies SET moved_out_on = @october WHERE building_id = @b2");
        await ExecuteAsync("UPDATE buildings SET archived = true WHERE id = @b4");
        await ExecuteAsync("UPDATE buildings SET required_to_report = false WHERE id = @b7");

        await RollupAssertions.AssertExactAsync(database.DataSource);
        await AssertRollupFiguresEqualLiveFiguresAsync([September, October]);
    }

    [Fact]
    public async Task A_building_outside_every_subdistrict_is_rolled_up_and_listed_last()
    {
        await ExecuteAsync("UPDATE buildings SET subdistrict_id = NULL WHERE id IN (@b3, @b7)");

        await RollupAssertions.AssertExactAsync(database.DataSource);
        await AssertRollupFiguresEqualLiveFiguresAsync([September, October]);
    }

    [Fact]
    public async Task Returns_applied_superseded_and_deleted_keep_the_district_months()
    {
        // B1's October return superseded by a new applied version, B2's October one no longer applied, B4's September one gone.
        await ExecuteAsync("""
            UPDATE monthly_returns SET status = 'Superseded' WHERE building_id IN (@b1, @b2) AND period = @october AND status = 'Applied';
            INSERT INTO monthly_returns (building_id, period, version, status, channel, submitted_at, for_sale_area, for_rent_area,
                                         sold_area, leased_area, self_use_area, resident_area)
            SELECT building_id, period, version + 1, 'Applied', channel, submitted_at, for_sale_area, for_rent_area,
                   sold_area, leased_area, self_use_area, resident_area
            FROM monthly_returns WHERE building_id = @b1 AND period = @october ORDER BY version DESC LIMIT 1;
            DELETE FROM monthly_returns WHERE building_id = @b4 AND period = @september;
            """);

        await RollupAssertions.AssertExactAsync(database.DataSource);
    }

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("october", October));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("september", September));
        foreach (var key in new[] { "B1", "B2", "B3", "B4", "B7" })
        {
            command.Parameters.Add(new NpgsqlParameter<int>(key.ToLowerInvariant(), world[key]));
        }
        return await command.ExecuteNonQueryAsync();
    }

    private async Task AssertRollupFiguresEqualLiveFiguresAsync(DateOnly[] periods)
    {
        var query = new FigureSumsQuery(database.DataSource);
        var everyBuilding = new List<int>();
        await using (var command = database.DataSource.CreateCommand("SELECT id FROM buildings ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) everyBuilding.Add(reader.GetInt32(0));
        }
        var listed = new DashboardScope(everyBuilding, CanSeeTax: true);
        foreach (var grouping in Enum.GetValues<DashboardGrouping>().Where(g => g != DashboardGrouping.Building))
        {
            foreach (var filter in new[] { DashboardFilter.None, new DashboardFilter(world.DistrictA), new DashboardFilter(SubdistrictId: world.East) })
            {
                var rolledUp = await query.SumsAsync(periods, grouping, DashboardScope.Everything, filter, withAnnualTax: true, default);
                var live = await query.SumsAsync(periods, grouping, listed, filter, withAnnualTax: true, default);
                Assert.Equal(Canonical(live), Canonical(rolledUp));
            }
        }
        var lists = new FollowUpQueries(database.DataSource);
        foreach (var period in periods)
        {
            Assert.Equal((await lists.RegisteredElsewhereAsync(period, listed, DashboardFilter.None, 0, 5, default)).Total,
                (await lists.RegisteredElsewhereAsync(period, DashboardScope.Everything, DashboardFilter.None, 0, 5, default)).Total);
            Assert.Equal((await lists.SignedNotResidentAsync(period, listed, DashboardFilter.None, 0, 5, default)).Total,
                (await lists.SignedNotResidentAsync(period, DashboardScope.Everything, DashboardFilter.None, 0, 5, default)).Total);
            // The rolled-up not-filed list reads each page from the subdistricts it falls in: every page of one, across
            // subdistrict boundaries and past the end, holds what the whole list computed building by building does.
            var notFiled = await lists.NotFiledAsync(period, listed, DashboardFilter.None, 0, FollowUpQueries.MaxLimit, default);
            for (var offset = 0; offset <= notFiled.Total; offset++)
            {
                var page = await lists.NotFiledAsync(period, DashboardScope.Everything, DashboardFilter.None, offset, 1, default);
                Assert.Equal(notFiled.Total, page.Total);
                Assert.Equal(notFiled.Items.Skip(offset).Take(1), page.Items);
            }
        }
    }

    private static List<string> Canonical(Dictionary<GroupPeriod, FigureSums> sums) =>
        [.. sums.OrderBy(s => s.Key.Period).ThenBy(s => s.Key.Key, StringComparer.Ordinal)
            .Select(s => $"{s.Key.Period}|{s.Key.Key}|" + JsonSerializer.Serialize(s.Value with { Tax = new SortedDictionary<TaxBasis, TaxSums>(new Dictionary<TaxBasis, TaxSums>(s.Value.Tax)) }))];
}
