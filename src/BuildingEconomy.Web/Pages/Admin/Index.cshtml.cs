using BuildingEconomy.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Admin;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
