using System.Security.Claims;
using BuildingEconomy.Accounts;
using BuildingEconomy.Search.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Search;

/// <summary>One shortlist: its spaces as they are now, removal, and the Excel export for the prospect.</summary>
[Authorize(Policy = Policies.SearchSpace)]
public sealed class ShortlistModel(SearchLists lists) : PageModel
{
    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public Shortlist List { get; private set; } = null!;
    public IReadOnlyList<ShortlistRow> Rows { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        // Another officer's list is as absent as one that never existed.
        if (await lists.ShortlistAsync(UserId, id, cancellationToken) is not { } found) return NotFound();
        (List, Rows) = (found.List, found.Rows);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(long id, CancellationToken cancellationToken) =>
        await lists.ExportShortlistAsync(UserId, id, cancellationToken) is { } file
            ? File(file.Content, ExcelContentType, file.FileName)
            : NotFound();

    public async Task<IActionResult> OnPostRemoveAsync(long id, long spaceId, CancellationToken cancellationToken)
    {
        await lists.RemoveFromShortlistAsync(UserId, id, spaceId, cancellationToken);
        return RedirectToPage(new { id });
    }
}
