using System.Globalization;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Buildings;

[Authorize(Policy = Policies.ViewRegister)]
public sealed class DetailsModel(BuildingQueries queries, BuildingRegister register, IAccessScope scope, BuildingEconomyDbContext db, IAuthorizationService authorization) : PageModel
{
    public BuildingDetails Building { get; private set; } = null!;
    public IReadOnlyList<StackingFloor> Plan { get; private set; } = [];
    public IReadOnlyList<TenantView> Tenants { get; private set; } = [];
    public IReadOnlyList<MonthFigures> Figures { get; private set; } = [];
    public bool CanManage { get; private set; }
    public bool CanSeeTax => scope.CanSeeTax;

    public MonthFigures? Latest => Figures.Count > 0 ? Figures[^1] : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(scope.VisibleBuildings(db.Buildings), id, cancellationToken) is not { } building) return NotFound();
        Building = building;
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageRegister)).Succeeded;
        var spaces = await queries.SpacesAsync(id, includeArchived: false, cancellationToken);
        Plan = BuildingQueries.StackingPlan(building.FloorsAboveGround, building.FloorsBelowGround, spaces);
        Tenants = await queries.TenantsAsync(id, cancellationToken);
        Figures = await queries.FiguresAsync(id, scope.CanSeeTax, 24, cancellationToken);
        return Page();
    }

    /// <summary>Razor Pages ignore [Authorize] on handlers, so the write policy is checked here.</summary>
    public async Task<IActionResult> OnPostArchiveAsync(int id, bool archived, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageRegister)).Succeeded) return Forbid();
        var result = await register.SetBuildingArchivedAsync(id, archived, cancellationToken);
        return result.NotFound ? NotFound() : RedirectToPage(new { id });
    }

    /// <summary>The 24-month series for the chart module, as JSON in a data attribute (no inline script under the CSP).</summary>
    public string TrendJson => JsonSerializer.Serialize(new
    {
        periods = Figures.Select(f => f.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
        vacancy = Figures.Select(f => f.VacancyRate is { } r ? Math.Round(r * 100, 1) : (decimal?)null),
        residence = Figures.Select(f => f.ResidenceRate is { } r ? Math.Round(r * 100, 1) : (decimal?)null),
        signedNotResident = Figures.Select(f => f.SignedNotResidentArea),
    });

    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%" : "—";

    public static string StateClass(UnitState state) => "unit-" + state.ToString().ToLowerInvariant();
}
