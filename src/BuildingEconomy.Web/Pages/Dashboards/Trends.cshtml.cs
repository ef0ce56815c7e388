using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>A chart of 24 months per figure, each drawn from the data table printed beneath it.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class TrendsModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text) : DashboardPage(caller, dashboards, text)
{
    public static readonly IReadOnlyList<(string Id, string Kind, FigureDefinition[] Figures)> Charts =
    [
        ("vacancy", "line", [FigureCatalog.VacancyRate, FigureCatalog.AvailabilityRate, FigureCatalog.ResidenceRate]),
        ("signed", "line", [FigureCatalog.SaleRate, FigureCatalog.LeaseRate, FigureCatalog.SignedRate]),
        ("absorption", "bar", [FigureCatalog.NetAbsorption]),
        ("hidden-vacancy", "line", [FigureCatalog.SignedNotResidentArea]),
        ("registration", "line", [FigureCatalog.LocalRegistrationRate, FigureCatalog.LocalRegistrationRateByArea]),
        ("filing", "line", [FigureCatalog.FilingRate]),
        ("tax", "line", [FigureCatalog.TaxPerSquareMetre]),
        ("billion-yuan", "bar", [FigureCatalog.BillionYuanBuildings]),
    ];

    public override string Section => "trends";

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int? SubdistrictId { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int? BuildingId { get; set; }

    public DashboardTrend? Trend { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        Trend = await Dashboards.TrendAsync(Month, Scope, new DashboardFilter(DistrictId, SubdistrictId, BuildingId), cancellationToken);
    }

    /// <summary>A chart's columns; tax figures once per basis any month has.</summary>
    public IReadOnlyList<FigureColumn> Columns(IEnumerable<FigureDefinition> figures)
    {
        var bases = Trend!.Figures.SelectMany(f => f.TaxBases).Distinct().Order().ToList();
        return [.. figures.SelectMany(f => f.IsTax ? bases.Select(b => new FigureColumn(f, b)) : [new FigureColumn(f)])];
    }
}
