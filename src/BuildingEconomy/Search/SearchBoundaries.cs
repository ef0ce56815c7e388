using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>
/// District and subdistrict outlines for the search map. Without a tile server (none by default; Tianditu or AMap
/// in production) these are the base layer, so an officer still sees where the streets are.
/// </summary>
public sealed class SearchBoundaries(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Boundaries change a few times a year; a few minutes' staleness spares every page view a geometry query.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private (string Json, DateTimeOffset At)? cached;

    public async Task<string> GeoJsonAsync(CancellationToken cancellationToken)
    {
        if (cached is { } hit && clock.GetUtcNow() - hit.At < Lifetime) return hit.Json;
        // Simplified to ~20 m and 6 decimals (~0.1 m): enough to draw, a fraction of the stored vertices.
        await using var command = dataSource.CreateCommand("""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(feature ORDER BY kind, code), '[]'::json))::text
            FROM (
                SELECT 0 AS kind, admin_code::text AS code, json_build_object('type', 'Feature',
                       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(boundary, 0.0002), 6)::json,
                       'properties', json_build_object('kind', 'district', 'code', trim(admin_code), 'name', name, 'nameEn', name_en)) AS feature
                FROM districts
                UNION ALL
                SELECT 1, code, json_build_object('type', 'Feature',
                       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(boundary, 0.0002), 6)::json,
                       'properties', json_build_object('kind', 'subdistrict', 'code', code, 'name', name, 'nameEn', name_en))
                FROM subdistricts
            ) AS features
            """);
        var json = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        cached = (json, clock.GetUtcNow());
        return json;
    }
}
