using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Enterprises;

/// <summary>One enterprise: its facts, an edit form for those who maintain the register, and its tenancies.</summary>
[Authorize(Policy = Policies.ViewRegister)]
public sealed class DetailsModel(EnterpriseQueries queries, BuildingRegister register, IAuthorizationService authorization, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public EnterpriseForm Form { get; set; } = new();

    public EnterpriseView Enterprise { get; private set; } = null!;
    public IReadOnlyList<EnterpriseTenancyView> Tenancies { get; private set; } = [];
    public bool CanManage { get; private set; }

    [TempData] public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Form = new EnterpriseForm
        {
            CreditCode = Enterprise.CreditCode, Name = Enterprise.Name, IndustrySection = Enterprise.IndustrySection,
            RegisteredDistrictCode = Enterprise.RegisteredDistrictCode, RegisteredPlace = Enterprise.RegisteredPlace,
        };
        return Page();
    }

    /// <summary>Razor Pages ignore [Authorize] on handlers, so the write policy is checked here.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!CanManage) return Forbid();
        ModelState.Clear();
        var result = await register.UpdateEnterpriseAsync(id, Form.ToInput(), cancellationToken);
        if (result.NotFound) return NotFound();
        if (result.Value is null)
        {
            foreach (var p in result.Problems)
                ModelState.AddModelError($"{nameof(Form)}.{EnterpriseForm.FieldOf(p.Field)}", p.Message(t));
            return Page();
        }
        Saved = true;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostArchiveAsync(int id, bool archived, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!CanManage) return Forbid();
        await register.SetEnterpriseArchivedAsync(id, archived, cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } enterprise) return false;
        Enterprise = enterprise;
        Tenancies = await queries.TenanciesAsync(id, cancellationToken) ?? [];
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageRegister)).Succeeded;
        return true;
    }
}
