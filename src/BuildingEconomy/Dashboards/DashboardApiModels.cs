using System.Globalization;

namespace BuildingEconomy.Dashboards;

/// <summary>A figure as the API gives it: the exact value (a rate as a fraction), what it was divided from, and how a page shows it.</summary>
public sealed record FigureDto(string Key, string Unit, decimal? Value, decimal? Numerator, decimal? Denominator, string? TaxBasis, string Display);

public sealed record FigureDefinitionDto(string Key, string Unit, bool IsTax, BilingualText Name, BilingualText Definition, BilingualText? Basis);

public sealed record GroupDto(string? Key, string Name, string? Parent, IReadOnlyList<FigureDto> Figures);

public sealed record SummaryResponse(string Period, string GroupBy, GroupDto Total, IReadOnlyList<GroupDto> Groups, IReadOnlyList<FigureDefinitionDto> Definitions);

public sealed record CardDto(FigureDto Current, FigureDto PreviousMonth, FigureDto SameMonthLastYear,
    decimal? ChangeFromPreviousMonth, string ChangeFromPreviousMonthDisplay, decimal? ChangeFromSameMonthLastYear, string ChangeFromSameMonthLastYearDisplay);

public sealed record OverviewResponse(string Period, string PreviousMonth, string SameMonthLastYear, IReadOnlyList<CardDto> Cards, IReadOnlyList<FigureDefinitionDto> Definitions);

public sealed record SeriesDto(string Key, string Unit, string? TaxBasis, string Name, IReadOnlyList<decimal?> Values, IReadOnlyList<string> Display);

public sealed record TrendResponse(IReadOnlyList<string> Periods, IReadOnlyList<SeriesDto> Series, IReadOnlyList<FigureDefinitionDto> Definitions);

public sealed record VersionResponse(string Version, DateTimeOffset ChangedAt);

/// <summary>Domain results to API shapes, texts in the request's language.</summary>
public static class DashboardApiMapping
{
    public static string Month(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Named once per unit: a summary by building names the unit of tens of thousands of figures.</summary>
    public static string Unit(FigureUnit unit) => UnitNames[unit];

    private static readonly Dictionary<FigureUnit, string> UnitNames =
        Enum.GetValues<FigureUnit>().ToDictionary(u => u, u => JsonNamingPolicyCamelCase(u.ToString()));

    public static FigureDto ToDto(this FigureValue value, DashboardTexts text) =>
        new(value.Key, Unit(value.Figure.Unit), value.Value, value.Numerator, value.Denominator, value.TaxBasis?.ToString(), text.Format(value));

    public static IReadOnlyList<FigureDto> ToDto(this FigureSet figures, DashboardTexts text) => [.. figures.Values.Select(v => v.ToDto(text))];

    public static GroupDto ToDto(this DashboardGroup group, DashboardTexts text, bool english) =>
        new(group.Key, group.Name.In(english), group.Name.ParentIn(english), group.Figures.ToDto(text));

    public static IReadOnlyList<FigureDefinitionDto> Definitions(DashboardTexts text, bool withTax) =>
        [.. FigureCatalog.All.Where(f => withTax || !f.IsTax).Select(f => new FigureDefinitionDto(
            f.Key, Unit(f.Unit), f.IsTax, text.Both(f.NameResourceKey), text.Both(f.DefinitionResourceKey),
            text.Optional(f.BasisResourceKey) is null ? null : text.Both(f.BasisResourceKey)))];

    public static OverviewResponse ToDto(this DashboardOverview overview, DashboardTexts text, bool withTax)
    {
        var cards = overview.Current.Values.Select(current =>
        {
            var previous = overview.PreviousMonth.Find(current.Figure, current.TaxBasis) ?? new FigureValue(current.Figure, null, TaxBasis: current.TaxBasis);
            var lastYear = overview.SameMonthLastYear.Find(current.Figure, current.TaxBasis) ?? new FigureValue(current.Figure, null, TaxBasis: current.TaxBasis);
            var monthChange = FigureCalculator.Change(current, previous);
            var yearChange = FigureCalculator.Change(current, lastYear);
            return new CardDto(current.ToDto(text), previous.ToDto(text), lastYear.ToDto(text),
                monthChange, text.FormatChange(current.Figure.Unit, monthChange), yearChange, text.FormatChange(current.Figure.Unit, yearChange));
        });
        return new OverviewResponse(Month(overview.Period), Month(overview.Period.AddMonths(-1)), Month(overview.Period.AddMonths(-12)),
            [.. cards], Definitions(text, withTax));
    }

    public static TrendResponse ToDto(this DashboardTrend trend, DashboardTexts text, bool withTax)
    {
        // Every figure (and tax basis) that occurs in any month is a series, with null where a month has no data.
        var series = trend.Figures.SelectMany(f => f.Values).Select(v => (v.Figure, v.TaxBasis)).Distinct()
            .OrderBy(s => FigureCatalogIndex(s.Figure)).ThenBy(s => s.TaxBasis)
            .Select(s =>
            {
                var values = trend.Figures.Select(f => f.Find(s.Figure, s.TaxBasis) ?? new FigureValue(s.Figure, null, TaxBasis: s.TaxBasis)).ToList();
                return new SeriesDto(s.Figure.Key, Unit(s.Figure.Unit), s.TaxBasis?.ToString(), text.FigureName(values[0]),
                    [.. values.Select(v => v.Value)], [.. values.Select(text.Format)]);
            });
        return new TrendResponse([.. trend.Periods.Select(Month)], [.. series], Definitions(text, withTax));
    }

    public static int FigureCatalogIndex(FigureDefinition figure) => FigureCatalog.All.ToList().IndexOf(figure);

    private static string JsonNamingPolicyCamelCase(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
