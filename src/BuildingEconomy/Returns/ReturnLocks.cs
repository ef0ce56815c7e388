using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Returns;

internal static class ReturnLocks
{
    /// <summary>The first key of the two-key advisory locks on buildings' returns; the second is the building id.</summary>
    internal const int Namespace = 6_0601;

    /// <summary>
    /// Transaction-scoped locks on buildings' returns: filing (version numbers) and applying (tenancies, figures,
    /// superseding) of one building happen one at a time, while other buildings proceed in parallel. Advisory locks
    /// rather than row locks, so that editing a building in the register is never blocked. Taken in ascending order in
    /// one round trip, so that two transactions locking overlapping sets of buildings cannot deadlock.
    /// </summary>
    public static Task LockBuildingsAsync(BuildingEconomyDbContext db, int[] buildingIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"SELECT count(pg_advisory_xact_lock({Namespace}, id)) FROM (SELECT DISTINCT id FROM unnest({buildingIds}) AS id ORDER BY id) AS ordered",
            cancellationToken);
}
