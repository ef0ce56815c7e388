using BuildingEconomy.Dashboards;
using BuildingEconomy.Returns;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>A column of a figure table: a figure, and for tax figures the basis (口径) it is on.</summary>
public sealed record FigureColumn(FigureDefinition Figure, TaxBasis? Basis = null)
{
    public string Id => Basis is { } basis ? $"{Figure.Key}-{basis}" : Figure.Key;

    public FigureValue ValueIn(FigureSet figures) => figures.Find(Figure, Basis) ?? new FigureValue(Figure, null, TaxBasis: Basis);

    /// <summary>The figures asked for; tax figures once per basis the total has, and only when the caller may see tax.</summary>
    public static IReadOnlyList<FigureColumn> For(IEnumerable<FigureDefinition> figures, FigureSet total) =>
        [.. figures.SelectMany(f => f.IsTax
            ? total.TaxBases.OrderBy(b => b).Select(b => new FigureColumn(f, b))
            : [new FigureColumn(f)])];
}

/// <summary>A sortable table of groups by figures, with its total row and its Excel export.</summary>
public sealed record FigureTableModel(
    string Id, string GroupHeader, IReadOnlyList<DashboardGroup> Groups, DashboardGroup Total, IReadOnlyList<FigureColumn> Columns,
    Func<DashboardGroup, string?> Link, string ExportUrl, bool English)
{
    /// <summary>Set for a table a map or a chart is drawn from: the column it shows.</summary>
    public string? ChartColumn { get; init; }
    public string? Caption { get; init; }
}
