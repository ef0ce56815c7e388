using BuildingEconomy.Data;
using Microsoft.AspNetCore.Identity;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Adds a user without the web host's UserManager, for the CLI (the first administrator, the demo accounts). The
/// stored form is exactly Identity's: its password hasher and its upper-invariant normalised name.
/// </summary>
public static class Users
{
    public const int MinimumPasswordLength = 10;

    public static AppUser Add(BuildingEconomyDbContext db, string userName, string password, string displayName, IEnumerable<string> roles, DateTimeOffset now)
    {
        var normalizer = new UpperInvariantLookupNormalizer();
        var user = new AppUser
        {
            UserName = userName,
            NormalizedUserName = normalizer.NormalizeName(userName),
            DisplayName = displayName,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            CreatedAt = now,
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, password);
        db.Users.Add(user);
        db.UserRoles.AddRange(roles.Select(role => new IdentityUserRole<string> { UserId = user.Id, RoleId = role }));
        return user;
    }
}
