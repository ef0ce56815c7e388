using BuildingEconomy.Accounts;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Returns;

/// <summary>
/// Returns that could not be applied after their retries (their messages are in the error queue), with the reason,
/// and a retry that publishes them again through the outbox once the cause is fixed.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class FailedModel(FailedReturns failed, ReturnFiling filing) : PageModel
{
    public IReadOnlyList<FailedReturn> Returns { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public long? Retried { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Returns = await failed.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        await filing.RetryAsync(id, cancellationToken);
        return RedirectToPage(new { retried = id });
    }
}
