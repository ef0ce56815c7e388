using System.Text.Json.Serialization;
using BuildingEconomy.Returns;
using Npgsql;

namespace BuildingEconomy.Dashboards;

public sealed record RosterLine(int LineNumber, string CreditCode, string EnterpriseName, string? Units, decimal Area, bool Purchased,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TenantState>))] TenantState State,
    DateOnly? MovedInOn, bool RegisteredLocally, string? RegisteredPlace, int? Employees, string? IndustrySection,
    decimal? TaxAmount, [property: JsonConverter(typeof(JsonStringEnumConverter<TaxBasis>))] TaxBasis? TaxBasis);

/// <summary>A building's tenant roster as its latest applied return up to the chosen month gave it.</summary>
public sealed record BuildingRoster(BuildingRef Building, int? DistrictId, DateOnly Period, long ReturnId, int Version, DateTimeOffset? AppliedAt,
    IReadOnlyList<RosterLine> Lines);

public sealed class RosterQuery(NpgsqlDataSource dataSource)
{
    /// <summary>Null when the building has no applied return up to <paramref name="period"/>.</summary>
    public async Task<BuildingRoster?> LatestAsync(int buildingId, DateOnly period, bool withTax, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        BuildingRoster roster;
        await using (var header = connection.CreateCommand())
        {
            // The read model row names the return that is in force for its month; a correction replaced it there.
            header.CommandText = """
                SELECT b.id, b.name, b.subdistrict_id, s.name, s.name_en, b.district_id, f.period, f.return_id, r.version, r.applied_at
                FROM building_month_figures f
                JOIN buildings b ON b.id = f.building_id
                JOIN monthly_returns r ON r.id = f.return_id
                LEFT JOIN subdistricts s ON s.id = b.subdistrict_id
                WHERE f.building_id = @building AND f.period <= @period
                ORDER BY f.period DESC
                LIMIT 1
                """;
            header.Parameters.Add(new NpgsqlParameter<int>("building", buildingId));
            header.Parameters.Add(new NpgsqlParameter<DateOnly>("period", period));
            await using var reader = await header.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            roster = new BuildingRoster(
                new BuildingRef(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4)),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetFieldValue<DateOnly>(6), reader.GetInt64(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), []);
        }

        await using var lines = connection.CreateCommand();
        lines.CommandText = """
            SELECT line_number, credit_code, enterprise_name, units, area, purchased, state, moved_in_on, registered_locally,
                   registered_place, employees, industry_section, tax_amount, tax_basis
            FROM return_lines WHERE return_id = @return ORDER BY line_number
            """;
        lines.Parameters.Add(new NpgsqlParameter<long>("return", roster.ReturnId));
        var list = new List<RosterLine>();
        await using (var reader = await lines.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new RosterLine(reader.GetInt32(0), reader.GetString(1).Trim(), reader.GetString(2), reader.GetStringOrNull(3), reader.GetDecimal(4),
                    reader.GetBoolean(5), Enum.Parse<TenantState>(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                    reader.GetBoolean(8), reader.GetStringOrNull(9), reader.IsDBNull(10) ? null : reader.GetInt32(10), reader.GetStringOrNull(11),
                    withTax && !reader.IsDBNull(12) ? reader.GetDecimal(12) : null,
                    withTax && reader.GetStringOrNull(13) is { } basis ? Enum.Parse<TaxBasis>(basis) : null));
            }
        }
        return roster with { Lines = list };
    }
}
