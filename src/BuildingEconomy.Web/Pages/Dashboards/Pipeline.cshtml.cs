using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>The construction pipeline: completed, under construction and planned gross floor area by year.</summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class PipelineModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text, PipelineQuery pipeline)
    : DashboardPage(caller, dashboards, text)
{
    public override string Section => "pipeline";

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    public IReadOnlyList<PipelineYear> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        Years = await pipeline.ByYearAsync(Scope, new DashboardFilter(DistrictId), cancellationToken);
    }
}
