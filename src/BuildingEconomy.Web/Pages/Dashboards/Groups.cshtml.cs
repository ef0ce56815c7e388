using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>Figures by grade, by use or by theme, with a bar chart of the chosen figure.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class GroupsModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text) : DashboardPage(caller, dashboards, text)
{
    public static readonly IReadOnlyList<DashboardGrouping> Groupings = [DashboardGrouping.Grade, DashboardGrouping.Use, DashboardGrouping.Theme];

    public override string Section => "groups";

    [BindProperty(SupportsGet = true)]
    public string? By { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Figure { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    public DashboardGrouping Grouping { get; private set; } = DashboardGrouping.Grade;
    public DashboardSummary? Summary { get; private set; }
    public IReadOnlyList<FigureColumn> Columns { get; private set; } = [];
    public FigureColumn Chosen { get; private set; } = new(FigureCatalog.VacancyRate);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        Grouping = DashboardRequest.TryParseGrouping(By, out var grouping) && Groupings.Contains(grouping) ? grouping : DashboardGrouping.Grade;
        Summary = await Dashboards.SummaryAsync(Month, Grouping, Scope, new DashboardFilter(DistrictId), cancellationToken);
        Columns = FigureColumn.For(FigureCatalog.Headline.Append(FigureCatalog.BillionYuanBuildings), Summary.Total.Figures);
        Chosen = Columns.FirstOrDefault(c => string.Equals(c.Id, Figure, StringComparison.OrdinalIgnoreCase)) ?? Columns[0];
    }

    public FigureTableModel Table => new("group-table", Text[$"Dashboard.GroupBy.{Grouping}"], Summary!.Groups, Summary.Total, Columns,
        _ => null, ExportUrl("summary", ("groupBy", DashboardRequest.Name(Grouping)), ("districtId", DistrictId)), English)
    {
        ChartColumn = Chosen.Id,
    };
}
