using System.Security.Cryptography;
using System.Text;

namespace BuildingEconomy.Accounts;

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";

    /// <summary>On a token caller's principal: which token, so the audit log can tell a machine from its user.</summary>
    public const string TokenIdClaim = "be:token";

    /// <summary>Token strings start with this, so a leaked one is recognisable in logs and by secret scanners.</summary>
    public const string Prefix = "be_";
}

public static class ApiTokens
{
    /// <summary>
    /// A new token for <paramref name="userId"/>: the entity to store and the secret to show once. The secret is
    /// 32 random bytes; it cannot be recovered from what is stored.
    /// </summary>
    public static (ApiToken Token, string Secret) Create(string userId, string name, string? createdBy, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        var secret = ApiTokenDefaults.Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..10],
            Hash = Hash(secret),
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        };
        return (token, secret);
    }

    /// <summary>SHA-256, lower-case hex. No salt is needed: the secret is random and long, not a password.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
