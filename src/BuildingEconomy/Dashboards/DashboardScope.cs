using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// Which buildings a dashboard caller may see, resolved once per request from <see cref="IAccessScope"/> into
/// something the SQL can filter by: every building, or a list of building ids (a leader's district, a contact
/// official's assigned buildings). And whether tax figures may be shown at all.
/// </summary>
public sealed record DashboardScope(IReadOnlyList<int>? BuildingIds, bool CanSeeTax)
{
    public static readonly DashboardScope Everything = new(null, CanSeeTax: true);

    /// <summary>From this many visible buildings on, it is worth a count to find out whether they are all of them.</summary>
    private const int LargeScope = 2_000;

    /// <summary>
    /// Set when <see cref="BuildingIds"/> are exactly every building of these districts (a leader's scope): the
    /// dashboards can then read the district rollups instead of filtering buildings one by one.
    /// </summary>
    public IReadOnlyList<int>? DistrictIds { get; init; }

    public bool SeesEverything => BuildingIds is null;

    public bool Includes(int buildingId) => BuildingIds is null || BuildingIds.Contains(buildingId);

    public static async Task<DashboardScope> ResolveAsync(IAccessScope access, BuildingEconomyDbContext db, CancellationToken cancellationToken)
    {
        if (access.SeesAllBuildings) return new DashboardScope(null, access.CanSeeTax);
        var ids = await access.VisibleBuildings(db.Buildings.AsNoTracking()).Select(b => b.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        // A leader without a district sees every building: no filter then, rather than a list of every id in each query.
        if (ids.Count >= LargeScope && ids.Count == await db.Buildings.CountAsync(cancellationToken)) return new DashboardScope(null, access.CanSeeTax);
        return new DashboardScope(ids, access.CanSeeTax) { DistrictIds = await WholeDistrictsAsync(ids, db, cancellationToken) };
    }

    /// <summary>The districts the buildings make up, when they are every building of them; otherwise null.</summary>
    private static async Task<IReadOnlyList<int>?> WholeDistrictsAsync(List<int> ids, BuildingEconomyDbContext db, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return null;
        var districts = await db.Buildings.AsNoTracking().Where(b => ids.Contains(b.Id)).Select(b => b.DistrictId).Distinct().ToListAsync(cancellationToken);
        if (districts.Contains(null)) return null;
        var whole = districts.Select(d => d!.Value).Order().ToList();
        var inThem = await db.Buildings.CountAsync(b => b.DistrictId != null && whole.Contains(b.DistrictId.Value), cancellationToken);
        return inThem == ids.Count ? whole : null;
    }
}

/// <summary>Narrows a dashboard to one district, subdistrict or building (the drill-down), inside the caller's scope.</summary>
public sealed record DashboardFilter(int? DistrictId = null, int? SubdistrictId = null, int? BuildingId = null)
{
    public static readonly DashboardFilter None = new();
}

/// <summary>What the groups of a summary are.</summary>
public enum DashboardGrouping { Total, District, Subdistrict, Grade, Use, Theme, Building }
