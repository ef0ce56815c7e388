using BuildingEconomy.Buildings;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Identity;

namespace BuildingEconomy.Accounts;

/// <summary>
/// The entities whose EF Core writes <see cref="AuditInterceptor"/> records, by the name the log shows. A feature
/// that adds an entity holding register, return or access data adds it here and gets auditing with no other code.
/// </summary>
public static class AuditedTypes
{
    public static readonly IReadOnlyDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(District)] = nameof(District),
        [typeof(Subdistrict)] = nameof(Subdistrict),
        [typeof(Theme)] = nameof(Theme),
        [typeof(Facility)] = nameof(Facility),
        [typeof(Building)] = nameof(Building),
        [typeof(Space)] = nameof(Space),
        [typeof(Enterprise)] = nameof(Enterprise),
        [typeof(Tenancy)] = nameof(Tenancy),
        [typeof(MonthlyReturn)] = nameof(MonthlyReturn),
        [typeof(AppUser)] = "User",
        [typeof(IdentityUserRole<string>)] = "UserRole",
        [typeof(BuildingAssignment)] = nameof(BuildingAssignment),
        [typeof(ApiToken)] = nameof(ApiToken),
    };

    /// <summary>Bookkeeping that changes on every sign-in or save and says nothing about who changed what.</summary>
    public static readonly IReadOnlySet<string> IgnoredProperties = new HashSet<string>
    {
        nameof(AppUser.ConcurrencyStamp), nameof(AppUser.SecurityStamp), nameof(AppUser.AccessFailedCount),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail),
    };

    /// <summary>Secrets: the log says that they changed, never what they are.</summary>
    public static readonly IReadOnlySet<string> RedactedProperties = new HashSet<string>
    {
        nameof(AppUser.PasswordHash), nameof(ApiToken.Hash),
    };

    public const string Redacted = "***";
}
