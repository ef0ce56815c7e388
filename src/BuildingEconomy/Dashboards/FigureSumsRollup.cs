using BuildingEconomy.Returns;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// The sums of <see cref="FigureSumsQuery"/> read from the rollups of migration DashboardRollups instead of every
/// building's row: a few hundred rows per month and grouping at national size, where the rows of
/// <c>building_month_figures</c> are tens of thousands. They hold subdistrict cells, so they serve every grouping but
/// single buildings, and callers who see everything or whole districts.
/// </summary>
internal static class FigureSumsRollup
{
    private static readonly TaxBasis[] Bases = Enum.GetValues<TaxBasis>();

    public static bool Serves(DashboardGrouping grouping, DashboardScope scope, DashboardFilter filter) =>
        grouping != DashboardGrouping.Building && filter.BuildingId is null && (scope.SeesEverything || scope.DistrictIds is not null);

    public static async Task ReadReturnSumsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope,
        DashboardFilter filter, bool withAnnualTax, Dictionary<GroupPeriod, FigureSums> sums, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT m.period, {Key(grouping)} AS group_key,
                   sum(m.buildings_reporting)::int,
                   sum(m.for_sale_area), sum(m.for_rent_area), sum(m.sold_area), sum(m.leased_area), sum(m.self_use_area),
                   sum(m.resident_area), sum(m.marketed_area),
                   sum(m.resident_enterprises)::bigint, sum(m.locally_registered_enterprises)::bigint, sum(m.locally_registered_area),
                   sum(m.absorption_buildings)::int, sum(m.absorption_resident_area), sum(m.absorption_previous_resident_area),
                   sum(m.tax_buildings_all_taxes)::int, sum(m.tax_amount_all_taxes), sum(m.tax_resident_area_all_taxes),
                   sum(m.tax_buildings_district_revenue)::int, sum(m.tax_amount_district_revenue), sum(m.tax_resident_area_district_revenue),
                   sum(m.tax_buildings_recurring_tax)::int, sum(m.tax_amount_recurring_tax), sum(m.tax_resident_area_recurring_tax),
                   sum(m.billion_yuan_all_taxes)::int, sum(m.billion_yuan_district_revenue)::int, sum(m.billion_yuan_recurring_tax)::int
            FROM dashboard_month_sums m
            WHERE m.dimension = @dimension AND m.period = ANY(@periods){Conditions("m", scope, filter, command)}
            GROUP BY 1, 2
            """;
        command.Parameters.Add(new NpgsqlParameter<short>("dimension", Dimension(grouping)));
        command.Parameters.Add(DashboardSql.Periods("periods", periods));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new GroupPeriod(reader.GetFieldValue<DateOnly>(0), reader.GetGroupKey(1));
            var tax = new Dictionary<TaxBasis, TaxSums>();
            // The migration's tax columns follow the order of TaxBasis.
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
                    BillionYuanBuildings = withAnnualTax ? reader.GetInt32(25 + b) : null,
                };
            }
            sums[key] = FigureSumsQuery.WithAreasAndEnterprises(FigureSumsQuery.Existing(sums, key), reader, scope.CanSeeTax ? tax : FigureSums.Empty.Tax);
        }
    }

    /// <summary>
    /// Buildings required to report (those whose start month is not after the month) and how many of them filed. The
    /// start months are added up per group first, so the months are compared with a few dozen rows, not every cell.
    /// </summary>
    public static async Task ReadFilingAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope,
        DashboardFilter filter, Dictionary<GroupPeriod, FigureSums> sums, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = FilingSql(command, periods, grouping, scope, filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new GroupPeriod(reader.GetFieldValue<DateOnly>(0), reader.GetGroupKey(1));
            sums[key] = FigureSumsQuery.Existing(sums, key) with { BuildingsRequired = reader.GetInt32(2), BuildingsFiled = reader.GetInt32(3) };
        }
    }

    /// <summary>Rows (period, group_key, required, filed) of the filing rate; adds its parameters to the command.</summary>
    private static string FilingSql(
        NpgsqlCommand command, IReadOnlyCollection<DateOnly> periods, DashboardGrouping grouping, DashboardScope scope, DashboardFilter filter)
    {
        var startsWhere = Conditions("s", scope, filter, command);
        var filedWhere = Conditions("d", scope, filter, command);
        command.Parameters.Add(new NpgsqlParameter<short>("dimension", Dimension(grouping)));
        command.Parameters.Add(DashboardSql.Periods("periods", periods));
        // Every building that starts by the first month counts in all of them: one row per group instead of one per start month.
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("first_period", periods.Min()));
        return $"""
            WITH starts AS (
                SELECT {Key(grouping, "s")} AS group_key,
                       CASE WHEN s.starts_on > @first_period THEN s.starts_on END AS starts_on, sum(s.buildings) AS buildings
                FROM dashboard_reporting_starts s
                WHERE s.dimension = @dimension{startsWhere}
                GROUP BY 1, 2
            ), required AS (
                SELECT per.period, s.group_key, sum(s.buildings)::int AS buildings
                FROM unnest(@periods) AS per(period)
                JOIN starts s ON s.starts_on IS NULL OR s.starts_on <= per.period
                GROUP BY 1, 2
            ), filed AS (
                SELECT d.period, {Key(grouping, "d")} AS group_key, sum(d.buildings_filed)::int AS buildings
                FROM dashboard_month_filed d
                WHERE d.dimension = @dimension AND d.period = ANY(@periods){filedWhere}
                GROUP BY 1, 2
            )
            -- Stacked and grouped rather than joined: a join on group_key IS NOT DISTINCT FROM cannot hash, and compared
            -- every subdistrict with every other. GROUP BY puts null keys together; HAVING keeps the groups a LEFT JOIN
            -- from required would.
            SELECT period, group_key, sum(required)::int AS required, coalesce(sum(filed), 0)::int AS filed
            FROM (SELECT period, group_key, buildings AS required, NULL::int AS filed FROM required
                  UNION ALL
                  SELECT period, group_key, NULL, buildings FROM filed) c
            GROUP BY 1, 2
            HAVING count(required) > 0
            """;
    }

    /// <summary>A follow-up list's length, from the count the rollups keep of it.</summary>
    public static async Task<int> CountAsync(NpgsqlDataSource dataSource, string countColumn, DateOnly period, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = $"SELECT coalesce(sum({countColumn}), 0)::int FROM dashboard_month_sums m WHERE m.dimension = 0 AND m.period = @period{Conditions("m", scope, filter, command)}";
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("period", period));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// How many buildings required to report for the month have not filed for it, per subdistrict (null: outside every
    /// subdistrict) in the not-filed list's order (subdistrict code, none last), leaving out subdistricts with none.
    /// </summary>
    public static async Task<IReadOnlyList<(int? SubdistrictId, int NotFiled)>> NotFiledBySubdistrictAsync(
        NpgsqlDataSource dataSource, DateOnly period, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = $"""
            SELECT f.group_key::int, f.required - f.filed
            FROM ({FilingSql(command, [period], DashboardGrouping.Subdistrict, scope, filter)}) f
            LEFT JOIN subdistricts s ON s.id = f.group_key::int
            WHERE f.required > f.filed
            ORDER BY s.code NULLS LAST
            """;
        var counts = new List<(int?, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts.Add((reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetInt32(1)));
        return counts;
    }

    /// <summary>The latest month with a return among the caller's buildings.</summary>
    public static string LatestPeriodSql(DashboardScope scope, NpgsqlCommand command) =>
        $"SELECT max(m.period) FROM dashboard_month_sums m WHERE m.dimension = 0{Conditions("m", scope, DashboardFilter.None, command)}";

    /// <summary>Cells are per subdistrict: rows of dimension 0 give totals, districts and subdistricts, the others one attribute.</summary>
    private static short Dimension(DashboardGrouping grouping) => grouping switch
    {
        DashboardGrouping.Grade => 1,
        DashboardGrouping.Use => 2,
        DashboardGrouping.Theme => 3,
        _ => 0,
    };

    private static string Key(DashboardGrouping grouping, string alias = "m") => grouping switch
    {
        DashboardGrouping.Total => "NULL::text",
        DashboardGrouping.District => $"{alias}.district_id::text",
        DashboardGrouping.Subdistrict => $"{alias}.subdistrict_id::text",
        DashboardGrouping.Grade or DashboardGrouping.Use or DashboardGrouping.Theme => $"{alias}.group_key",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "single buildings are not rolled up"),
    };

    private static string Conditions(string alias, DashboardScope scope, DashboardFilter filter, NpgsqlCommand command)
    {
        var sql = "";
        if (scope.DistrictIds is { } districts)
        {
            sql += $" AND {alias}.district_id = ANY(@scope_districts)";
            if (!command.Parameters.Contains("scope_districts"))
            {
                command.Parameters.Add(new NpgsqlParameter("scope_districts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = districts.ToArray() });
            }
        }
        if (filter.DistrictId is { } district)
        {
            sql += $" AND {alias}.district_id = @filter_district";
            if (!command.Parameters.Contains("filter_district")) command.Parameters.Add(new NpgsqlParameter<int>("filter_district", district));
        }
        if (filter.SubdistrictId is { } subdistrict)
        {
            sql += $" AND {alias}.subdistrict_id = @filter_subdistrict";
            if (!command.Parameters.Contains("filter_subdistrict")) command.Parameters.Add(new NpgsqlParameter<int>("filter_subdistrict", subdistrict));
        }
        return sql;
    }
}
