using System.Data.Common;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BuildingEconomy.Buildings.Register;

/// <summary>A building that may be the one being entered again.</summary>
public sealed record DuplicateCandidate(int Id, string ExternalKey, string Name, string Address, double DistanceMetres, double Similarity);

/// <summary>
/// Likely duplicates: another (not archived) building within 50 m whose name or one of its aliases is similar.
/// Distances are measured on the geography (metres on the spheroid); similarity is pg_trgm's trigram similarity,
/// and a name contained in the other counts too, because Chinese names are short (明珠大厦 / 明珠大厦A座).
/// </summary>
public static class DuplicateFinder
{
    public const double RadiusMetres = 50;

    /// <summary>pg_trgm's own default threshold.</summary>
    public const double SimilarityThreshold = 0.3;

    public static async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(
        BuildingEconomyDbContext db, string name, LonLat wgs84, int? excludeBuildingId, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length == 0) return [];
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT id, external_key, name, address, distance, similarity FROM (
                    SELECT b.id, b.external_key, b.name, b.address,
                           ST_Distance(b.location, p.point) AS distance,
                           GREATEST(similarity(b.name, @name),
                                    COALESCE((SELECT max(similarity(a, @name)) FROM unnest(b.aliases) a), 0)) AS similarity,
                           strpos(b.name, @name) > 0 OR strpos(@name, b.name) > 0
                             OR EXISTS (SELECT 1 FROM unnest(b.aliases) a WHERE strpos(a, @name) > 0 OR strpos(@name, a) > 0) AS contained
                    FROM buildings b, (SELECT ST_SetSRID(ST_MakePoint(@longitude, @latitude), 4326)::geography AS point) p
                    WHERE NOT b.archived
                      AND ST_DWithin(b.location, p.point, @radius)
                      AND (@exclude::integer IS NULL OR b.id <> @exclude::integer)
                ) c
                WHERE similarity >= @threshold OR contained
                ORDER BY similarity DESC, distance
                LIMIT 10
                """, connection);
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.Parameters.AddWithValue("name", name);
            command.Parameters.AddWithValue("longitude", wgs84.Longitude);
            command.Parameters.AddWithValue("latitude", wgs84.Latitude);
            command.Parameters.AddWithValue("radius", RadiusMetres);
            command.Parameters.AddWithValue("threshold", SimilarityThreshold);
            command.Parameters.Add(new NpgsqlParameter("exclude", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)excludeBuildingId ?? DBNull.Value });
            var found = new List<DuplicateCandidate>();
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(new DuplicateCandidate(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Math.Round(reader.GetDouble(4), 1), Math.Round(reader.GetFloat(5), 2)));
            }
            return found;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}
