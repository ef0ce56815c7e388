using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>District → subdistrict → building → tenant roster: each level a table whose rows open the next.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class DrillModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text, BuildingEconomyDbContext db)
    : DashboardPage(caller, dashboards, text)
{
    public static readonly IReadOnlyList<FigureDefinition> Figures =
    [
        FigureCatalog.VacancyRate, FigureCatalog.AvailabilityRate, FigureCatalog.SignedRate, FigureCatalog.ResidenceRate,
        FigureCatalog.SignedNotResidentArea, FigureCatalog.NetAbsorption, FigureCatalog.LocalRegistrationRate, FigureCatalog.FilingRate,
        FigureCatalog.LeasableArea, FigureCatalog.ResidentEnterprises, FigureCatalog.TaxPerSquareMetre,
    ];

    public override string Section => "drill";

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? SubdistrictId { get; set; }

    public DashboardGrouping Level { get; private set; } = DashboardGrouping.District;
    public DashboardSummary? Summary { get; private set; }
    public (int Id, string Name)? District { get; private set; }
    public (int Id, string Name)? Subdistrict { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        if (SubdistrictId is { } subdistrictId)
        {
            var found = await db.Subdistricts.AsNoTracking().Where(s => s.Id == subdistrictId)
                .Select(s => new { s.Id, s.Name, s.NameEn, s.DistrictId, District = s.District!.Name, DistrictEn = s.District.NameEn })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is not null)
            {
                Subdistrict = (found.Id, English ? found.NameEn : found.Name);
                District = (found.DistrictId, English ? found.DistrictEn : found.District);
                DistrictId = found.DistrictId;
            }
            Level = DashboardGrouping.Building;
        }
        else if (DistrictId is { } districtId)
        {
            var found = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => new { d.Id, d.Name, d.NameEn })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is not null) District = (found.Id, English ? found.NameEn : found.Name);
            Level = DashboardGrouping.Subdistrict;
        }
        Summary = await Dashboards.SummaryAsync(Month, Level, Scope, new DashboardFilter(DistrictId, SubdistrictId), cancellationToken);
    }

    public FigureTableModel Table => new("drill-table", Text[$"Dashboard.GroupBy.{Level}"], Summary!.Groups, Summary.Total,
        FigureColumn.For(Figures, Summary.Total.Figures), Link,
        ExportUrl("summary", ("groupBy", DashboardRequest.Name(Level)), ("districtId", DistrictId), ("subdistrictId", SubdistrictId)), English);

    private string? Link(DashboardGroup group) => group.Key is null ? null : Level switch
    {
        DashboardGrouping.District => Url.Page("/Dashboards/Drill", new { period = MonthParameter, districtId = group.Key }),
        DashboardGrouping.Subdistrict => Url.Page("/Dashboards/Drill", new { period = MonthParameter, subdistrictId = group.Key }),
        _ => Url.Page("/Dashboards/Building", new { period = MonthParameter, id = group.Key }),
    };
}
