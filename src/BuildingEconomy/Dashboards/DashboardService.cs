using System.Globalization;
using Npgsql;

namespace BuildingEconomy.Dashboards;

/// <summary>One group's figures for a month, named for the page.</summary>
public sealed record DashboardGroup(GroupName Name, FigureSums Sums, FigureSet Figures)
{
    public string? Key => Name.Key;
}

/// <summary>A month's figures by group, with the total of all groups (the sums of the groups, then divided).</summary>
public sealed record DashboardSummary(DateOnly Period, DashboardGrouping Grouping, DashboardFilter Filter, DashboardGroup Total, IReadOnlyList<DashboardGroup> Groups);

/// <summary>A month's figures beside the month before and the same month a year before.</summary>
public sealed record DashboardOverview(DateOnly Period, FigureSet Current, FigureSet PreviousMonth, FigureSet SameMonthLastYear);

/// <summary>A figure set per month, oldest first.</summary>
public sealed record DashboardTrend(IReadOnlyList<DateOnly> Periods, IReadOnlyList<FigureSet> Figures);

/// <summary>The figures engine: sums from PostgreSQL, figures from <see cref="FigureCalculator"/>, names for the page.</summary>
public sealed class DashboardService(
    NpgsqlDataSource dataSource, FigureSumsQuery sumsQuery, GroupNamesQuery namesQuery, DashboardTexts text, DashboardResultCache? cache = null)
{
    public const int TrendMonths = 24;

    /// <summary>The latest month with an applied return among the caller's buildings, or null when there is none.</summary>
    public async Task<DateOnly?> LatestPeriodAsync(DashboardScope scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = scope.DistrictIds is not null
            ? FigureSumsRollup.LatestPeriodSql(scope, command)
            : $"SELECT max(f.period) FROM building_month_figures f WHERE true{DashboardSql.Conditions("f", "building_id", scope, DashboardFilter.None, command)}";
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            DateOnly latest => latest,
            DateTime latest => DateOnly.FromDateTime(latest),
            _ => null,
        };
    }

    public Task<DashboardSummary> SummaryAsync(
        DateOnly period, DashboardGrouping grouping, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken) =>
        Cached($"summary:{period}:{grouping}:{filter}", scope, () => ComputeSummaryAsync(period, grouping, scope, filter, cancellationToken));

    public Task<DashboardOverview> OverviewAsync(DateOnly period, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken) =>
        Cached($"overview:{period}:{filter}", scope, () => ComputeOverviewAsync(period, scope, filter, cancellationToken));

    public Task<DashboardTrend> TrendAsync(DateOnly period, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken, int months = TrendMonths) =>
        Cached($"trend:{period}:{months}:{filter}", scope, () => ComputeTrendAsync(period, scope, filter, months, cancellationToken));

    private Task<T> Cached<T>(string key, DashboardScope scope, Func<Task<T>> compute) where T : class =>
        cache is null ? compute() : cache.GetOrComputeAsync($"{key}:{DashboardResultCache.ScopeKey(scope)}", compute);

    private async Task<DashboardSummary> ComputeSummaryAsync(
        DateOnly period, DashboardGrouping grouping, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var sums = await sumsQuery.SumsAsync([period], grouping, scope, filter, withAnnualTax: true, cancellationToken);
        var names = await namesQuery.NamesAsync(grouping, sums.Keys.Select(k => k.Key), cancellationToken);
        var groups = sums.Select(s => new DashboardGroup(Name(grouping, s.Key.Key, names), s.Value, FigureCalculator.Compute(s.Value)))
            .OrderBy(g => g, new GroupOrder(grouping))
            .ToList();
        var total = FigureSums.Sum(groups.Select(g => g.Sums));
        return new DashboardSummary(period, grouping, filter,
            new DashboardGroup(Name(DashboardGrouping.Total, null, names), total, FigureCalculator.Compute(total)), groups);
    }

    private async Task<DashboardOverview> ComputeOverviewAsync(DateOnly period, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken)
    {
        DateOnly[] periods = [period, period.AddMonths(-1), period.AddMonths(-12)];
        var sums = await sumsQuery.SumsAsync(periods, DashboardGrouping.Total, scope, filter, withAnnualTax: true, cancellationToken);
        FigureSet Of(DateOnly p) => FigureCalculator.Compute(sums.GetValueOrDefault(new GroupPeriod(p, null), FigureSums.Empty));
        return new DashboardOverview(period, Of(periods[0]), Of(periods[1]), Of(periods[2]));
    }

    private async Task<DashboardTrend> ComputeTrendAsync(DateOnly period, DashboardScope scope, DashboardFilter filter, int months, CancellationToken cancellationToken)
    {
        var periods = Enumerable.Range(0, months).Select(i => period.AddMonths(i - months + 1)).ToArray();
        var sums = await sumsQuery.SumsAsync(periods, DashboardGrouping.Total, scope, filter, withAnnualTax: true, cancellationToken);
        return new DashboardTrend(periods,
            [.. periods.Select(p => FigureCalculator.Compute(sums.GetValueOrDefault(new GroupPeriod(p, null), FigureSums.Empty)))]);
    }

    private GroupName Name(DashboardGrouping grouping, string? key, Dictionary<string, GroupName> names)
    {
        if (key is not null && names.TryGetValue(key, out var name)) return name;
        var both = text.Both(GroupNamesQuery.ResourceKey(grouping, key));
        return new GroupName(key, both.Zh, both.En);
    }

    /// <summary>Grades and uses in their natural order, everything else by name, "none" last.</summary>
    private sealed class GroupOrder(DashboardGrouping grouping) : IComparer<DashboardGroup>
    {
        public int Compare(DashboardGroup? x, DashboardGroup? y)
        {
            if (x?.Key is null || y?.Key is null) return (x?.Key is null).CompareTo(y?.Key is null);
            return grouping switch
            {
                DashboardGrouping.Grade => Enum.Parse<Buildings.BuildingGrade>(x.Key).CompareTo(Enum.Parse<Buildings.BuildingGrade>(y.Key)),
                DashboardGrouping.Use => Enum.Parse<Buildings.BuildingUse>(x.Key).CompareTo(Enum.Parse<Buildings.BuildingUse>(y.Key)),
                DashboardGrouping.Building or DashboardGrouping.Subdistrict or DashboardGrouping.District =>
                    int.Parse(x.Key, CultureInfo.InvariantCulture).CompareTo(int.Parse(y.Key, CultureInfo.InvariantCulture)),
                _ => string.CompareOrdinal(x.Name.Name, y.Name.Name),
            };
        }
    }
}
