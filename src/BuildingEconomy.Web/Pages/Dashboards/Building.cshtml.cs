using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>One building: its figures for the month and the tenant roster of its latest applied return.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class BuildingModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text, RosterQuery rosters)
    : DashboardPage(caller, dashboards, text)
{
    public static readonly IReadOnlyList<FigureDefinition> CardFigures =
    [
        FigureCatalog.VacancyRate, FigureCatalog.AvailabilityRate, FigureCatalog.SaleRate, FigureCatalog.LeaseRate, FigureCatalog.SignedRate,
        FigureCatalog.ResidenceRate, FigureCatalog.SignedNotResidentArea, FigureCatalog.NetAbsorption,
        FigureCatalog.LocalRegistrationRate, FigureCatalog.LocalRegistrationRateByArea, FigureCatalog.ResidentEnterprises,
        FigureCatalog.LeasableArea, FigureCatalog.TaxAmount, FigureCatalog.TaxPerSquareMetre, FigureCatalog.BillionYuanBuildings,
    ];

    public override string Section => "drill";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public DashboardOverview? Overview { get; private set; }
    public BuildingRoster? Roster { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        // Outside the caller's scope is the same page as no such building: existence is not revealed.
        if (!Scope.Includes(Id)) return NotFound();
        Roster = await rosters.LatestAsync(Id, Month, Scope.CanSeeTax, cancellationToken);
        if (Roster is null) return NotFound();
        Overview = await Dashboards.OverviewAsync(Month, Scope, new DashboardFilter(BuildingId: Id), cancellationToken);
        return Page();
    }

    public IEnumerable<FigureCardModel> Cards => CardFigures
        .SelectMany(figure => Overview!.Current.Values.Where(v => v.Figure == figure))
        .Select(current => new FigureCardModel(current,
            Overview!.PreviousMonth.Find(current.Figure, current.TaxBasis),
            Overview.SameMonthLastYear.Find(current.Figure, current.TaxBasis)));
}
