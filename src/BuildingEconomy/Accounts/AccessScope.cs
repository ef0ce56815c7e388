using System.Security.Claims;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Roles come from the caller's claims; assignments and the leader's district are read from the database on every
/// use, so an administrator's change applies to the very next request.
/// </summary>
public sealed class AccessScope(ClaimsPrincipal user, BuildingEconomyDbContext db) : IAccessScope
{
    public string? UserId { get; } = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public bool IsInRole(string role) => UserId is not null && user.IsInRole(role);

    public bool CanSeeTax => Policies.RolesOf[Policies.ViewTax].Any(IsInRole);

    public bool SeesAllBuildings => IsInRole(Roles.Administrator) || IsInRole(Roles.InvestmentOfficer);

    public IQueryable<Building> VisibleBuildings(IQueryable<Building> buildings)
    {
        if (UserId is not { } userId) return buildings.Where(_ => false);
        if (SeesAllBuildings) return buildings;

        var assigned = AssignedBuildingIds(userId, IsInRole(Roles.PropertyContact), IsInRole(Roles.ContactOfficial));
        if (!IsInRole(Roles.Leader)) return buildings.Where(b => assigned.Contains(b.Id));

        var leader = db.Users.Where(u => u.Id == userId);
        return buildings.Where(b => assigned.Contains(b.Id) || leader.Any(u => u.DistrictId == null || u.DistrictId == b.DistrictId));
    }

    public IQueryable<Building> FilableBuildings(IQueryable<Building> buildings)
    {
        if (UserId is not { } userId) return buildings.Where(_ => false);
        if (IsInRole(Roles.Administrator)) return buildings;
        var assigned = AssignedBuildingIds(userId, IsInRole(Roles.PropertyContact), contactOfficial: false);
        return buildings.Where(b => assigned.Contains(b.Id));
    }

    public Task<bool> CanSeeBuildingAsync(int buildingId, CancellationToken cancellationToken = default) =>
        VisibleBuildings(db.Buildings).AnyAsync(b => b.Id == buildingId, cancellationToken);

    public Task<bool> CanFileReturnsForAsync(int buildingId, CancellationToken cancellationToken = default) =>
        FilableBuildings(db.Buildings).AnyAsync(b => b.Id == buildingId, cancellationToken);

    /// <summary>An assignment counts only while the user holds the matching role: taking the role away ends it.</summary>
    private IQueryable<int> AssignedBuildingIds(string userId, bool propertyContact, bool contactOfficial) =>
        db.BuildingAssignments
            .Where(a => a.UserId == userId
                && ((propertyContact && a.Kind == AssignmentKind.PropertyContact) || (contactOfficial && a.Kind == AssignmentKind.ContactOfficial)))
            .Select(a => a.BuildingId);
}
