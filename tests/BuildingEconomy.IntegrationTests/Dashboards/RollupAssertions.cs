using Npgsql;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>The rollup tables the triggers keep (migration DashboardRollups), checked against a recomputation from scratch.</summary>
internal static class RollupAssertions
{
    /// <summary>Every rollup row as the triggers left it, against the same rows recomputed from scratch (in a transaction rolled back).</summary>
    public static async Task AssertExactAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task<List<string>> RowsAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            rows.Sort(StringComparer.Ordinal);
            return rows;
        }
        const string Stock = """
            SELECT d.id,
                   (SELECT count(*) FROM spaces s JOIN buildings b ON b.id = s.building_id WHERE b.district_id = d.id AND NOT s.archived AND NOT b.archived),
                   (SELECT count(*) FROM spaces s JOIN buildings b ON b.id = s.building_id WHERE b.district_id = d.id AND NOT s.archived AND NOT b.archived AND s.status = 'Available'),
                   (SELECT coalesce(sum(s.area), 0) FROM spaces s JOIN buildings b ON b.id = s.building_id WHERE b.district_id = d.id AND NOT s.archived AND NOT b.archived AND s.status = 'Available'),
                   (SELECT count(DISTINCT t.enterprise_id) FROM tenancies t JOIN buildings b ON b.id = t.building_id
                    WHERE b.district_id = d.id AND t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT b.archived)
            FROM districts d
            """;
        const string KeptStock = """
            SELECT d.id, coalesce(s.spaces, 0), coalesce(s.available_spaces, 0), coalesce(s.available_area, 0), coalesce(s.resident_enterprises, 0)
            FROM districts d LEFT JOIN district_stock s ON s.district_id = d.id
            """;
        var tables = new[] { "dashboard_month_sums", "dashboard_month_filed", "dashboard_reporting_starts" };
        var kept = new List<List<string>>();
        foreach (var table in tables) kept.Add(await RowsAsync($"SELECT * FROM {table}"));
        var keptStock = await RowsAsync(KeptStock);

        await using (var refresh = new NpgsqlCommand("""
            SELECT dashboard_refresh_month_sums(ARRAY(SELECT DISTINCT period FROM building_month_figures), ARRAY(SELECT id FROM subdistricts), true);
            SELECT dashboard_refresh_filing(NULL, ARRAY(SELECT id FROM subdistricts), true);
            """, connection, transaction))
        {
            await refresh.ExecuteNonQueryAsync();
        }
        for (var i = 0; i < tables.Length; i++)
        {
            var recomputed = await RowsAsync($"SELECT * FROM {tables[i]}");
            Assert.NotEmpty(recomputed);
            Assert.Equal(recomputed, kept[i]);
        }
        Assert.Equal(await RowsAsync(Stock), keptStock);
        // Who makes the resident count: an enterprise whose last tenancy in a district ended is no longer listed there.
        Assert.Equal(
            await RowsAsync("""
                SELECT b.district_id, t.enterprise_id, count(*)
                FROM tenancies t JOIN buildings b ON b.id = t.building_id
                WHERE t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT b.archived AND b.district_id IS NOT NULL
                GROUP BY 1, 2
                """),
            await RowsAsync("SELECT district_id, enterprise_id, tenancies FROM district_residents"));
        Assert.Equal(
            await RowsAsync("""
                SELECT b.district_id, r.period, count(*)
                FROM monthly_returns r JOIN buildings b ON b.id = r.building_id
                WHERE r.status = 'Applied' AND b.required_to_report AND NOT b.archived AND b.district_id IS NOT NULL
                GROUP BY 1, 2
                """),
            await RowsAsync("SELECT district_id, period, buildings FROM district_month_returns"));
        await transaction.RollbackAsync();
    }

    /// <summary>
    /// Every grouping's sums read from the rollups (a caller who sees everything) equal those computed building by
    /// building (the same caller given as the list of every building), and so do the follow-up lists' lengths.
    /// </summary>
}
