using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>The overview: a card per figure with its change from last month and from the same month last year.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class IndexModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text) : DashboardPage(caller, dashboards, text)
{
    /// <summary>The cards, in sections a leader reads top to bottom.</summary>
    public static readonly IReadOnlyList<(string TitleKey, FigureDefinition[] Figures)> Sections =
    [
        ("Dashboard.Section.Vacancy", [FigureCatalog.VacancyRate, FigureCatalog.VacantArea, FigureCatalog.LeasableArea, FigureCatalog.AvailabilityRate, FigureCatalog.NetAbsorption, FigureCatalog.SelfUseArea]),
        ("Dashboard.Section.Signed", [FigureCatalog.SaleRate, FigureCatalog.LeaseRate, FigureCatalog.SignedRate, FigureCatalog.SoldArea, FigureCatalog.LeasedArea, FigureCatalog.SignedArea]),
        ("Dashboard.Section.Residence", [FigureCatalog.ResidenceRate, FigureCatalog.ResidentArea, FigureCatalog.SignedNotResidentArea]),
        ("Dashboard.Section.Registration", [FigureCatalog.LocalRegistrationRate, FigureCatalog.LocalRegistrationRateByArea, FigureCatalog.ResidentEnterprises, FigureCatalog.RegisteredElsewhereEnterprises]),
        ("Dashboard.Section.Filing", [FigureCatalog.FilingRate, FigureCatalog.BuildingsFiled, FigureCatalog.BuildingsRequired]),
        ("Dashboard.Section.Tax", [FigureCatalog.TaxAmount, FigureCatalog.TaxPerSquareMetre, FigureCatalog.BillionYuanBuildings]),
    ];

    public override string Section => "overview";

    public DashboardOverview? Overview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        Overview = await Dashboards.OverviewAsync(Month, Scope, DashboardFilter.None, cancellationToken);
    }

    public IEnumerable<FigureCardModel> Cards(IEnumerable<FigureDefinition> figures) =>
        figures.SelectMany(figure => Overview!.Current.Values.Where(v => v.Figure == figure))
            .Select(current => new FigureCardModel(current,
                Overview!.PreviousMonth.Find(current.Figure, current.TaxBasis),
                Overview.SameMonthLastYear.Find(current.Figure, current.TaxBasis)));
}
