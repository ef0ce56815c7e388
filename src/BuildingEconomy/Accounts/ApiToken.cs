namespace BuildingEconomy.Accounts;

/// <summary>
/// A bearer token for a machine client, acting as <see cref="UserId"/> with that user's roles and scope. Only the
/// SHA-256 of the token is stored: a database leak does not leak usable tokens.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }

    /// <summary>What the token is for, e.g. the property company's system that uses it.</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the token, so an administrator can tell tokens apart without the secret.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
