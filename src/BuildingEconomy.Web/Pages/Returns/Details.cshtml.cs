using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Returns;

/// <summary>One return with its roster, and every version of its month: what was accepted, corrected and why.</summary>
[Authorize(Policy = Policies.FileReturns)]
public sealed class DetailsModel(BuildingEconomyDbContext db, IAccessScope scope) : PageModel
{
    public MonthlyReturn Return { get; private set; } = null!;
    public string BuildingName { get; private set; } = "";
    public IReadOnlyList<MonthlyReturn> Versions { get; private set; } = [];
    public IReadOnlyList<ReturnRejection> Rejections { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Filed { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var monthly = await db.MonthlyReturns.AsNoTracking().Include(r => r.Lines).Include(r => r.Building)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (monthly is null || !await scope.CanFileReturnsForAsync(monthly.BuildingId, cancellationToken)) return NotFound();
        Return = monthly;
        BuildingName = monthly.Building!.Name;
        Versions = await db.MonthlyReturns.AsNoTracking()
            .Where(r => r.BuildingId == monthly.BuildingId && r.Period == monthly.Period)
            .OrderByDescending(r => r.Version).ToListAsync(cancellationToken);
        Rejections = await db.ReturnRejections.AsNoTracking()
            .Where(r => r.BuildingId == monthly.BuildingId && r.Period == monthly.Period)
            .OrderByDescending(r => r.SubmittedAt).Take(10).ToListAsync(cancellationToken);
        return Page();
    }

    public static string Local(DateTimeOffset at) =>
        at.ToOffset(ReturnsCalendar.ChinaOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
