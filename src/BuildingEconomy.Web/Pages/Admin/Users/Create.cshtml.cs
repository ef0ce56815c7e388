using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Admin.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class CreateModel(UserManager<AppUser> users, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadOptionsAsync(cancellationToken);
        if (!ModelState.IsValid) return Page();

        var user = new AppUser
        {
            UserName = Input.UserName.Trim(),
            DisplayName = Input.DisplayName.Trim(),
            DistrictId = Input.DistrictId,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded && UserForm.KnownRoles(Input.Roles) is { Count: > 0 } roles)
        {
            created = await users.AddToRolesAsync(user, roles);
        }
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        return RedirectToPage("/Admin/Users/Edit", new { id = user.Id });
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken) =>
        ViewData[UserForm.DistrictsKey] = await UserForm.DistrictOptionsAsync(db, text["Account.AllDistricts"], cancellationToken);
}
