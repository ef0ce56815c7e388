using System.Text.Json;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace BuildingEconomy.Buildings.Register;

/// <summary>
/// District and subdistrict boundaries as one GeoJSON FeatureCollection: the base layer of the location map when
/// no tile server is configured, and the export format of boundaries.
/// </summary>
public static class BoundaryGeoJson
{
    public static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    public static async Task<FeatureCollection> QueryAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken = default)
    {
        var collection = new FeatureCollection();
        foreach (var d in await db.Districts.AsNoTracking().OrderBy(d => d.AdminCode).ToListAsync(cancellationToken))
        {
            collection.Add(new Feature(d.Boundary, new AttributesTable
            {
                { "kind", "district" }, { "id", d.Id }, { "code", d.AdminCode }, { "name", d.Name }, { "nameEn", d.NameEn },
            }));
        }
        foreach (var s in await db.Subdistricts.AsNoTracking().Include(s => s.District).OrderBy(s => s.Code).ToListAsync(cancellationToken))
        {
            collection.Add(new Feature(s.Boundary, new AttributesTable
            {
                { "kind", "subdistrict" }, { "id", s.Id }, { "code", s.Code }, { "name", s.Name }, { "nameEn", s.NameEn },
                { "districtCode", s.District!.AdminCode },
            }));
        }
        return collection;
    }

    public static async Task<ContentHttpResult> GetAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Text(JsonSerializer.Serialize(await QueryAsync(db, cancellationToken), Options), "application/geo+json", statusCode: StatusCodes.Status200OK);
}
