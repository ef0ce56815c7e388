using BuildingEconomy.Buildings;

namespace BuildingEconomy.Tests.Buildings;

/// <summary>
/// Reference values are those published with the widely used coordtransform implementations
/// (input 116.404, 39.915) and the well-known positions of Tiananmen and Beijing railway station.
/// </summary>
public class CoordinateConversionTests
{
    // 1e-9° is about 0.1 mm: the published values were computed with the same double arithmetic.
    private const double Exact = 1e-9;
    // 1e-5° is about 1 m: hand-read map positions, and the published one-step GCJ-02 inverse.
    private const double Metre = 1e-5;

    [Fact]
    public void Wgs84_to_Gcj02_matches_the_published_reference()
    {
        var gcj = CoordinateConversion.Wgs84ToGcj02(new LonLat(116.404, 39.915));

        Assert.Equal(116.41024449916938, gcj.Longitude, Exact);
        Assert.Equal(39.91640428150164, gcj.Latitude, Exact);
    }

    [Fact]
    public void Gcj02_to_Bd09_matches_the_published_reference()
    {
        var bd = CoordinateConversion.Gcj02ToBd09(new LonLat(116.404, 39.915));

        Assert.Equal(116.41036949371029, bd.Longitude, Exact);
        Assert.Equal(39.92133699351021, bd.Latitude, Exact);
    }

    [Fact]
    public void Bd09_to_Gcj02_closed_form_matches_the_published_reference()
    {
        var gcj = CoordinateConversion.Bd09ToGcj02Approximately(new LonLat(116.404, 39.915));

        Assert.Equal(116.39762729119315, gcj.Longitude, Exact);
        Assert.Equal(39.90865673957631, gcj.Latitude, Exact);
    }

    [Fact]
    public void Bd09_to_Gcj02_refined_is_within_centimetres_of_the_published_reference_and_inverts_exactly()
    {
        var bd = new LonLat(116.404, 39.915);

        var gcj = CoordinateConversion.Bd09ToGcj02(bd);

        Assert.Equal(116.39762729119315, gcj.Longitude, 1e-6);
        Assert.Equal(39.90865673957631, gcj.Latitude, 1e-6);
        var again = CoordinateConversion.Gcj02ToBd09(gcj);
        Assert.Equal(bd.Longitude, again.Longitude, Exact);
        Assert.Equal(bd.Latitude, again.Latitude, Exact);
    }

    [Fact]
    public void Gcj02_to_Wgs84_agrees_with_the_published_one_step_inverse_to_within_a_metre()
    {
        var wgs = CoordinateConversion.Gcj02ToWgs84(new LonLat(116.404, 39.915));

        Assert.Equal(116.39775550083061, wgs.Longitude, Metre);
        Assert.Equal(39.91359571849836, wgs.Latitude, Metre);
    }

    [Fact]
    public void Tiananmen_in_Wgs84_is_where_AMap_shows_it_in_Gcj02()
    {
        var tiananmenWgs = new LonLat(116.397428, 39.90923);

        var gcj = CoordinateConversion.FromWgs84(tiananmenWgs, CoordinateSystem.Gcj02);

        Assert.Equal(116.403671, gcj.Longitude, 2e-5);
        Assert.Equal(39.910634, gcj.Latitude, 2e-5);
    }

    [Fact]
    public void Beijing_railway_station_in_Gcj02_is_where_Baidu_shows_it_in_Bd09()
    {
        var bd = CoordinateConversion.Gcj02ToBd09(new LonLat(116.42703, 39.90245));

        Assert.Equal(116.43351, bd.Longitude, Metre);
        Assert.Equal(39.90851, bd.Latitude, Metre);
    }

    [Theory]
    [InlineData(116.397428, 39.90923)] // Beijing
    [InlineData(121.499718, 31.239703)] // Shanghai
    [InlineData(113.324520, 23.106067)] // Guangzhou
    [InlineData(104.065735, 30.659462)] // Chengdu
    [InlineData(87.617733, 43.792818)] // Urumqi
    public void Round_trips_through_every_system_return_the_starting_point(double longitude, double latitude)
    {
        var start = new LonLat(longitude, latitude);
        foreach (var system in Enum.GetValues<CoordinateSystem>())
        {
            var there = CoordinateConversion.FromWgs84(start, system);
            var back = CoordinateConversion.ToWgs84(there, system);

            // 1e-8° is about a millimetre.
            Assert.Equal(start.Longitude, back.Longitude, 1e-8);
            Assert.Equal(start.Latitude, back.Latitude, 1e-8);
        }
    }

    [Fact]
    public void Bd09_input_is_converted_to_Wgs84_through_Gcj02()
    {
        var tiananmenWgs = new LonLat(116.397428, 39.90923);
        var bd = CoordinateConversion.Gcj02ToBd09(CoordinateConversion.Wgs84ToGcj02(tiananmenWgs));

        var wgs = CoordinateConversion.ToWgs84(bd, CoordinateSystem.Bd09);

        Assert.Equal(tiananmenWgs.Longitude, wgs.Longitude, 1e-8);
        Assert.Equal(tiananmenWgs.Latitude, wgs.Latitude, 1e-8);
    }

    [Fact]
    public void The_shift_is_hundreds_of_metres_in_China_and_none_outside()
    {
        var beijing = CoordinateConversion.Wgs84ToGcj02(new LonLat(116.397428, 39.90923));
        Assert.InRange(beijing.Longitude - 116.397428, 0.005, 0.007);

        var london = new LonLat(-0.1276, 51.5072);
        Assert.Equal(london, CoordinateConversion.Wgs84ToGcj02(london));
        Assert.Equal(london, CoordinateConversion.ToWgs84(london, CoordinateSystem.Gcj02));
    }
}
