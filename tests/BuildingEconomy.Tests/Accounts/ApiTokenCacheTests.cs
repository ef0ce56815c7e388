using BuildingEconomy.Accounts;

namespace BuildingEconomy.Tests.Accounts;

public class ApiTokenCacheTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly ApiTokenIdentity Token = new(7, null, null, "user-1", "officer", null, [Roles.InvestmentOfficer]);

    [Fact]
    public void A_token_read_is_kept_for_at_most_its_max_age()
    {
        var clock = new Clock();
        var cache = new ApiTokenCache(clock);
        cache.Keep("hash", Token, AccountChanges.Version);

        clock.Now += ApiTokenCache.MaxAge - TimeSpan.FromSeconds(1);
        Assert.Same(Token, cache.Find("hash"));
        Assert.Null(cache.Find("other-hash"));

        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(cache.Find("hash"));
    }

    [Fact]
    public void A_token_read_before_an_account_change_is_not_used()
    {
        var cache = new ApiTokenCache(new Clock());
        cache.Keep("hash", Token, AccountChanges.Version - 1);

        Assert.Null(cache.Find("hash"));
    }
}
