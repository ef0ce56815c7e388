using BuildingEconomy.Buildings;
using Microsoft.AspNetCore.Identity;

namespace BuildingEconomy.Accounts;

/// <summary>A person who signs in (or on whose behalf an API token acts).</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The district a leader sees; null means all districts. Ignored for users who are not leaders.</summary>
    public int? DistrictId { get; set; }
    public District? District { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
