using BuildingEconomy.Buildings;

namespace BuildingEconomy.Accounts;

/// <summary>
/// What the current caller (signed-in user or API token) may see and do beyond their policy: which buildings.
/// Scoped per request. Handlers answer 404 for a building outside the scope, so existence is not revealed.
/// </summary>
public interface IAccessScope
{
    /// <summary>Null when nobody is signed in.</summary>
    string? UserId { get; }

    bool IsInRole(string role);

    /// <summary>Enterprises' tax figures (policy <see cref="Policies.ViewTax"/>); never for investment officers.</summary>
    bool CanSeeTax { get; }

    /// <summary>Administrators and investment officers see every building; nobody else needs a filter skipped.</summary>
    bool SeesAllBuildings { get; }

    /// <summary>
    /// The buildings the caller may read: all for administrators and investment officers, the leader's district
    /// (all if none is set), and the buildings assigned to a property contact or contact official.
    /// </summary>
    IQueryable<Building> VisibleBuildings(IQueryable<Building> buildings);

    /// <summary>The buildings the caller may file monthly returns for: assigned ones; all for administrators.</summary>
    IQueryable<Building> FilableBuildings(IQueryable<Building> buildings);

    Task<bool> CanSeeBuildingAsync(int buildingId, CancellationToken cancellationToken = default);

    Task<bool> CanFileReturnsForAsync(int buildingId, CancellationToken cancellationToken = default);
}
