using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Enterprises;

[Authorize(Policy = Policies.ViewRegister)]
public sealed class IndexModel(EnterpriseQueries queries, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public RegisteredWhere? Registered { get; set; }
    [BindProperty(SupportsGet = true)] public ArchivedFilter Archived { get; set; } = ArchivedFilter.Active;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<EnterpriseView> Result { get; private set; } = new([], 1, PageSize, 0);
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageRegister)).Succeeded;
        Result = await queries.ListAsync(new EnterpriseFilter { Q = Q, Registered = Registered, Archived = Archived, Page = PageNumber, PageSize = PageSize }, cancellationToken);
    }

    public int PageCount => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    /// <summary>The current filters with another page number, for the pager's links.</summary>
    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["q"] = Q ?? "", ["registered"] = Registered?.ToString() ?? "", ["archived"] = Archived.ToString(), ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
