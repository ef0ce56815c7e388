using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>Subdistricts on a map coloured by the chosen figure, beside a sortable table of all headline figures.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class SubdistrictsModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text) : DashboardPage(caller, dashboards, text)
{
    public override string Section => "subdistricts";

    [BindProperty(SupportsGet = true)]
    public string? Figure { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    public DashboardSummary? Summary { get; private set; }
    public IReadOnlyList<FigureColumn> Columns { get; private set; } = [];
    public FigureColumn Chosen { get; private set; } = new(FigureCatalog.VacancyRate);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        Summary = await Dashboards.SummaryAsync(Month, DashboardGrouping.Subdistrict, Scope, new DashboardFilter(DistrictId), cancellationToken);
        Columns = FigureColumn.For(FigureCatalog.Headline.Append(FigureCatalog.BillionYuanBuildings), Summary.Total.Figures);
        Chosen = Columns.FirstOrDefault(c => string.Equals(c.Id, Figure, StringComparison.OrdinalIgnoreCase)) ?? Columns[0];
    }

    public FigureTableModel Table => new("subdistrict-table", Text["Dashboard.GroupBy.Subdistrict"], Summary!.Groups, Summary.Total, Columns,
        group => group.Key is null ? null : Url.Page("/Dashboards/Drill", new { period = MonthParameter, subdistrictId = group.Key }),
        ExportUrl("summary", ("groupBy", "subdistrict"), ("districtId", DistrictId)), English)
    {
        ChartColumn = Chosen.Id,
    };

    public string GeoJsonUrl => $"{DashboardApi.Prefix}/subdistricts.geojson" + (DistrictId is { } d ? $"?districtId={d}" : "");
}
