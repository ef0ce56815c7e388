using System.Security.Claims;
using BuildingEconomy.Accounts;
using BuildingEconomy.Search.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Search;

/// <summary>In-app notifications: new matches for saved searches (and whatever else writes to the table).</summary>
[Authorize(Policy = Policies.SearchSpace)]
public sealed class NotificationsModel(SearchLists lists) : PageModel
{
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Notifications = await lists.NotificationsAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, 100, cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(CancellationToken cancellationToken)
    {
        await lists.MarkReadAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        return RedirectToPage();
    }
}
