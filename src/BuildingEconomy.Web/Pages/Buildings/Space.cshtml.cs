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

public sealed class SpaceForm
{
    public string? ExternalKey { get; set; }
    public int Floor { get; set; } = 1;
    public string? Unit { get; set; }
    public decimal Area { get; set; }
    public Tenure Tenure { get; set; } = Tenure.Rent;
    public decimal? AskingRent { get; set; }
    public decimal? SalePrice { get; set; }
    public FitOut FitOut { get; set; } = FitOut.Bare;
    public SpaceStatus Status { get; set; } = SpaceStatus.Available;
    public DateOnly? AvailableFrom { get; set; }
    public bool Divisible { get; set; }
    public decimal? MinDivisibleArea { get; set; }

    public SpaceInput ToInput() => new()
    {
        ExternalKey = ExternalKey, Floor = Floor, Unit = Unit, Area = Area, Tenure = Tenure, AskingRent = AskingRent, SalePrice = SalePrice,
        FitOut = FitOut, Status = Status, AvailableFrom = AvailableFrom, Divisible = Divisible, MinDivisibleArea = MinDivisibleArea,
    };

    public static SpaceForm From(Space s) => new()
    {
        ExternalKey = s.ExternalKey, Floor = s.Floor, Unit = s.Unit, Area = s.Area, Tenure = s.Tenure, AskingRent = s.AskingRent, SalePrice = s.SalePrice,
        FitOut = s.FitOut, Status = s.Status, AvailableFrom = s.AvailableFrom, Divisible = s.Divisible, MinDivisibleArea = s.MinDivisibleArea,
    };
}

/// <summary>Add a space to a building (no space id) or edit one; the rules check it against the building's floors and areas.</summary>
[Authorize(Policy = Policies.ManageRegister)]
public sealed class SpaceModel(BuildingRegister register, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public SpaceForm Form { get; set; } = new();

    public Building Building { get; private set; } = null!;
    public long? SpaceId { get; private set; }
    public bool Archived { get; private set; }

    public async Task<IActionResult> OnGetAsync(int buildingId, long? spaceId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(buildingId, spaceId, cancellationToken)) return NotFound();
        if (spaceId is { } id)
        {
            var space = await db.Spaces.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
            Form = SpaceForm.From(space);
            Archived = space.Archived;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int buildingId, long? spaceId, string? next, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(buildingId, spaceId, cancellationToken)) return NotFound();
        var result = spaceId is { } id
            ? await register.UpdateSpaceAsync(id, Form.ToInput(), cancellationToken)
            : await register.CreateSpaceAsync(buildingId, Form.ToInput(), cancellationToken);
        if (result.NotFound) return NotFound();
        if (result.Value is not null)
        {
            // "Save and add another" keeps the floor, which is how spaces are usually entered: floor by floor.
            return next == "another"
                ? RedirectToPage("/Buildings/Space", new { buildingId, floor = Form.Floor })
                : RedirectToPage("/Buildings/Details", new { id = buildingId });
        }
        ModelState.Clear();
        foreach (var problem in result.Problems)
            ModelState.AddModelError($"{nameof(Form)}.{char.ToUpperInvariant(problem.Field[0])}{problem.Field[1..]}", problem.Message(t));
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(int buildingId, long spaceId, bool archived, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(buildingId, spaceId, cancellationToken)) return NotFound();
        var result = await register.SetSpaceArchivedAsync(spaceId, archived, cancellationToken);
        if (result.Value is not null) return RedirectToPage("/Buildings/Details", new { id = buildingId });
        foreach (var problem in result.Problems)
            ModelState.AddModelError($"{nameof(Form)}.{char.ToUpperInvariant(problem.Field[0])}{problem.Field[1..]}", problem.Message(t));
        return await OnGetAsync(buildingId, spaceId, cancellationToken);
    }

    private async Task<bool> LoadAsync(int buildingId, long? spaceId, CancellationToken cancellationToken)
    {
        SpaceId = spaceId;
        if (await db.Buildings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == buildingId, cancellationToken) is not { } building) return false;
        Building = building;
        if (Request.Query.TryGetValue("floor", out var floor) && int.TryParse(floor, out var f) && HttpMethods.IsGet(Request.Method)) Form.Floor = f;
        return spaceId is null || await db.Spaces.AnyAsync(s => s.Id == spaceId && s.BuildingId == buildingId, cancellationToken);
    }
}
