using System.Security.Claims;
using BuildingEconomy.Accounts;
using BuildingEconomy.Search.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Search;

/// <summary>The officer's saved searches: run one again, or stop following it.</summary>
[Authorize(Policy = Policies.SearchSpace)]
public sealed class SavedModel(SearchLists lists) : PageModel
{
    public IReadOnlyList<SavedSearch> Searches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Searches = await lists.SavedSearchesAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        await lists.DeleteSavedSearchAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, cancellationToken);
        return RedirectToPage();
    }
}
