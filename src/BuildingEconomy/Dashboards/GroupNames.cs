using BuildingEconomy.Buildings;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Dashboards;

/// <summary>A group as a page shows it: its key, its name in both languages and, for drill-down links, its parent.</summary>
public sealed record GroupName(string? Key, string Name, string NameEn, string? ParentName = null, string? ParentNameEn = null)
{
    public string In(bool english) => english ? NameEn : Name;
    public string? ParentIn(bool english) => english ? ParentNameEn : ParentName;
}

/// <summary>
/// Names for group keys. Places, themes and buildings are named from the register; grades and uses are fixed enums
/// whose names are UI text (resource keys <c>Dashboard.Grade.*</c> and <c>Dashboard.Use.*</c>), resolved by the caller.
/// </summary>
public sealed class GroupNamesQuery(NpgsqlDataSource dataSource)
{
    public async Task<Dictionary<string, GroupName>> NamesAsync(DashboardGrouping grouping, IEnumerable<string?> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Where(k => k is not null).Select(k => int.TryParse(k, out var id) ? id : (int?)null)
            .Where(id => id is not null).Select(id => id!.Value).Distinct().ToArray();
        var sql = grouping switch
        {
            DashboardGrouping.District => "SELECT id, name, name_en, NULL, NULL FROM districts WHERE id = ANY(@ids)",
            DashboardGrouping.Subdistrict => """
                SELECT s.id, s.name, s.name_en, d.name, d.name_en FROM subdistricts s JOIN districts d ON d.id = s.district_id
                WHERE s.id = ANY(@ids)
                """,
            DashboardGrouping.Theme => "SELECT id, name, name_en, NULL, NULL FROM themes WHERE id = ANY(@ids)",
            DashboardGrouping.Building => """
                SELECT b.id, b.name, b.name, s.name, s.name_en FROM buildings b LEFT JOIN subdistricts s ON s.id = b.subdistrict_id
                WHERE b.id = ANY(@ids)
                """,
            _ => null,
        };
        var names = new Dictionary<string, GroupName>();
        if (sql is null || ids.Length == 0) return names;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            names[key] = new GroupName(key, reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4));
        }
        return names;
    }

    /// <summary>The resource key naming a grade or use key, or a missing key ("no theme", "outside every subdistrict").</summary>
    public static string ResourceKey(DashboardGrouping grouping, string? key) => (grouping, key) switch
    {
        (DashboardGrouping.Total, _) => "Dashboard.Group.Total",
        (DashboardGrouping.Grade, { } grade) when Enum.TryParse<BuildingGrade>(grade, out _) => $"Dashboard.Grade.{grade}",
        (DashboardGrouping.Use, { } use) when Enum.TryParse<BuildingUse>(use, out _) => $"Dashboard.Use.{use}",
        (DashboardGrouping.Theme, null) => "Dashboard.Group.NoTheme",
        (_, null) => "Dashboard.Group.Unassigned",
        _ => "Dashboard.Group.Unknown",
    };
}
