using BuildingEconomy.Dashboards;

namespace BuildingEconomy.Tests.Dashboards;

public sealed class DashboardRequestTests
{
    [Theory]
    [InlineData("2026-10", 2026, 10)]
    [InlineData("2000-01", 2000, 1)]
    public void A_month_is_read_as_its_first_day(string text, int year, int month)
    {
        Assert.True(DashboardRequest.TryParsePeriod(text, out var period));
        Assert.Equal(new DateOnly(year, month, 1), period);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("202610")]
    [InlineData("2026-10-01")]
    [InlineData("1999-12")]
    [InlineData("十月")]
    public void Anything_else_is_refused(string text) => Assert.False(DashboardRequest.TryParsePeriod(text, out _));

    [Fact]
    public void No_month_means_the_latest()
    {
        Assert.True(DashboardRequest.TryParsePeriod(null, out var period));
        Assert.Null(period);
    }

    [Theory]
    [InlineData(null, DashboardGrouping.Subdistrict)]
    [InlineData("subdistrict", DashboardGrouping.Subdistrict)]
    [InlineData("Grade", DashboardGrouping.Grade)]
    [InlineData("use", DashboardGrouping.Use)]
    [InlineData("theme", DashboardGrouping.Theme)]
    [InlineData("building", DashboardGrouping.Building)]
    [InlineData("district", DashboardGrouping.District)]
    public void Groupings_by_name(string? text, DashboardGrouping expected)
    {
        Assert.True(DashboardRequest.TryParseGrouping(text, out var grouping));
        Assert.Equal(expected, grouping);
    }

    [Fact]
    public void An_unknown_grouping_is_refused() => Assert.False(DashboardRequest.TryParseGrouping("floor", out _));
}

public sealed class DashboardResultCacheTests
{
    [Fact]
    public async Task Results_are_kept_until_the_data_changes()
    {
        var version = new DashboardDataVersion(TimeProvider.System) { IsListening = true };
        var cache = new DashboardResultCache(version);
        var computed = 0;
        Task<string> Compute() => Task.FromResult($"result {++computed}");

        Assert.Equal("result 1", await cache.GetOrComputeAsync("k", Compute));
        Assert.Equal("result 1", await cache.GetOrComputeAsync("k", Compute));
        Assert.Equal("result 2", await cache.GetOrComputeAsync("other", Compute));
        version.Changed();
        Assert.Equal("result 3", await cache.GetOrComputeAsync("k", Compute));
    }

    [Fact]
    public async Task Nothing_is_kept_while_changes_cannot_be_heard()
    {
        var cache = new DashboardResultCache(new DashboardDataVersion(TimeProvider.System));
        var computed = 0;

        await cache.GetOrComputeAsync("k", () => Task.FromResult($"{++computed}"));
        await cache.GetOrComputeAsync("k", () => Task.FromResult($"{++computed}"));

        Assert.Equal(2, computed);
    }

    [Fact]
    public void Scopes_with_other_buildings_or_tax_rights_have_other_keys()
    {
        var keys = new[]
        {
            DashboardResultCache.ScopeKey(DashboardScope.Everything),
            DashboardResultCache.ScopeKey(DashboardScope.Everything with { CanSeeTax = false }),
            DashboardResultCache.ScopeKey(new DashboardScope([1, 2], true)),
            DashboardResultCache.ScopeKey(new DashboardScope([1, 3], true)),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
