using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Web.Pages.Returns;

/// <summary>
/// "My buildings": each building the contact files for, with the state and due date of its recent months, and the
/// in-app reminder of what is due or overdue.
/// </summary>
[Authorize(Policy = Policies.FileReturns)]
public sealed class IndexModel(
    ReturnStatusBoard board, IAccessScope scope, BuildingEconomyDbContext db, IOptions<ReturnsOptions> options, TimeProvider time,
    IAuthorizationService authorization) : PageModel
{
    /// <summary>A reminder lists what is overdue and what falls due within this many days.</summary>
    public const int ReminderDays = 5;

    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public IReadOnlyList<BuildingMonths> Buildings { get; private set; } = [];
    public IReadOnlyList<(BuildingMonths Building, MonthCell Month)> Reminders { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanSeeCompliance { get; private set; }
    public bool CanRetryFailed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = ReturnsCalendar.Today(time);
        CanSeeCompliance = (await authorization.AuthorizeAsync(User, Policies.ViewDashboards)).Succeeded;
        CanRetryFailed = (await authorization.AuthorizeAsync(User, Policies.Administer)).Succeeded;
        Months = ReturnStatusBoard.RecentMonths(Today);
        Buildings = await board.ForBuildingsAsync(scope.FilableBuildings(db.Buildings), Months, options.Value.DueDay, Today, cancellationToken: cancellationToken);
        Reminders = Buildings
            .SelectMany(b => b.Months.Select(m => (Building: b, Month: m)))
            .Where(x => x.Month.State is MonthState.Overdue or MonthState.Rejected
                || (x.Month.State == MonthState.Due && x.Month.DueDate.DayNumber - Today.DayNumber <= ReminderDays))
            .OrderBy(x => x.Month.DueDate).ThenBy(x => x.Building.BuildingName)
            .ToList();
    }

    /// <summary>Where a month's cell leads: to its return when one was accepted, else to the form.</summary>
    public static bool HasReturn(MonthCell cell) => cell.ReturnId is not null;
}
