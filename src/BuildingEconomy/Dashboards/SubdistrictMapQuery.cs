using Npgsql;

namespace BuildingEconomy.Dashboards;

/// <summary>The subdistrict boundaries a dashboard map draws, as a GeoJSON FeatureCollection built by PostGIS.</summary>
public sealed class SubdistrictMapQuery(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Boundaries are simplified to about 20 m (a street-level map needs no more) and written with 6 decimals, which
    /// keeps a district's map small. A caller limited to some buildings sees the subdistricts those buildings are in.
    /// </summary>
    public async Task<string> GeoJsonAsync(DashboardScope scope, int? districtId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var conditions = "";
        if (districtId is { } district)
        {
            conditions += " AND s.district_id = @district";
            command.Parameters.Add(new NpgsqlParameter<int>("district", district));
        }
        if (scope.BuildingIds is not null)
        {
            conditions += $" AND EXISTS (SELECT 1 FROM buildings b WHERE b.subdistrict_id = s.id{DashboardSql.Conditions("b", "id", scope, DashboardFilter.None, command)})";
        }
        command.CommandText = $"""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                       'type', 'Feature',
                       'id', s.id,
                       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(s.boundary, 0.0002), 6)::json,
                       'properties', json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'nameEn', s.name_en, 'districtId', s.district_id)
                   ) ORDER BY s.code), '[]'::json))::text
            FROM subdistricts s
            WHERE true{conditions}
            """;
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
