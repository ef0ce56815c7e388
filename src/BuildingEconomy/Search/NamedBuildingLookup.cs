using System.Globalization;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>
/// The statements behind "near a named building": by id, or by exact name or alias. Both go through an index (the
/// primary key; the text pieces or trigrams), since a scan of every building costs a national search 150 ms.
/// </summary>
internal static class NamedBuildingLookup
{
    /// <summary>More than one match makes the name ambiguous; a few are enough to say so.</summary>
    private const int MaxMatches = 5;

    public static NpgsqlCommand? ById(NpgsqlDataSource dataSource, string named)
    {
        if (!int.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var command = dataSource.CreateCommand("SELECT ST_X(location::geometry), ST_Y(location::geometry) FROM buildings WHERE NOT archived AND id = @id");
        command.Parameters.AddWithValue("id", id);
        return command;
    }

    public static NpgsqlCommand ByName(NpgsqlDataSource dataSource, string named)
    {
        var sql = new PostgresSpaceSearchEngine.SqlBuilder();
        var lowered = named.Trim().ToLowerInvariant();
        // The index narrows to buildings whose text contains the name; the exact comparison then decides.
        var contains = sql.ContainsText(lowered);
        var exact = sql.Add(lowered);
        return sql.Command(dataSource, $"""
            SELECT ST_X(b.location::geometry), ST_Y(b.location::geometry) FROM buildings b
            WHERE NOT b.archived AND {contains}
              AND (lower(b.name) = {exact} OR {exact} = ANY (SELECT lower(alias) FROM unnest(b.aliases) AS alias))
            ORDER BY b.id
            LIMIT {MaxMatches}
            """);
    }

    public static async Task<List<GeoPoint>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<GeoPoint>();
        while (await reader.ReadAsync(cancellationToken)) points.Add(new GeoPoint(reader.GetDouble(0), reader.GetDouble(1)));
        return points;
    }
}
