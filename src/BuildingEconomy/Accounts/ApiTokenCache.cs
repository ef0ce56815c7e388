using System.Collections.Concurrent;

namespace BuildingEconomy.Accounts;

/// <summary>A token as the database knows it: its state, its user and the user's roles.</summary>
public sealed record ApiTokenIdentity(
    int Id, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt, string UserId, string? UserName, DateTimeOffset? LockoutEnd, string[] Roles);

/// <summary>
/// What the database said about each token used lately. Every API call is authenticated, and the lookup cost nearly
/// as much as the API's own work around a simple search. Kept entries go out of date at once when this process saves
/// a change to tokens, users or roles (<see cref="AccountChanges"/>), so revoking, locking or taking a role away
/// through the site applies to the next call; a change made elsewhere (the CLI, a second web host) applies within
/// <see cref="MaxAge"/>.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Entry(ApiTokenIdentity Token, long Version, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Entry> tokens = new(StringComparer.Ordinal);

    /// <param name="version">The <see cref="AccountChanges.Version"/> taken before the token was read.</param>
    public void Keep(string hash, ApiTokenIdentity token, long version) => tokens[hash] = new Entry(token, version, clock.GetUtcNow());

    public ApiTokenIdentity? Find(string hash)
    {
        if (!tokens.TryGetValue(hash, out var entry)) return null;
        if (entry.Version == AccountChanges.Version && clock.GetUtcNow() - entry.ReadAt < MaxAge) return entry.Token;
        tokens.TryRemove(KeyValuePair.Create(hash, entry));
        return null;
    }
}
