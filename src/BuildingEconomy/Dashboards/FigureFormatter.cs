using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// How a figure reads on a page, in an export's header or in the API's <c>display</c>: in the user's culture, with
/// its unit, rounded half away from zero (四舍五入) from the exact value, and "no data" for null.
/// </summary>
public static class FigureFormatter
{
    public static string Format(FigureValue value, CultureInfo culture, IStringLocalizer text) =>
        Format(value.Figure.Unit, value.Value, culture, text);

    public static string Format(FigureUnit unit, decimal? value, CultureInfo culture, IStringLocalizer text)
    {
        if (value is not { } v) return text["Dashboard.NoData"];
        return unit switch
        {
            FigureUnit.Rate => text["Dashboard.Unit.Percent", Percent(v).ToString("N1", culture)],
            FigureUnit.SquareMetres => text["Dashboard.Unit.SquareMetres", Round(v, 2).ToString("N2", culture)],
            FigureUnit.Yuan => text["Dashboard.Unit.Yuan", Round(v, 2).ToString("N2", culture)],
            FigureUnit.YuanPerSquareMetre => text["Dashboard.Unit.YuanPerSquareMetre", Round(v, 2).ToString("N2", culture)],
            _ => Round(v, 0).ToString("N0", culture),
        };
    }

    /// <summary>A change between months, signed; rates in percentage points.</summary>
    public static string FormatChange(FigureUnit unit, decimal? change, CultureInfo culture, IStringLocalizer text)
    {
        if (change is not { } c) return text["Dashboard.NoData"];
        return unit switch
        {
            FigureUnit.Rate => text["Dashboard.Unit.PercentagePoints", Signed(Percent(c), "N1", culture)],
            FigureUnit.SquareMetres => text["Dashboard.Unit.SquareMetres", Signed(Round(c, 2), "N2", culture)],
            FigureUnit.Yuan => text["Dashboard.Unit.Yuan", Signed(Round(c, 2), "N2", culture)],
            FigureUnit.YuanPerSquareMetre => text["Dashboard.Unit.YuanPerSquareMetre", Signed(Round(c, 2), "N2", culture)],
            _ => Signed(Round(c, 0), "N0", culture),
        };
    }

    /// <summary>A rate as a percentage with one decimal, rounded once from the exact quotient.</summary>
    public static decimal Percent(decimal rate) => Math.Round(rate * 100m, 1, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    private static string Signed(decimal value, string format, CultureInfo culture) =>
        value > 0 ? culture.NumberFormat.PositiveSign + value.ToString(format, culture) : value.ToString(format, culture);
}
