using BuildingEconomy.Returns;
using Npgsql;

namespace BuildingEconomy.Dashboards;

/// <summary>A group of a month: the period and the group key (null for the total, or for "none" of a grouping).</summary>
public readonly record struct GroupPeriod(DateOnly Period, string? Key);

/// <summary>
/// The sums behind every figure, grouped in PostgreSQL over <c>building_month_figures</c> (the read model of
/// applied returns) and <c>buildings</c> (who must file): a handful of rows come back whatever the data size.
/// </summary>
public sealed class FigureSumsQuery(NpgsqlDataSource dataSource)
{
    /// <summary>A building is a 亿元楼 when its tax over the 12 months to the chosen one reaches 100 million yuan.</summary>
    public const decimal BillionYuan = 100_000_000m;

    /// <summary>
    /// Just under a twelfth of <see cref="BillionYuan"/> (12 × 8,333,333.33 &lt; 100,000,000): a building none of
    /// whose 12 months reaches it cannot be a 亿元楼. A literal, so that the partial index with this predicate
    /// (migrations DashboardLiveUpdates and DashboardScopedIndexes) is provably usable.
    /// </summary>
    public const string LargeMonthlyTaxSql = "8333333.33";

    private static readonly TaxBasis[] Bases = Enum.GetValues<TaxBasis>();

    public async Task<Dictionary<GroupPeriod, FigureSums>> SumsAsync(
        IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope, DashboardFilter filter,
        bool withAnnualTax, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<GroupPeriod, FigureSums>();
        if (periods.Count == 0) return sums;
        var withTax = withAnnualTax && scope.CanSeeTax;
        // Three independent aggregations, each on its own connection: the answer takes as long as the slowest.
        var rollup = FigureSumsRollup.Serves(grouping, scope, filter);
        var returns = ReadAsync((connection, into) => rollup
            ? FigureSumsRollup.ReadReturnSumsAsync(connection, periods, grouping, scope, filter, withTax, into, cancellationToken)
            : ReadReturnSumsAsync(connection, periods, grouping, scope, filter, withTax, into, cancellationToken), cancellationToken);
        var filing = ReadAsync((connection, into) => rollup
            ? FigureSumsRollup.ReadFilingAsync(connection, periods, grouping, scope, filter, into, cancellationToken)
            : ReadFilingAsync(connection, periods, grouping, scope, filter, into, cancellationToken), cancellationToken);
        // The rollups count 亿元楼 themselves.
        var annual = withTax && !rollup
            ? ReadAsync((connection, into) => ReadAnnualTaxAsync(connection, periods, grouping, scope, filter, into, cancellationToken), cancellationToken)
            : Task.FromResult(new Dictionary<GroupPeriod, FigureSums>());
        await Task.WhenAll(returns, filing, annual);

        foreach (var (key, value) in await returns) sums[key] = value;
        foreach (var (key, value) in await filing)
        {
            sums[key] = Existing(sums, key) with { BuildingsRequired = value.BuildingsRequired, BuildingsFiled = value.BuildingsFiled };
        }
        foreach (var (key, value) in await annual)
        {
            var existing = Existing(sums, key);
            var taxes = new Dictionary<TaxBasis, TaxSums>(existing.Tax);
            foreach (var (basis, tax) in value.Tax)
            {
                // Only buildings with tax this month can be counted, so the basis is there already.
                if (taxes.TryGetValue(basis, out var mine)) taxes[basis] = mine with { BillionYuanBuildings = tax.BillionYuanBuildings };
            }
            sums[key] = existing with { Tax = taxes };
        }
        return sums;
    }

    private async Task<Dictionary<GroupPeriod, FigureSums>> ReadAsync(
        Func<NpgsqlConnection, Dictionary<GroupPeriod, FigureSums>, Task> read, CancellationToken cancellationToken)
    {
        var into = new Dictionary<GroupPeriod, FigureSums>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await read(connection, into);
        return into;
    }

