using System.Security.Claims;
using BuildingEconomy.Accounts;
using BuildingEconomy.Search.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Search;

/// <summary>The officer's shortlists.</summary>
[Authorize(Policy = Policies.SearchSpace)]
public sealed class ShortlistsModel(SearchLists lists) : PageModel
{
    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Shortlists = await lists.ShortlistsAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        await lists.DeleteShortlistAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, cancellationToken);
        return RedirectToPage();
    }
}
