using System.Text.Json;
using BuildingEconomy.Buildings.Register;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Tests.Buildings;

public class FootprintRulesTests
{
    private static readonly Point Location = new(120.05, 30.1) { SRID = 4326 };

    private static JsonElement Polygon(params (double Lon, double Lat)[] ring) =>
        JsonSerializer.SerializeToElement(new { type = "Polygon", coordinates = new[] { ring.Select(p => new[] { p.Lon, p.Lat }).ToArray() } });

    /// <summary>A square of about 40 m a side with its south-west corner at the offset (in degrees) from the point.</summary>
    private static JsonElement Square(double dLon, double dLat, double side = 0.0004) => Polygon(
        (Location.X + dLon, Location.Y + dLat), (Location.X + dLon + side, Location.Y + dLat), (Location.X + dLon + side, Location.Y + dLat + side),
        (Location.X + dLon, Location.Y + dLat + side), (Location.X + dLon, Location.Y + dLat));

    [Fact]
    public void A_square_around_the_point_is_stored_as_a_multipolygon_in_Wgs84()
    {
        var (footprint, problems) = FootprintRules.Check(Square(-0.0002, -0.0002), Location);

        Assert.Empty(problems);
        Assert.NotNull(footprint);
        Assert.Equal(4326, footprint.SRID);
        Assert.Single(footprint.Geometries);
        Assert.True(footprint.Contains(Location));
    }

    [Fact]
    public void A_self_crossing_bow_tie_is_not_a_simple_polygon()
    {
        var bowTie = Polygon((120.05, 30.1), (120.0504, 30.1004), (120.0504, 30.1), (120.05, 30.1004), (120.05, 30.1));

        var (footprint, problems) = FootprintRules.Check(bowTie, Location);

        Assert.Null(footprint);
        Assert.Equal((FootprintRules.Field, Problems.FootprintInvalid), (Assert.Single(problems).Field, problems[0].MessageKey));
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[120.05,30.1]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[120.05,30.1],[120.06,30.1]]]}""")]
    [InlineData("\"不是GeoJSON\"")]
    [InlineData("""{"type":"Polygon","coordinates":[[[190,30.1],[190.1,30.1],[190.1,30.2],[190,30.1]]]}""")]
    public void What_is_not_a_polygon_is_refused_naming_the_footprint(string json)
    {
        var (footprint, problems) = FootprintRules.Check(JsonDocument.Parse(json).RootElement, Location);

        Assert.Null(footprint);
        Assert.Equal(FootprintRules.Field, Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData(0.0009, false)] // nearest edge about 86 m east of the point
    [InlineData(0.0011, true)] // about 106 m
    public void The_footprint_must_come_within_100_metres_of_the_point(double dLon, bool tooFar)
    {
        var (_, problems) = FootprintRules.Check(Square(dLon, -0.0002), Location);

        Assert.Equal(tooFar, problems.Any(p => p.MessageKey == Problems.FootprintTooFar));
    }

    [Fact]
    public void Distance_is_measured_in_metres_on_the_ground()
    {
        // 0.001° of longitude at 30.1°N is about 96.3 m; 0.001° of latitude about 110.6 m.
        var east = new Point(120.051, 30.1);
        var north = new Point(120.05, 30.101);

        Assert.Equal(96.3, FootprintRules.DistanceMetres(east, Location), 0);
        Assert.Equal(110.6, FootprintRules.DistanceMetres(north, Location), 0);
    }
}