    private static async Task ReadReturnSumsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope,
        DashboardFilter filter, bool withAnnualTax, Dictionary<GroupPeriod, FigureSums> sums, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Tax columns per basis as FILTERed aggregates, so one pass over the rows serves every basis.
        var taxColumns = string.Concat(Bases.Select(basis =>
        {
            var where = $"f.tax_basis = '{basis}' AND f.tax_amount IS NOT NULL";
            return $", count(*) FILTER (WHERE {where})::int, sum(f.tax_amount) FILTER (WHERE {where}), sum(f.resident_area) FILTER (WHERE {where})";
        }));
        // Net absorption compares a building with itself a month earlier: the join finds that row by primary key.
        command.CommandText = $"""
            SELECT f.period, {DashboardSql.GroupKey(grouping, "f", "building_id")} AS group_key,
                   count(*)::int,
                   sum(f.for_sale_area), sum(f.for_rent_area), sum(f.sold_area), sum(f.leased_area), sum(f.self_use_area),
                   sum(f.resident_area), sum(f.marketed_area),
                   sum(f.resident_enterprises)::bigint, sum(f.locally_registered_enterprises)::bigint, sum(f.locally_registered_area),
                   count(p.building_id)::int,
                   sum(f.resident_area) FILTER (WHERE p.building_id IS NOT NULL),
                   sum(p.resident_area)
                   {taxColumns}
            FROM building_month_figures f
            LEFT JOIN building_month_figures p ON p.building_id = f.building_id AND p.period = (f.period - interval '1 month')::date
                 AND p.period = ANY(@previous_periods)
            WHERE f.period = ANY(@periods){DashboardSql.Conditions("f", "building_id", scope, filter, command)}
            GROUP BY 1, 2
            """;
        command.Parameters.Add(DashboardSql.Periods("periods", periods));
        // Stated apart from the join condition so the planner can read only those months by index.
        command.Parameters.Add(DashboardSql.Periods("previous_periods", periods.Select(p => p.AddMonths(-1))));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new GroupPeriod(reader.GetFieldValue<DateOnly>(0), reader.GetGroupKey(1));
            var tax = new Dictionary<TaxBasis, TaxSums>();
            for (var b = 0; b < Bases.Length; b++)
            {
                var column = 16 + b * 3;
                var buildings = reader.GetInt32(column);
                if (buildings == 0) continue;
                tax[Bases[b]] = new TaxSums
                {
                    BuildingsReporting = buildings,
                    TaxAmount = reader.GetDecimalOrZero(column + 1),
                    ResidentArea = reader.GetDecimalOrZero(column + 2),
                    BillionYuanBuildings = withAnnualTax ? 0 : null,
                };
            }
            sums[key] = WithAreasAndEnterprises(Existing(sums, key), reader, scope.CanSeeTax ? tax : FigureSums.Empty.Tax);
        }
    }

    /// <summary>
    /// Columns 2–15 of a sums row, in the order both the live query and the rollup select them. Tax figures never leave
    /// the database for a caller who may not see them: the caller passes empty tax sums then.
    /// </summary>
    internal static FigureSums WithAreasAndEnterprises(FigureSums existing, NpgsqlDataReader reader, IReadOnlyDictionary<TaxBasis, TaxSums> tax) =>
        existing with
        {
            BuildingsReporting = reader.GetInt32(2),
            ForSaleArea = reader.GetDecimalOrZero(3),
            ForRentArea = reader.GetDecimalOrZero(4),
            SoldArea = reader.GetDecimalOrZero(5),
            LeasedArea = reader.GetDecimalOrZero(6),
            SelfUseArea = reader.GetDecimalOrZero(7),
            ResidentArea = reader.GetDecimalOrZero(8),
            MarketedArea = reader.GetDecimalOrZero(9),
            ResidentEnterprises = reader.GetInt64(10),
            LocallyRegisteredEnterprises = reader.GetInt64(11),
            LocallyRegisteredArea = reader.GetDecimalOrZero(12),
            AbsorptionBuildings = reader.GetInt32(13),
            AbsorptionResidentArea = reader.GetDecimalOrZero(14),
            AbsorptionPreviousResidentArea = reader.GetDecimalOrZero(15),
            Tax = tax,
        };

    /// <summary>
    /// Buildings required to report for each month, and how many of them filed. Whether a building existed in a
    /// past month is known only to the year (<c>completion_year</c>): in its completion year a building counts from
    /// its first filing on, or from January when it has never filed (an overdue building must show).
    /// </summary>
    private static async Task ReadFilingAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope,
        DashboardFilter filter, Dictionary<GroupPeriod, FigureSums> sums, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT per.period, {DashboardSql.GroupKey(grouping, "b", "id")} AS group_key,
                   count(*)::int, count(f.building_id)::int
            FROM unnest(@periods) AS per(period)
            JOIN buildings b ON b.required_to_report AND NOT b.archived
            LEFT JOIN building_month_figures f ON f.building_id = b.id AND f.period = per.period AND f.period = ANY(@periods)
            WHERE (b.completion_year IS NULL
                   OR b.completion_year < extract(year FROM per.period)
                   OR (b.completion_year = extract(year FROM per.period)
                       AND coalesce((SELECT min(x.period) FROM building_month_figures x WHERE x.building_id = b.id), per.period) <= per.period))
                  {DashboardSql.Conditions("b", "id", scope, filter, command)}
            GROUP BY 1, 2
            """;
        command.Parameters.Add(DashboardSql.Periods("periods", periods));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new GroupPeriod(reader.GetFieldValue<DateOnly>(0), reader.GetGroupKey(1));
            sums[key] = Existing(sums, key) with { BuildingsRequired = reader.GetInt32(2), BuildingsFiled = reader.GetInt32(3) };
        }
    }

    /// <summary>
    /// 亿元楼: of the buildings with a tax figure for the month, those whose tax over the 12 months ending with it
    /// (the months they reported, on the same basis) reaches 100 million yuan.
    /// </summary>
    private static async Task ReadAnnualTaxAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope,
        DashboardFilter filter, Dictionary<GroupPeriod, FigureSums> sums, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Only a building with some month of at least 1/12 of the threshold can reach it in 12 months, so the
        // window runs over those few buildings (found by a small partial index) instead of every row of a year. The
        // window sums only rows within the scope and filter, so such a month must be among them too: the candidates
        // are looked for there, not across the country.
        command.CommandText = $"""
            SELECT period, group_key, tax_basis, count(*)::int
            FROM (
                SELECT f.period, {DashboardSql.GroupKey(grouping, "f", "building_id")} AS group_key, f.tax_basis,
                       sum(f.tax_amount) OVER (PARTITION BY f.building_id, f.tax_basis ORDER BY f.period
                                               RANGE BETWEEN '11 months'::interval PRECEDING AND CURRENT ROW) AS annual_tax
                FROM building_month_figures f
                WHERE f.building_id = ANY (ARRAY(
                          SELECT DISTINCT c.building_id FROM building_month_figures c
                          WHERE c.period BETWEEN @from AND @to AND c.tax_amount >= {LargeMonthlyTaxSql}
                                {DashboardSql.Conditions("c", "building_id", scope, filter, command)}))
                      AND f.period BETWEEN @from AND @to AND f.tax_amount IS NOT NULL AND f.tax_basis IS NOT NULL
                      {DashboardSql.Conditions("f", "building_id", scope, filter, command)}
            ) annual
            WHERE period = ANY(@periods) AND annual_tax >= @billion
            GROUP BY 1, 2, 3
            """;
        command.Parameters.Add(DashboardSql.Periods("periods", periods));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", periods.Min().AddMonths(-11)));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", periods.Max()));
        command.Parameters.Add(new NpgsqlParameter<decimal>("billion", BillionYuan));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new GroupPeriod(reader.GetFieldValue<DateOnly>(0), reader.GetGroupKey(1));
            if (!Enum.TryParse<TaxBasis>(reader.GetString(2), out var basis)) continue;
            var existing = Existing(sums, key);
            var taxes = new Dictionary<TaxBasis, TaxSums>(existing.Tax) { [basis] = new TaxSums { BillionYuanBuildings = reader.GetInt32(3) } };
            sums[key] = existing with { Tax = taxes };
        }
    }

    internal static FigureSums Existing(Dictionary<GroupPeriod, FigureSums> sums, GroupPeriod key) =>
        sums.TryGetValue(key, out var found) ? found : FigureSums.Empty;
}
