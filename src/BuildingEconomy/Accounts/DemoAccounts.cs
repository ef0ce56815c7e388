using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Accounts;

public sealed record DemoAccount(string UserName, string Password, string DisplayName, string Role);

/// <summary>
/// One account per role for trying the demo district, created only by <c>seed-demo</c> (never by a migration, so a
/// production database has no known passwords). README.md lists them.
/// </summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("admin", "admin2026demo", "王静", Roles.Administrator),
        new("officer", "officer2026demo", "李明", Roles.InvestmentOfficer),
        new("contact", "contact2026demo", "张伟", Roles.PropertyContact),
        new("leader", "leader2026demo", "陈刚", Roles.Leader),
        new("liaison", "liaison2026demo", "刘洋", Roles.ContactOfficial),
    ];

    /// <summary>The generated demo district's division code (fictional, outside GB/T 2260's real codes).</summary>
    public const string DemoDistrictCode = "449901";

    /// <summary>
    /// True for a database that holds the generated demo district but no user at all: one loaded before accounts
    /// existed. Never true for real data, so known passwords never reach a real deployment.
    /// </summary>
    public static async Task<bool> AreMissingFromDemoAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken) && await db.Districts.AnyAsync(d => d.AdminCode == DemoDistrictCode, cancellationToken);

    /// <summary>How many buildings the demo property contact files for, and the demo contact official follows.</summary>
    public const int PropertyContactBuildings = 3, ContactOfficialBuildings = 5;

    /// <summary>
    /// Creates the accounts (skipping any that exist), assigns the property contact and the contact official to the
    /// first buildings that must report, and gives the leader the first district.
    /// </summary>
    public static async Task CreateAsync(BuildingEconomyDbContext db, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var firstDistrict = await db.Districts.OrderBy(d => d.Id).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);
        var reporting = await db.Buildings.Where(b => b.RequiredToReport && !b.Archived).OrderBy(b => b.Id)
            .Select(b => b.Id).Take(PropertyContactBuildings + ContactOfficialBuildings).ToListAsync(cancellationToken);

        foreach (var account in All)
        {
            var normalized = account.UserName.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken)) continue;
            var user = Users.Add(db, account.UserName, account.Password, account.DisplayName, [account.Role], now);
            user.DistrictId = account.Role == Roles.Leader ? firstDistrict : null;

            var kind = account.Role == Roles.PropertyContact ? AssignmentKind.PropertyContact : AssignmentKind.ContactOfficial;
            IEnumerable<int> buildings = account.Role switch
            {
                Roles.PropertyContact => reporting.Take(PropertyContactBuildings),
                Roles.ContactOfficial => reporting.Skip(PropertyContactBuildings),
                _ => [],
            };
            db.BuildingAssignments.AddRange(buildings.Select(id => new BuildingAssignment { UserId = user.Id, BuildingId = id, Kind = kind, CreatedAt = now }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
