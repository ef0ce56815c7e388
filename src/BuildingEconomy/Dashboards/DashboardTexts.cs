using System.Globalization;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Dashboards;

/// <summary>A UI text in both languages, for API callers that show either.</summary>
public sealed record BilingualText(string Zh, string En);

/// <summary>
/// The dashboard's UI texts from SharedResource: in the request's language for pages and exports, in both
/// languages for the API's figure definitions.
/// </summary>
public sealed class DashboardTexts(IStringLocalizer<SharedResource> localizer)
{
    private readonly IStringLocalizer text = new CachingLocalizer(localizer);

    public IStringLocalizer Localizer => text;

    public string this[string key] => text[key];

    public string this[string key, params object[] arguments] => text[key, arguments];

    public BilingualText Both(string key) => new(In(key, Cultures.Chinese), In(key, Cultures.English));

    /// <summary>A text in one language regardless of the request's; null when the resource has no such key.</summary>
    public string? Optional(string key)
    {
        var found = text[key];
        return found.ResourceNotFound ? null : found.Value;
    }

    public string In(string key, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return text[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public string FigureName(FigureDefinition figure) => text[figure.NameResourceKey];

    /// <summary>A tax figure's name says its basis (口径), e.g. "单位面积税收（全口径）".</summary>
    public string FigureName(FigureValue value) => value.TaxBasis is { } basis
        ? text["Dashboard.WithBasis", text[value.Figure.NameResourceKey], text[$"Dashboard.TaxBasis.{basis}"]]
        : text[value.Figure.NameResourceKey];

    public string Format(FigureValue value) => FigureFormatter.Format(value, CultureInfo.CurrentCulture, text);

    public string Format(FigureUnit unit, decimal? value) => FigureFormatter.Format(unit, value, CultureInfo.CurrentCulture, text);

    public string FormatChange(FigureUnit unit, decimal? change) => FigureFormatter.FormatChange(unit, change, CultureInfo.CurrentCulture, text);

    public string Period(DateOnly period) => text["Dashboard.PeriodValue", period.ToDateTime(TimeOnly.MinValue)];

}
