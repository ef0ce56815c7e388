using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace BuildingEconomy.Buildings.Register;

/// <summary>
/// A building's footprint as the API and the edit page send it: a GeoJSON Polygon or MultiPolygon in WGS-84 (GeoJSON's
/// own coordinate system, RFC 7946, whatever system the point was typed in). It must be a valid simple polygon and lie
/// within <see cref="MaxDistanceMetres"/> of the building's point; that it lies inside a district is checked by the
/// register against the database.
/// </summary>
public static class FootprintRules
{
    public const string Field = "footprint";
    public const double MaxDistanceMetres = 100;

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>The footprint to store, or the problems with it.</summary>
    public static (MultiPolygon? Footprint, List<FieldProblem> Problems) Check(JsonElement geoJson, Point location)
    {
        var problems = new List<FieldProblem>();
        var footprint = Parse(geoJson);
        if (footprint is null)
        {
            problems.Add(new(Field, Problems.FootprintNotPolygon));
            return (null, problems);
        }
        if (!footprint.IsValid || !footprint.IsSimple || footprint.IsEmpty || footprint.Area == 0)
        {
            problems.Add(new(Field, Problems.FootprintInvalid));
            return (null, problems);
        }
        if (DistanceMetres(footprint, location) > MaxDistanceMetres)
            problems.Add(new(Field, Problems.FootprintTooFar, MaxDistanceMetres));
        return (problems.Count == 0 ? footprint : null, problems);
    }

    public static JsonElement ToGeoJson(MultiPolygon footprint) =>
        JsonSerializer.SerializeToElement<Geometry>(footprint.NumGeometries == 1 ? footprint.GetGeometryN(0) : footprint, GeoJson);

    private static MultiPolygon? Parse(JsonElement geoJson)
    {
        if (geoJson.ValueKind != JsonValueKind.Object) return null;
        Geometry? geometry;
        try
        {
            geometry = geoJson.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
        // Seven decimals is about a centimetre, as for the point: more is noise from the drawing, not information.
        var polygons = geometry switch
        {
            Polygon p => [p],
            MultiPolygon m => m.Geometries.Cast<Polygon>().ToArray(),
            _ => null,
        };
        if (polygons is null || polygons.Any(p => p.Coordinates.Any(c => double.IsNaN(c.X) || c.X is < -180 or > 180 || c.Y is < -90 or > 90))) return null;
        var rounded = new MultiPolygon([.. polygons.Select(p => (Polygon)p.Copy())], Wgs84);
        rounded.Apply(new RoundCoordinates());
        rounded.GeometryChanged();
        return rounded;
    }

    /// <summary>
    /// Metres from the point to the nearest part of the footprint (0 inside it), on a local flat projection around
    /// the point: at 100 m the error is far below a metre, and it needs no database round trip.
    /// </summary>
    public static double DistanceMetres(Geometry footprint, Point location)
    {
        const double metresPerDegreeLatitude = 110_574;
        var metresPerDegreeLongitude = 111_320 * Math.Cos(location.Y * Math.PI / 180);
        var local = footprint.Copy();
        local.Apply(new Scale(location.X, location.Y, metresPerDegreeLongitude, metresPerDegreeLatitude));
        local.GeometryChanged();
        return local.Distance(new Point(0, 0));
    }

    private sealed class RoundCoordinates : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Math.Round(seq.GetX(i), 7));
                seq.SetY(i, Math.Round(seq.GetY(i), 7));
            }
        }
    }

    private sealed class Scale(double originX, double originY, double x, double y) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, (seq.GetX(i) - originX) * x);
                seq.SetY(i, (seq.GetY(i) - originY) * y);
            }
        }
    }
}
