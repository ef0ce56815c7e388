using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Enterprises;

/// <summary>Registers an enterprise through the register's checks, the same POST /api/v1/enterprises makes.</summary>
[Authorize(Policy = Policies.ManageRegister)]
public sealed class CreateModel(BuildingRegister register, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public EnterpriseForm Form { get; set; } = new();

    /// <summary>Read by the details page the post redirects to.</summary>
    [TempData] public bool Saved { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await register.CreateEnterpriseAsync(Form.ToInput(), cancellationToken);
        if (result.Value is { } enterprise)
        {
            Saved = true;
            return RedirectToPage("/Enterprises/Details", new { id = enterprise.Id });
        }
        foreach (var p in result.Problems)
            ModelState.AddModelError($"{nameof(Form)}.{EnterpriseForm.FieldOf(p.Field)}", p.Message(t));
        return Page();
    }
}
