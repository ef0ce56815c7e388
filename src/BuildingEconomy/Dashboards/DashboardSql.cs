using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// The pieces every dashboard query shares: the group key of a grouping and the scope and drill-down filter as a
/// WHERE clause. Only fixed SQL text is ever put together here; every value is a parameter.
/// </summary>
internal static class DashboardSql
{
    /// <summary>
    /// The group key column of a row of <c>building_month_figures</c> or <c>buildings</c> (alias). Grouped by the plain
    /// column, not a text cast of it: sorting and hashing ints is cheaper, and the reader turns the key into text.
    /// </summary>
    public static string GroupKey(DashboardGrouping grouping, string alias, string buildingIdColumn) => grouping switch
    {
        DashboardGrouping.Total => "NULL::int",
        DashboardGrouping.District => $"{alias}.district_id",
        DashboardGrouping.Subdistrict => $"{alias}.subdistrict_id",
        DashboardGrouping.Grade => $"{alias}.grade",
        DashboardGrouping.Use => $"{alias}.use",
        DashboardGrouping.Theme => $"{alias}.theme_id",
        DashboardGrouping.Building => $"{alias}.{buildingIdColumn}",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    /// <summary>A group key as read back: an id or an enum name as invariant text, null for none.</summary>
    public static string? GetGroupKey(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>" AND …" conditions restricting rows of alias to the scope and the filter (empty when none apply); callable once per alias.</summary>
    public static string Conditions(string alias, string buildingIdColumn, DashboardScope scope, DashboardFilter filter, NpgsqlCommand command)
    {
        var sql = "";
        if (scope.DistrictIds is { } districts)
        {
            // The same buildings as the list of ids, found by the district they carry instead of one by one.
            sql += $" AND {alias}.district_id = ANY(@visible_districts)";
            Add(command, "visible_districts", () => new NpgsqlParameter("visible_districts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = districts.ToArray() });
        }
        else if (scope.BuildingIds is { } visible)
        {
            sql += $" AND {alias}.{buildingIdColumn} = ANY(@visible_buildings)";
            Add(command, "visible_buildings", () => new NpgsqlParameter("visible_buildings", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = visible.ToArray() });
        }
        if (filter.DistrictId is { } district)
        {
            sql += $" AND {alias}.district_id = @filter_district";
            Add(command, "filter_district", () => new NpgsqlParameter<int>("filter_district", district));
        }
        if (filter.SubdistrictId is { } subdistrict)
        {
            sql += $" AND {alias}.subdistrict_id = @filter_subdistrict";
            Add(command, "filter_subdistrict", () => new NpgsqlParameter<int>("filter_subdistrict", subdistrict));
        }
        if (filter.BuildingId is { } building)
        {
            sql += $" AND {alias}.{buildingIdColumn} = @filter_building";
            Add(command, "filter_building", () => new NpgsqlParameter<int>("filter_building", building));
        }
        return sql;
    }

    /// <summary>A statement may restrict several aliases by the same scope and filter: their values are bound once.</summary>
    private static void Add(NpgsqlCommand command, string name, Func<NpgsqlParameter> parameter)
    {
        if (!command.Parameters.Contains(name)) command.Parameters.Add(parameter());
    }

    public static NpgsqlParameter Periods(string name, IEnumerable<DateOnly> periods) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = periods.Distinct().ToArray() };

    public static decimal GetDecimalOrZero(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0m : reader.GetDecimal(ordinal);

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
