using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Dashboards;

/// <summary>A building as the follow-up lists name it.</summary>
public sealed record BuildingRef(int Id, string Name, int? SubdistrictId, string? Subdistrict, string? SubdistrictEn)
{
    public string? SubdistrictIn(bool english) => english ? SubdistrictEn : Subdistrict;
}

/// <summary>An enterprise on a building's latest applied return for the month, resident there, registered elsewhere.</summary>
public sealed record RegisteredElsewhereEntry(BuildingRef Building, string CreditCode, string EnterpriseName, string? Units,
    decimal Area, string? RegisteredPlace, int? Employees, string? IndustrySection);

public sealed record SignedNotResidentEntry(BuildingRef Building, decimal LeasableArea, decimal SignedArea, decimal ResidentArea)
{
    public decimal SignedNotResidentArea => SignedArea - ResidentArea;
}

public sealed record NotFiledEntry(BuildingRef Building, string? PropertyCompany, string? PropertyContact, string? PropertyContactPhone,
    string? OneToOneContact, DateOnly? LastFiledPeriod);

/// <summary>One page of a list, with the size of the whole list.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

/// <summary>The lists a leader works through: who to persuade to register locally, where space is signed but empty, who has not filed.</summary>
public sealed class FollowUpQueries(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 100_000;

    private const string BuildingColumns = "b.id, b.name, b.subdistrict_id, s.name, s.name_en";

    public Task<ListPage<RegisteredElsewhereEntry>> RegisteredElsewhereAsync(
        DateOnly period, DashboardScope scope, DashboardFilter filter, int offset, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            command => $"""
                FROM building_month_figures f
                JOIN return_lines l ON l.return_id = f.return_id
                JOIN buildings b ON b.id = f.building_id
                LEFT JOIN subdistricts s ON s.id = b.subdistrict_id
                WHERE f.period = @period AND l.state = 'Resident' AND NOT l.registered_locally
                      {DashboardSql.Conditions("f", "building_id", scope, filter, command)}
                """,
            $"{BuildingColumns}, l.credit_code, l.enterprise_name, l.units, l.area, l.registered_place, l.employees, l.industry_section",
            "l.area DESC, l.credit_code, b.id",
            reader => new RegisteredElsewhereEntry(ReadBuilding(reader), reader.GetString(5).Trim(), reader.GetString(6), reader.GetStringOrNull(7),
                reader.GetDecimal(8), reader.GetStringOrNull(9), reader.IsDBNull(10) ? null : reader.GetInt32(10), reader.GetStringOrNull(11)),
            period, offset, limit, cancellationToken,
            RolledUpCount("m.registered_elsewhere_enterprises", period, scope, filter, cancellationToken));

    public Task<ListPage<SignedNotResidentEntry>> SignedNotResidentAsync(
        DateOnly period, DashboardScope scope, DashboardFilter filter, int offset, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            command => $"""
                FROM building_month_figures f
                JOIN buildings b ON b.id = f.building_id
                LEFT JOIN subdistricts s ON s.id = b.subdistrict_id
                WHERE f.period = @period AND f.sold_area + f.leased_area - f.resident_area > 0
                      {DashboardSql.Conditions("f", "building_id", scope, filter, command)}
                """,
            $"{BuildingColumns}, f.for_sale_area + f.for_rent_area, f.sold_area + f.leased_area, f.resident_area",
            "f.sold_area + f.leased_area - f.resident_area DESC, b.id",
            reader => new SignedNotResidentEntry(ReadBuilding(reader), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7)),
            period, offset, limit, cancellationToken,
            RolledUpCount("m.signed_not_resident_buildings", period, scope, filter, cancellationToken));

    /// <summary>Buildings required to report for the month (the rule of the filing rate) without an applied return for it.</summary>
    public async Task<ListPage<NotFiledEntry>> NotFiledAsync(
        DateOnly period, DashboardScope scope, DashboardFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        if (!FigureSumsRollup.Serves(DashboardGrouping.Total, scope, filter))
        {
            return await PageAsync(command => NotFiledFromWhere(command, scope, filter), NotFiledColumns, NotFiledOrder, ReadNotFiled,
                period, offset, limit, cancellationToken, null);
        }
        // The list is ordered by subdistrict first, and the rollups know how many of each subdistrict's buildings have
        // not filed: the page is read from the few subdistricts it falls in, not from every building that must file.
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, MaxLimit);
        var counts = await FigureSumsRollup.NotFiledBySubdistrictAsync(dataSource, period, scope, filter, cancellationToken);
        var (subdistricts, unassigned, before, seen) = (new List<int>(), false, 0, 0);
        foreach (var (subdistrict, notFiled) in counts)
        {
            if (seen + notFiled > offset && seen < offset + limit)
            {
                if (subdistricts.Count == 0 && !unassigned) before = seen;
                if (subdistrict is { } id) subdistricts.Add(id);
                else unassigned = true;
            }
            seen += notFiled;
        }
        if (subdistricts.Count == 0 && !unassigned) return new ListPage<NotFiledEntry>([], seen, offset, limit);
        var items = await ItemsAsync(command =>
            {
                command.Parameters.Add(new NpgsqlParameter("page_subdistricts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = subdistricts.ToArray() });
                var inPage = (subdistricts.Count > 0, unassigned) switch
                {
                    (true, true) => "(b.subdistrict_id = ANY(@page_subdistricts) OR b.subdistrict_id IS NULL)",
                    (true, false) => "b.subdistrict_id = ANY(@page_subdistricts)",
                    _ => "b.subdistrict_id IS NULL",
                };
                return $"{NotFiledFromWhere(command, scope, filter)} AND {inPage}";
            },
            NotFiledColumns, NotFiledOrder, ReadNotFiled, period, offset - before, limit, cancellationToken);
        return new ListPage<NotFiledEntry>(items, seen, offset, limit);
    }

    private static string NotFiledFromWhere(NpgsqlCommand command, DashboardScope scope, DashboardFilter filter) => $"""
        FROM buildings b
        LEFT JOIN subdistricts s ON s.id = b.subdistrict_id
        WHERE b.required_to_report AND NOT b.archived
              AND NOT EXISTS (SELECT 1 FROM building_month_figures f WHERE f.building_id = b.id AND f.period = @period)
              AND (b.completion_year IS NULL
                   OR b.completion_year < extract(year FROM @period::date)
                   OR (b.completion_year = extract(year FROM @period::date)
                       AND coalesce((SELECT min(x.period) FROM building_month_figures x WHERE x.building_id = b.id), @period) <= @period))
              {DashboardSql.Conditions("b", "id", scope, filter, command)}
        """;

    // The contacts are looked up for the page's rows only (subqueries run after the sort): the buildings are then read
    // from a narrow index instead of their wide rows.
    private const string NotFiledColumns = $"""
        {BuildingColumns},
        (SELECT c.property_company FROM buildings c WHERE c.id = b.id),
        (SELECT c.property_contacts -> 0 ->> 'Name' FROM buildings c WHERE c.id = b.id),
        (SELECT c.property_contacts -> 0 ->> 'Phone' FROM buildings c WHERE c.id = b.id),
        (SELECT c.one_to_one_contact ->> 'Name' FROM buildings c WHERE c.id = b.id),
        (SELECT max(x.period) FROM building_month_figures x WHERE x.building_id = b.id AND x.period < @period)
        """;

    private const string NotFiledOrder = "s.code NULLS LAST, b.name, b.id";

    private static NotFiledEntry ReadNotFiled(NpgsqlDataReader reader) =>
        new(ReadBuilding(reader), reader.GetStringOrNull(5), reader.GetStringOrNull(6), reader.GetStringOrNull(7),
            reader.GetStringOrNull(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9));

    /// <summary>A list's length from the rollups where they serve the caller: counting the list itself reads every row of it.</summary>
    private Func<Task<int>>? RolledUpCount(string column, DateOnly period, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken) =>
        FigureSumsRollup.Serves(DashboardGrouping.Total, scope, filter)
            ? () => FigureSumsRollup.CountAsync(dataSource, column, period, scope, filter, cancellationToken)
            : null;

    /// <summary>
    /// A page of a list and the size of the whole list, as two queries side by side: counting needs every row but no
    /// order, the page needs only the top rows of the order (a bounded sort), and neither waits for the other.
    /// </summary>
    private async Task<ListPage<T>> PageAsync<T>(
        Func<NpgsqlCommand, string> fromWhere, string columns, string orderBy, Func<NpgsqlDataReader, T> read,
        DateOnly period, int offset, int limit, CancellationToken cancellationToken, Func<Task<int>>? rolledUpCount)
    {
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, MaxLimit);
        async Task<int> CountAsync()
        {
            await using var command = dataSource.CreateCommand();
            command.CommandText = $"SELECT count(*)::int {fromWhere(command)}";
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("period", period));
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        var count = rolledUpCount is null ? CountAsync() : rolledUpCount();
        var page = ItemsAsync(fromWhere, columns, orderBy, read, period, offset, limit, cancellationToken);
        await Task.WhenAll(count, page);
        return new ListPage<T>(await page, await count, offset, limit);
    }

    private async Task<List<T>> ItemsAsync<T>(
        Func<NpgsqlCommand, string> fromWhere, string columns, string orderBy, Func<NpgsqlDataReader, T> read,
        DateOnly period, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = $"SELECT {columns} {fromWhere(command)} ORDER BY {orderBy} OFFSET @offset LIMIT @limit";
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("period", period));
        command.Parameters.Add(new NpgsqlParameter<int>("offset", offset));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) items.Add(read(reader));
        return items;
    }

    private static BuildingRef ReadBuilding(NpgsqlDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4));
}
