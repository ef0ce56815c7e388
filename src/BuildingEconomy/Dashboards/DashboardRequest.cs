using System.Globalization;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;

namespace BuildingEconomy.Dashboards;

/// <summary>Query-string parsing shared by the API and the pages; errors name the parameter, for a ProblemDetails.</summary>
public static class DashboardRequest
{
    /// <summary>"YYYY-MM" exactly; null input is no period (the latest is used).</summary>
    public static bool TryParsePeriod(string? text, out DateOnly? period)
    {
        period = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (text.Length != 7 || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed.Year < 2000 || parsed.Year > 2100)
        {
            return false;
        }
        period = parsed;
        return true;
    }

    public static bool TryParseGrouping(string? text, out DashboardGrouping grouping)
    {
        grouping = DashboardGrouping.Subdistrict;
        if (string.IsNullOrEmpty(text)) return true;
        return text.ToLowerInvariant() switch
        {
            "district" => Set(DashboardGrouping.District, out grouping),
            "subdistrict" => Set(DashboardGrouping.Subdistrict, out grouping),
            "grade" => Set(DashboardGrouping.Grade, out grouping),
            "use" => Set(DashboardGrouping.Use, out grouping),
            "theme" => Set(DashboardGrouping.Theme, out grouping),
            "building" => Set(DashboardGrouping.Building, out grouping),
            _ => false,
        };
    }

    public static string Name(DashboardGrouping grouping) => grouping.ToString().ToLowerInvariant();

    private static bool Set(DashboardGrouping value, out DashboardGrouping grouping)
    {
        grouping = value;
        return true;
    }
}

/// <summary>The current caller as the dashboards see them: their scope, resolved once per request.</summary>
public sealed class DashboardCaller(IAccessScope access, BuildingEconomyDbContext db, DashboardService dashboards, TimeProvider clock)
{
    private DashboardScope? scope;

    public async Task<DashboardScope> ScopeAsync(CancellationToken cancellationToken) =>
        scope ??= await DashboardScope.ResolveAsync(access, db, cancellationToken);

    /// <summary>The month asked for, else the latest with an applied return in scope, else last calendar month.</summary>
    public async Task<DateOnly> PeriodAsync(DateOnly? requested, CancellationToken cancellationToken)
    {
        if (requested is { } period) return period;
        if (await dashboards.LatestPeriodAsync(await ScopeAsync(cancellationToken), cancellationToken) is { } latest) return latest;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }
}
