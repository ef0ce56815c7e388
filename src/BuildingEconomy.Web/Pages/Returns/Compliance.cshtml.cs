using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Web.Pages.Returns;

/// <summary>
/// Reporting compliance for a month: the filing rate per subdistrict and the buildings that had not filed by the due
/// date, with whom to remind. Over the buildings the caller may see, so a one-to-one official sees the buildings
/// assigned to them: this list is their in-app reminder.
/// </summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class ComplianceModel(ReturnCompliance compliance, IAccessScope scope, BuildingEconomyDbContext db, IOptions<ReturnsOptions> options, TimeProvider time)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public ComplianceReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var dueDay = options.Value.DueDay;
        var period = ReturnValidator.ParsePeriod(Period, []) ?? ReturnCompliance.LatestDuePeriod(ReturnsCalendar.Today(time), dueDay);
        Period = ReturnValidator.FormatPeriod(period);
        Report = await compliance.ForPeriodAsync(scope.VisibleBuildings(db.Buildings), period, dueDay, cancellationToken);
        return Page();
    }
}
