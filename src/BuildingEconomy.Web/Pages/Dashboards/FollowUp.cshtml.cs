using BuildingEconomy.Accounts;
using BuildingEconomy.Dashboards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>
/// The lists a leader works through: enterprises resident here but registered elsewhere (the local-registration
/// campaign), buildings with the most signed-but-empty space, and buildings that have not filed this month.
/// </summary>
[Authorize(Policy = Policies.ViewDashboards)]
public sealed class FollowUpModel(DashboardCaller caller, DashboardService dashboards, DashboardTexts text, FollowUpQueries lists)
    : DashboardPage(caller, dashboards, text)
{
    public const int PageSize = 50;
    public static readonly IReadOnlyList<string> Lists = ["registered-elsewhere", "signed-not-resident", "not-filed"];

    public override string Section => "follow-up";

    [BindProperty(SupportsGet = true, Name = "list")]
    public string? ListName { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? SubdistrictId { get; set; }

    public string Current { get; private set; } = Lists[0];
    public ListPage<RegisteredElsewhereEntry>? RegisteredElsewhere { get; private set; }
    public ListPage<SignedNotResidentEntry>? SignedNotResident { get; private set; }
    public ListPage<NotFiledEntry>? NotFiled { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        Current = Lists.Contains(ListName ?? "") ? ListName! : Lists[0];
        PageNumber = Math.Max(1, PageNumber);
        var filter = new DashboardFilter(DistrictId, SubdistrictId);
        var offset = (PageNumber - 1) * PageSize;
        switch (Current)
        {
            case "registered-elsewhere":
                RegisteredElsewhere = await lists.RegisteredElsewhereAsync(Month, Scope, filter, offset, PageSize, cancellationToken);
                break;
            case "signed-not-resident":
                SignedNotResident = await lists.SignedNotResidentAsync(Month, Scope, filter, offset, PageSize, cancellationToken);
                break;
            default:
                NotFiled = await lists.NotFiledAsync(Month, Scope, filter, offset, PageSize, cancellationToken);
                break;
        }
    }

    public int Total => RegisteredElsewhere?.Total ?? SignedNotResident?.Total ?? NotFiled?.Total ?? 0;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string BuildingLink(BuildingRef building) => Url.Page("/Dashboards/Building", new { period = MonthParameter, id = building.Id })!;
}
