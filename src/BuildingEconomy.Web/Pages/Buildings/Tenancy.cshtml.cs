using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Buildings;

public sealed class TenancyForm
{
    public string? CreditCode { get; set; }
    public string? EnterpriseName { get; set; }
    public string? IndustrySection { get; set; }
    public string? RegisteredDistrictCode { get; set; }
    public long? SpaceId { get; set; }
    public string? Units { get; set; }
    public decimal Area { get; set; }
    public bool Purchased { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? MovedInOn { get; set; }
    public DateOnly? MovedOutOn { get; set; }
    public bool RegisteredLocally { get; set; }
    public int? Employees { get; set; }

    public TenancyInput ToInput(int enterpriseId) => new()
    {
        EnterpriseId = enterpriseId, SpaceId = SpaceId, Units = Units, Area = Area, Purchased = Purchased, SignedOn = SignedOn,
        MovedInOn = MovedInOn, MovedOutOn = MovedOutOn, RegisteredLocally = RegisteredLocally, Employees = Employees,
    };
}

/// <summary>
/// An enterprise's tenancy in the building, found by its credit code; an enterprise not yet registered is created
/// from the code and name typed here, so a tenant is entered in one form.
/// </summary>
[Authorize(Policy = Policies.ManageRegister)]
public sealed class TenancyModel(BuildingRegister register, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public TenancyForm Form { get; set; } = new();

    public Building Building { get; private set; } = null!;
    public long? TenancyId { get; private set; }
    public IReadOnlyList<Space> Spaces { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int buildingId, long? tenancyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(buildingId, tenancyId, cancellationToken)) return NotFound();
        if (tenancyId is { } id)
        {
            var x = await db.Tenancies.AsNoTracking().Include(x => x.Enterprise).SingleAsync(x => x.Id == id, cancellationToken);
            Form = new TenancyForm
            {
                CreditCode = x.Enterprise!.CreditCode, EnterpriseName = x.Enterprise.Name, IndustrySection = x.Enterprise.IndustrySection,
                RegisteredDistrictCode = x.Enterprise.RegisteredDistrictCode, SpaceId = x.SpaceId, Units = x.Units, Area = x.Area, Purchased = x.Purchased,
                SignedOn = x.SignedOn, MovedInOn = x.MovedInOn, MovedOutOn = x.MovedOutOn, RegisteredLocally = x.RegisteredLocally, Employees = x.Employees,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int buildingId, long? tenancyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(buildingId, tenancyId, cancellationToken)) return NotFound();
        ModelState.Clear();
        // The tenancy's own rules first, so that a mistake in it does not leave a new enterprise behind.
        var problems = RegisterRules.Tenancy(Form.ToInput(0), BuildingShape.Of(Building));
        var enterpriseInput = new EnterpriseInput
        {
            CreditCode = Form.CreditCode, Name = Form.EnterpriseName, IndustrySection = Form.IndustrySection, RegisteredDistrictCode = Form.RegisteredDistrictCode,
        };
        var code = Form.CreditCode is null ? null : UnifiedSocialCreditCode.Normalise(Form.CreditCode);
        var enterprise = code is null ? null : await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null) problems.AddRange(RegisterRules.Enterprise(enterpriseInput).Select(p => p.Field == "name" ? p with { Field = "enterpriseName" } : p));
        if (problems.Count > 0) return Refused(problems);

        if (enterprise is null)
        {
            var created = await register.CreateEnterpriseAsync(enterpriseInput, cancellationToken);
            if (created.Value is null) return Refused(created.Problems);
            enterprise = created.Value;
        }
        var result = tenancyId is { } id
            ? await register.UpdateTenancyAsync(id, Form.ToInput(enterprise.Id), cancellationToken)
            : await register.CreateTenancyAsync(buildingId, Form.ToInput(enterprise.Id), cancellationToken);
        if (result.NotFound) return NotFound();
        return result.Value is null ? Refused(result.Problems) : RedirectToPage("/Buildings/Details", new { id = buildingId });
    }

    public async Task<IActionResult> OnPostArchiveAsync(int buildingId, long tenancyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(buildingId, tenancyId, cancellationToken)) return NotFound();
        await register.SetTenancyArchivedAsync(tenancyId, true, cancellationToken);
        return RedirectToPage("/Buildings/Details", new { id = buildingId });
    }

    private PageResult Refused(IEnumerable<FieldProblem> problems)
    {
        foreach (var p in problems)
            ModelState.AddModelError($"{nameof(Form)}.{char.ToUpperInvariant(p.Field[0])}{p.Field[1..]}", p.Message(t));
        return Page();
    }

    private async Task<bool> LoadAsync(int buildingId, long? tenancyId, CancellationToken cancellationToken)
    {
        TenancyId = tenancyId;
        if (await db.Buildings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == buildingId, cancellationToken) is not { } building) return false;
        Building = building;
        Spaces = await db.Spaces.AsNoTracking().Where(s => s.BuildingId == buildingId && !s.Archived)
            .OrderByDescending(s => s.Floor).ThenBy(s => s.Unit).ToListAsync(cancellationToken);
        return tenancyId is null || await db.Tenancies.AnyAsync(x => x.Id == tenancyId && x.BuildingId == buildingId, cancellationToken);
    }
}
