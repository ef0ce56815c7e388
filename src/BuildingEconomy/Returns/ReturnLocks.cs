using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Returns;

internal static class ReturnLocks
{
    /// <summary>The first key of the two-key advisory locks on buildings' returns; the second is the building id.</summary>
    internal const int Namespace = 6_0601;

    /// <summary>
    /// A transaction-scoped lock on one building's returns: filing (version numbers) and applying (tenancies,
    /// figures, superseding) of one building happen one at a time, while other buildings proceed in parallel.
    /// An advisory lock rather than a row lock, so that editing the building in the register is never blocked.
    /// </summary>
    public static Task LockBuildingAsync(BuildingEconomyDbContext db, int buildingId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Namespace}, {buildingId})", cancellationToken);
}
