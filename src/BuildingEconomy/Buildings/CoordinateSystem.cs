using System.Text.Json.Serialization;

namespace BuildingEconomy.Buildings;

/// <summary>
/// The coordinate systems people copy positions from. The register stores WGS-84; Chinese web maps show
/// positions shifted by the GCJ-02 obfuscation (AMap, Tencent) or further by Baidu's BD-09.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CoordinateSystem>))]
public enum CoordinateSystem { Wgs84, Gcj02, Bd09 }

/// <summary>A longitude/latitude pair in degrees, in some <see cref="CoordinateSystem"/>.</summary>
public readonly record struct LonLat(double Longitude, double Latitude);

/// <summary>
/// Conversions between WGS-84, GCJ-02 and BD-09, using the widely published formulas (the Krasovsky
/// ellipsoid parameters of the GCJ-02 algorithm and Baidu's offset). GCJ-02 has no closed-form inverse:
/// WGS-84 is found by iterating the forward transform until it reproduces the given GCJ-02 point to well
/// under a millimetre, rather than the one-step approximation many libraries use (off by up to a metre).
/// Outside China no shift is applied, as the Chinese maps themselves do.
/// </summary>
public static class CoordinateConversion
{
    private const double KrasovskySemiMajorAxis = 6378245.0;
    private const double KrasovskyEccentricitySquared = 0.00669342162296594323;
    private const double BaiduXPi = Math.PI * 3000.0 / 180.0;

    public static LonLat ToWgs84(LonLat point, CoordinateSystem from) => from switch
    {
        CoordinateSystem.Wgs84 => point,
        CoordinateSystem.Gcj02 => Gcj02ToWgs84(point),
        CoordinateSystem.Bd09 => Gcj02ToWgs84(Bd09ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, null),
    };

    public static LonLat FromWgs84(LonLat point, CoordinateSystem to) => to switch
    {
        CoordinateSystem.Wgs84 => point,
        CoordinateSystem.Gcj02 => Wgs84ToGcj02(point),
        CoordinateSystem.Bd09 => Gcj02ToBd09(Wgs84ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, null),
    };

    /// <summary>The rough rectangle the GCJ-02 shift applies in (the published implementations' bounds).</summary>
    public static bool IsOutsideChina(LonLat point) =>
        point.Longitude < 72.004 || point.Longitude > 137.8347 || point.Latitude < 0.8293 || point.Latitude > 55.8271;

    public static LonLat Wgs84ToGcj02(LonLat wgs)
    {
        if (IsOutsideChina(wgs)) return wgs;
        var (dLon, dLat) = Gcj02Shift(wgs);
        return new LonLat(wgs.Longitude + dLon, wgs.Latitude + dLat);
    }

    public static LonLat Gcj02ToWgs84(LonLat gcj)
    {
        if (IsOutsideChina(gcj)) return gcj;
        // The shift varies slowly (metres per kilometre), so fixed-point iteration converges in a few steps.
        var guess = gcj;
        for (var i = 0; i < 30; i++)
        {
            var forward = Wgs84ToGcj02(guess);
            var errorLon = forward.Longitude - gcj.Longitude;
            var errorLat = forward.Latitude - gcj.Latitude;
            guess = new LonLat(guess.Longitude - errorLon, guess.Latitude - errorLat);
            if (Math.Abs(errorLon) < 1e-10 && Math.Abs(errorLat) < 1e-10) break;
        }
        return guess;
    }

    public static LonLat Gcj02ToBd09(LonLat gcj)
    {
        var (x, y) = (gcj.Longitude, gcj.Latitude);
        var z = Math.Sqrt(x * x + y * y) + 0.00002 * Math.Sin(y * BaiduXPi);
        var theta = Math.Atan2(y, x) + 0.000003 * Math.Cos(x * BaiduXPi);
        return new LonLat(z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>
    /// The published closed form is itself only an approximate inverse of <see cref="Gcj02ToBd09"/> (off by a few
    /// centimetres); a few correction steps make it reproduce the BD-09 point exactly.
    /// </summary>
    public static LonLat Bd09ToGcj02(LonLat bd)
    {
        var guess = Bd09ToGcj02Approximately(bd);
        for (var i = 0; i < 10; i++)
        {
            var forward = Gcj02ToBd09(guess);
            var errorLon = forward.Longitude - bd.Longitude;
            var errorLat = forward.Latitude - bd.Latitude;
            guess = new LonLat(guess.Longitude - errorLon, guess.Latitude - errorLat);
            if (Math.Abs(errorLon) < 1e-11 && Math.Abs(errorLat) < 1e-11) break;
        }
        return guess;
    }

    /// <summary>Baidu's published closed-form BD-09 to GCJ-02 conversion.</summary>
    public static LonLat Bd09ToGcj02Approximately(LonLat bd)
    {
        var x = bd.Longitude - 0.0065;
        var y = bd.Latitude - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * BaiduXPi);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * BaiduXPi);
        return new LonLat(z * Math.Cos(theta), z * Math.Sin(theta));
    }

    private static (double DLon, double DLat) Gcj02Shift(LonLat wgs)
    {
        var x = wgs.Longitude - 105.0;
        var y = wgs.Latitude - 35.0;
        var dLat = ShiftLatitude(x, y);
        var dLon = ShiftLongitude(x, y);
        var radLat = wgs.Latitude / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - KrasovskyEccentricitySquared * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (KrasovskySemiMajorAxis * (1 - KrasovskyEccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (KrasovskySemiMajorAxis / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    private static double ShiftLatitude(double x, double y)
    {
        var shift = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        shift += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        shift += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        shift += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return shift;
    }

    private static double ShiftLongitude(double x, double y)
    {
        var shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        shift += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        shift += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        shift += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return shift;
    }
}
