using System.Text.Json;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace BuildingEconomy.Buildings.Import;

/// <summary>
/// District and subdistrict boundaries from GeoJSON (the format /api/v1/boundaries exports): features with
/// properties kind (district | subdistrict), code, name, nameEn and, for a subdistrict, districtCode. Upserted by
/// code in one transaction; the database trigger then reassigns the buildings a redrawn boundary moves.
/// </summary>
public sealed class BoundaryImport(BuildingEconomyDbContext db, IStringLocalizer<SharedResource> t)
{
    public async Task<ImportReport> RunAsync(Stream content, bool dryRun, CancellationToken cancellationToken = default)
    {
        const string sheet = "GeoJSON";
        var problems = new List<ImportProblem>();
        FeatureCollection features;
        try
        {
            features = JsonSerializer.Deserialize<FeatureCollection>(content, new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } }) ?? [];
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            problems.Add(new ImportProblem(sheet, 0, t[Register.RegisterMessages.FieldLabelKey("file")], t["Register.Import.Unreadable", e.Message]));
            return new ImportReport(dryRun, false, new(0, 0, 0, 0), new(0, 0, 0, 0), problems, []);
        }

        string Header(string field) => t[Register.RegisterMessages.FieldLabelKey(field)];
        string? Text(IFeature f, string name) => f.Attributes?.Exists(name) == true && f.Attributes[name] is { } v && v.ToString() is { Length: > 0 } s ? s.Trim() : null;

        var districts = await db.Districts.ToDictionaryAsync(d => d.AdminCode, cancellationToken);
        var subdistricts = await db.Subdistricts.ToDictionaryAsync(s => s.Code, cancellationToken);
        int created = 0, updated = 0, unchanged = 0, number = 0;
        var pending = new List<(int Row, IFeature Feature, MultiPolygon Boundary)>();
        foreach (var feature in features)
        {
            number++;
            var kind = Text(feature, "kind");
            var code = Text(feature, "code");
            var name = Text(feature, "name");
            MultiPolygon? boundary = feature.Geometry switch
            {
                MultiPolygon m => m,
                Polygon p => new MultiPolygon([p], p.Factory),
                _ => null,
            };
            if (kind is not ("district" or "subdistrict")) problems.Add(new(sheet, number, Header("kind"), new Register.FieldProblem("kind", Register.Problems.UnknownValue, kind ?? "").Message(t)));
            if (code is null) problems.Add(new(sheet, number, Header("code"), new Register.FieldProblem("code", Register.Problems.Required).Message(t)));
            if (name is null) problems.Add(new(sheet, number, Header("name"), new Register.FieldProblem("name", Register.Problems.Required).Message(t)));
            if (boundary is null || !boundary.IsValid) problems.Add(new(sheet, number, Header("boundary"), new Register.FieldProblem("boundary", Register.Problems.UnknownValue, feature.Geometry?.GeometryType ?? "").Message(t)));
            if (kind is null || code is null || name is null || boundary is null) continue;
            boundary.SRID = 4326;
            pending.Add((number, feature, boundary));
        }

        // Districts first, so that subdistricts in the same file can refer to them.
        foreach (var (row, feature, boundary) in pending.OrderBy(p => Text(p.Feature, "kind") == "subdistrict"))
        {
            var code = Text(feature, "code")!;
            var name = Text(feature, "name")!;
            var nameEn = Text(feature, "nameEn") ?? name;
            if (Text(feature, "kind") == "district")
            {
                if (code.Length != 6 || !code.All(char.IsAsciiDigit)) { problems.Add(new(sheet, row, Header("code"), new Register.FieldProblem("code", Register.Problems.DivisionCode).Message(t))); continue; }
                if (!districts.TryGetValue(code, out var district))
                {
                    districts[code] = new District { AdminCode = code, Name = name, NameEn = nameEn, Boundary = boundary };
                    db.Districts.Add(districts[code]);
                    created++;
                }
                else if (district.Name != name || district.NameEn != nameEn || !district.Boundary.EqualsExact(boundary))
                {
                    (district.Name, district.NameEn, district.Boundary) = (name, nameEn, boundary);
                    updated++;
                }
                else unchanged++;
            }
            else
            {
                if (Text(feature, "districtCode") is not { } districtCode || !districts.TryGetValue(districtCode, out var district))
                {
                    problems.Add(new(sheet, row, Header("districtCode"), new Register.FieldProblem("districtCode", Register.Problems.Unknown, Text(feature, "districtCode") ?? "").Message(t)));
                    continue;
                }
                if (!subdistricts.TryGetValue(code, out var subdistrict))
                {
                    db.Subdistricts.Add(new Subdistrict { Code = code, Name = name, NameEn = nameEn, Boundary = boundary, District = district });
                    created++;
                }
                else if (subdistrict.Name != name || subdistrict.NameEn != nameEn || subdistrict.DistrictId != district.Id || !subdistrict.Boundary.EqualsExact(boundary))
                {
                    (subdistrict.Name, subdistrict.NameEn, subdistrict.Boundary, subdistrict.District) = (name, nameEn, boundary, district);
                    updated++;
                }
                else unchanged++;
            }
        }
        var counts = new ImportCounts(number, created, updated, unchanged);
        if (problems.Count > 0 || dryRun)
        {
            db.ChangeTracker.Clear();
            return new ImportReport(dryRun, false, counts, new(0, 0, 0, 0), [.. problems.OrderBy(p => p.Row)], []);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ImportReport(false, true, counts, new(0, 0, 0, 0), [], []);
    }
}
