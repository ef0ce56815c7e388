using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// A district's headline counts for the home page. Archived buildings, and archived spaces, are left out
/// everywhere: they are no longer part of the district's stock.
/// </summary>
public sealed record DistrictOverview(
    int DistrictId,
    string Name,
    string NameEn,
    int Subdistricts,
    int Buildings,
    int Spaces,
    int AvailableSpaces,
    decimal AvailableArea,
    int ResidentEnterprises,
    ReportingStatus? LatestReturns)
{
    /// <summary>
    /// One query per aggregate rather than one query with a subquery per district and figure: each groups a
    /// table once, and the number of round trips does not grow with the number of districts.
    /// </summary>
    public static async Task<IReadOnlyList<DistrictOverview>> QueryAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken = default)
    {
        var districts = await db.Districts.AsNoTracking()
            .OrderBy(d => d.AdminCode)
            .Select(d => new { d.Id, d.Name, d.NameEn, Subdistricts = d.Subdistricts.Count })
            .ToListAsync(cancellationToken);
        if (districts.Count == 0) return [];

        var buildings = await db.Buildings.AsNoTracking()
            .Where(b => !b.Archived && b.DistrictId != null)
            .GroupBy(b => b.DistrictId!.Value)
            .Select(g => new { DistrictId = g.Key, Buildings = g.Count(), Required = g.Count(b => b.RequiredToReport) })
            .ToDictionaryAsync(x => x.DistrictId, cancellationToken);

        var spaces = await db.Spaces.AsNoTracking()
            .Where(s => !s.Archived && !s.Building!.Archived && s.Building.DistrictId != null)
            .GroupBy(s => s.Building!.DistrictId!.Value)
            .Select(g => new
            {
                DistrictId = g.Key,
                Spaces = g.Count(),
                Available = g.Count(s => s.Status == SpaceStatus.Available),
                AvailableArea = g.Sum(s => s.Status == SpaceStatus.Available ? s.Area : 0m),
            })
            .ToDictionaryAsync(x => x.DistrictId, cancellationToken);

        // An enterprise resident in two buildings of a district is one enterprise of that district.
        var residents = await db.Tenancies.AsNoTracking()
            .Where(t => t.MovedInOn != null && t.MovedOutOn == null && !t.Building!.Archived && t.Building.DistrictId != null)
            .Select(t => new { DistrictId = t.Building!.DistrictId!.Value, t.EnterpriseId })
            .Distinct()
            .GroupBy(x => x.DistrictId)
            .Select(g => new { DistrictId = g.Key, Enterprises = g.Count() })
            .ToDictionaryAsync(x => x.DistrictId, x => x.Enterprises, cancellationToken);

        // Filings per district and month are few (districts × months), so the latest month is picked here
        // rather than with a correlated subquery over every return.
        var filings = await db.MonthlyReturns.AsNoTracking()
            .Where(r => r.Status == ReturnStatus.Applied
                && !r.Building!.Archived && r.Building.RequiredToReport && r.Building.DistrictId != null)
            .GroupBy(r => new { DistrictId = r.Building!.DistrictId!.Value, r.Period })
            .Select(g => new { g.Key.DistrictId, g.Key.Period, Buildings = g.Select(r => r.BuildingId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var latest = filings
            .GroupBy(f => f.DistrictId)
            .ToDictionary(g => g.Key, g => g.MaxBy(f => f.Period)!);

        return [.. districts.Select(d =>
        {
            var b = buildings.GetValueOrDefault(d.Id);
            var s = spaces.GetValueOrDefault(d.Id);
            var f = latest.GetValueOrDefault(d.Id);
            return new DistrictOverview(
                d.Id, d.Name, d.NameEn, d.Subdistricts,
                b?.Buildings ?? 0,
                s?.Spaces ?? 0, s?.Available ?? 0, s?.AvailableArea ?? 0m,
                residents.GetValueOrDefault(d.Id),
                f is null ? null : new ReportingStatus(f.Period, f.Buildings, b?.Required ?? 0));
        })];
    }
}

/// <summary>How many of the buildings required to report filed an applied return for <see cref="Period"/>.</summary>
public sealed record ReportingStatus(DateOnly Period, int Filed, int RequiredToReport);
