using System.Runtime.CompilerServices;
using Npgsql;

namespace BuildingEconomy.Search.Elasticsearch;

/// <summary>
/// Reads index documents from PostgreSQL, the system of record: all of them for a rebuild, or one building's for
/// a refresh. Which spaces are searchable and how the parking ratio rounds is the PostgreSQL engine's own SQL,
/// so the two engines cannot drift apart on it.
/// </summary>
public sealed class SpaceDocumentSource(NpgsqlDataSource dataSource)
{
    private static readonly string Sql = $"""
        SELECT s.id, s.building_id, b.name, b.aliases, b.address, b.property_company,
               ST_Y(b.location::geometry), ST_X(b.location::geometry), d.admin_code, sd.code,
               b.grade, b.use, b.construction_status, b.completion_year, t.code,
               ARRAY(SELECT f.code FROM building_facilities bf JOIN facilities f ON f.id = bf.facilities_id
                     WHERE bf.building_id = b.id ORDER BY f.code)::text[],
               {PostgresSpaceSearchEngine.ParkingRatioSql},
               s.floor, s.unit, s.area,
               CASE WHEN s.divisible THEN coalesce(s.min_divisible_area, s.area) ELSE s.area END,
               CASE WHEN s.divisible THEN s.min_divisible_area END,
               s.tenure, s.asking_rent, s.sale_price, s.fit_out, s.status, s.available_from, s.updated_at
        FROM spaces s
        JOIN buildings b ON b.id = s.building_id
        LEFT JOIN districts d ON d.id = b.district_id
        LEFT JOIN subdistricts sd ON sd.id = b.subdistrict_id
        LEFT JOIN themes t ON t.id = b.theme_id
        WHERE {PostgresSpaceSearchEngine.SearchableSql}
        """;

    public async IAsyncEnumerable<SpaceDocument> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql + " ORDER BY s.id");
        await foreach (var document in ReadAsync(command, cancellationToken)) yield return document;
    }

    public async Task<List<SpaceDocument>> ReadBuildingsAsync(IReadOnlyCollection<int> buildingIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql + " AND b.id = ANY(@ids) ORDER BY s.id");
        command.Parameters.AddWithValue("ids", buildingIds.ToArray());
        var documents = new List<SpaceDocument>();
        await foreach (var document in ReadAsync(command, cancellationToken)) documents.Add(document);
        return documents;
    }

    /// <summary>Buildings whose row or any of whose spaces changed since <paramref name="since"/>, archived ones included.</summary>
    public async Task<List<int>> BuildingsChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id FROM buildings WHERE updated_at >= @since
            UNION SELECT building_id FROM spaces WHERE updated_at >= @since
            """);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<int>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    private static async IAsyncEnumerable<SpaceDocument> ReadAsync(NpgsqlCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new SpaceDocument
            {
                SpaceId = reader.GetInt64(0),
                BuildingId = reader.GetInt32(1),
                BuildingName = reader.GetString(2),
                Aliases = reader.GetFieldValue<string[]>(3),
                Address = reader.GetString(4),
                PropertyCompany = reader.IsDBNull(5) ? null : reader.GetString(5),
                Location = new DocumentLocation(reader.GetDouble(6), reader.GetDouble(7)),
                District = reader.IsDBNull(8) ? null : reader.GetString(8).Trim(),
                Subdistrict = reader.IsDBNull(9) ? null : reader.GetString(9),
                Grade = reader.GetString(10),
                Use = reader.GetString(11),
                ConstructionStatus = reader.GetString(12),
                CompletionYear = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                Theme = reader.IsDBNull(14) ? null : reader.GetString(14),
                Facilities = reader.GetFieldValue<string[]>(15),
                ParkingRatio = reader.IsDBNull(16) ? null : reader.GetDecimal(16),
                Floor = reader.GetInt32(17),
                Unit = reader.GetString(18),
                Area = reader.GetDecimal(19),
                MinArea = reader.GetDecimal(20),
                MinDivisibleArea = reader.IsDBNull(21) ? null : reader.GetDecimal(21),
                Tenure = reader.GetString(22),
                AskingRent = reader.IsDBNull(23) ? null : reader.GetDecimal(23),
                SalePrice = reader.IsDBNull(24) ? null : reader.GetDecimal(24),
                FitOut = reader.GetString(25),
                Status = reader.GetString(26),
                AvailableFrom = reader.IsDBNull(27) ? null : reader.GetFieldValue<DateOnly>(27),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(28),
            };
        }
    }
}
