using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages;

[Authorize(Policy = Policies.ViewRegister)]
public sealed class IndexModel(BuildingEconomyDbContext db) : PageModel
{
    /// <summary>What to run when the database has no districts yet.</summary>
    public const string DemoLoaderCommand = "dotnet run --project src/BuildingEconomy.Cli -- seed-demo";

    public IReadOnlyList<DistrictOverview> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Districts = await DistrictOverview.QueryAsync(db, cancellationToken);
}
