using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace BuildingEconomy.Demo;

/// <summary>
/// Boundaries of fictional districts: an irregular outline cut into subdistricts by a Voronoi diagram, so
/// subdistricts tile their district without gaps or overlaps, as real street-office areas do.
/// </summary>
internal static class DemoGeography
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    // Degrees of longitude and latitude; about 10 × 9 km at these latitudes.
    private const double RadiusLon = 0.05;
    private const double RadiusLat = 0.04;
    private const double GridSpacing = 0.16;

    public static Coordinate DistrictCentre(int districtIndex, int districtCount)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(districtCount));
        return new Coordinate(113.95 + districtIndex % columns * GridSpacing, 22.55 + districtIndex / columns * GridSpacing);
    }

    public static Polygon DistrictOutline(Coordinate centre, Random random)
    {
        const int corners = 28;
        var ring = new Coordinate[corners + 1];
        var wobble = Enumerable.Range(0, 4).Select(_ => random.NextDouble() * Math.PI * 2).ToArray();
        for (var i = 0; i < corners; i++)
        {
            var angle = Math.PI * 2 * i / corners;
            var scale = 1 + 0.12 * Math.Sin(2 * angle + wobble[0]) + 0.08 * Math.Sin(3 * angle + wobble[1]) + 0.05 * Math.Sin(5 * angle + wobble[2]);
            ring[i] = Round(new Coordinate(centre.X + RadiusLon * scale * Math.Cos(angle), centre.Y + RadiusLat * scale * Math.Sin(angle)));
        }
        ring[corners] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    public static List<MultiPolygon> Subdistricts(Polygon district, int count, Random random)
    {
        var sites = new List<Coordinate>();
        var locator = new IndexedPointInAreaLocator(district);
        var envelope = district.EnvelopeInternal;
        while (sites.Count < count)
        {
            var site = new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width,
                envelope.MinY + random.NextDouble() * envelope.Height);
            // Sites kept apart so that no subdistrict is a sliver.
            if (locator.Locate(site) == Location.Interior && sites.All(s => s.Distance(site) > RadiusLat * 0.45))
            {
                sites.Add(site);
            }
        }
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        builder.ClipEnvelope = new Envelope(envelope.MinX - 0.1, envelope.MaxX + 0.1, envelope.MinY - 0.1, envelope.MaxY + 0.1);
        var cells = builder.GetDiagram(Factory);
        return sites
            .Select(site => cells.Geometries.First(cell => cell.Contains(Factory.CreatePoint(site))))
            .Select(cell => ToMultiPolygon(cell.Intersection(district)))
            .ToList();
    }

    public static MultiPolygon ToMultiPolygon(Geometry geometry)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries)
            .Select(geometry.GetGeometryN)
            .OfType<Polygon>()
            .ToArray();
        return Factory.CreateMultiPolygon(polygons);
    }

    /// <summary>A random point well inside the area (at least ~40 m from its edge).</summary>
    public static Point PointInside(MultiPolygon area, IndexedPointInAreaLocator locator, Random random)
    {
        var envelope = area.EnvelopeInternal;
        while (true)
        {
            var candidate = Round(new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width,
                envelope.MinY + random.NextDouble() * envelope.Height));
            if (locator.Locate(candidate) != Location.Interior) continue;
            var point = Factory.CreatePoint(candidate);
            if (area.Boundary.Distance(point) > 0.0004) return point;
        }
    }

    private static Coordinate Round(Coordinate c) => new(Math.Round(c.X, 6), Math.Round(c.Y, 6));
}
