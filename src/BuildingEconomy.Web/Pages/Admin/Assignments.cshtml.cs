using System.Globalization;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Admin;

public sealed record AssignmentRow(int Id, string UserId, string UserName, string DisplayName, int BuildingId, string BuildingName, AssignmentKind Kind);

public sealed record AssignableUser(string Id, string UserName, string DisplayName);

/// <summary>Which buildings each property contact files for and each contact official follows.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AssignmentsModel(BuildingEconomyDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    private const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];
    public IReadOnlyList<AssignableUser> Users { get; private set; } = [];

    [BindProperty]
    public string? NewUserId { get; set; }

    /// <summary>The building's id, its external key or its exact name.</summary>
    [BindProperty]
    public string? NewBuilding { get; set; }

    [BindProperty]
    public AssignmentKind NewKind { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == NewUserId, cancellationToken);
        var building = await FindBuildingAsync(NewBuilding, cancellationToken);
        var role = NewKind == AssignmentKind.PropertyContact ? Roles.PropertyContact : Roles.ContactOfficial;
        if (user is null) ModelState.AddModelError(string.Empty, text["Account.AssignmentUserRequired"]);
        else if (!await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == role, cancellationToken))
            ModelState.AddModelError(string.Empty, text["Account.AssignmentRoleMissing", user.UserName ?? "", text[Roles.DisplayKey(role)]]);
        if (building is null) ModelState.AddModelError(string.Empty, text["Account.AssignmentBuildingNotFound", NewBuilding ?? ""]);
        else if (user is not null && await db.BuildingAssignments.AnyAsync(a => a.UserId == user.Id && a.BuildingId == building.Value && a.Kind == NewKind, cancellationToken))
            ModelState.AddModelError(string.Empty, text["Account.AssignmentExists"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.BuildingAssignments.Add(new BuildingAssignment { UserId = user!.Id, BuildingId = building!.Value, Kind = NewKind, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { UserId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var assignment = await db.BuildingAssignments.FindAsync([id], cancellationToken);
        if (assignment is null) return NotFound();
        db.BuildingAssignments.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { UserId });
    }

    private async Task<int?> FindBuildingAsync(string? reference, CancellationToken cancellationToken)
    {
        reference = reference?.Trim();
        if (string.IsNullOrEmpty(reference)) return null;
        var id = int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null;
        var matches = await db.Buildings.AsNoTracking()
            .Where(b => b.Id == id || b.ExternalKey == reference || b.Name == reference)
            .Select(b => b.Id).Take(2).ToListAsync(cancellationToken);
        // A name two buildings share is ambiguous: ask for the id instead of guessing.
        return matches.Count == 1 ? matches[0] : null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && (ur.RoleId == Roles.PropertyContact || ur.RoleId == Roles.ContactOfficial)))
            .OrderBy(u => u.UserName)
            .Select(u => new AssignableUser(u.Id, u.UserName ?? u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        var query = db.BuildingAssignments.AsNoTracking();
        if (!string.IsNullOrEmpty(UserId)) query = query.Where(a => a.UserId == UserId);
        Assignments = await query
            .OrderBy(a => a.User!.UserName).ThenBy(a => a.BuildingId)
            .Take(PageSize)
            .Select(a => new AssignmentRow(a.Id, a.UserId, a.User!.UserName ?? a.UserId, a.User.DisplayName, a.BuildingId, a.Building!.Name, a.Kind))
            .ToListAsync(cancellationToken);
    }
}
