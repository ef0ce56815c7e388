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

/// <summary>Create (no id) or edit a building, placing it on the map or by typed coordinates in WGS-84, GCJ-02 or BD-09.</summary>
[Authorize(Policy = Policies.ManageRegister)]
public sealed class EditModel(BuildingRegister register, BuildingQueries queries, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> t, IConfiguration configuration) : PageModel
{
    [BindProperty] public BuildingForm Form { get; set; } = new();

    public int? Id { get; private set; }
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];

    /// <summary>Empty by default: then the map shows the district boundaries only, and nothing is fetched from another site.</summary>
    public string TileUrl => configuration["Map:TileUrl"] ?? "";

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        await LoadListsAsync(cancellationToken);
        if (id is null) return Page();
        if (await queries.GetAsync(db.Buildings, id.Value, cancellationToken) is not { } building) return NotFound();
        Form = BuildingForm.From(building);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var result = id is null
            ? await register.CreateBuildingAsync(Form.ToInput(), cancellationToken)
            : await register.UpdateBuildingAsync(id.Value, Form.ToInput(), cancellationToken);
        if (result.NotFound) return NotFound();
        if (result.Value is { } saved) return RedirectToPage("/Buildings/Details", new { id = saved.Id });

        // Binding errors (a letter in a number field) are the browser's to show; the register's come back by field.
        ModelState.Clear();
        foreach (var problem in result.Problems)
            ModelState.AddModelError($"{nameof(Form)}.{BuildingForm.FieldOf(problem.Field)}", problem.Message(t));
        Duplicates = result.Duplicates;
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Themes = await db.Themes.AsNoTracking().Where(x => !x.Retired).OrderBy(x => x.SortOrder).ToListAsync(cancellationToken);
        Facilities = await db.Facilities.AsNoTracking().Where(x => !x.Retired).OrderBy(x => x.SortOrder).ToListAsync(cancellationToken);
    }
}
