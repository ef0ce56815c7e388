using System.Globalization;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>
/// What every dashboard page shares: the month (?period=YYYY-MM, else the latest with applied returns in the
/// caller's scope), the caller's scope, the months to pick from and the texts. Each page model carries
/// [Authorize(Policy = Policies.ViewDashboards)] itself.
/// </summary>
public abstract class DashboardPage(DashboardCaller caller, DashboardService dashboards, DashboardTexts text) : PageModel
{
    /// <summary>How far back the month picker goes.</summary>
    public const int PickableMonths = 36;

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public DateOnly Month { get; private set; }
    public DashboardScope Scope { get; private set; } = DashboardScope.Everything;
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public bool HasData { get; private set; }
    public string? PeriodError { get; private set; }

    public DashboardTexts Text => text;
    public DashboardService Dashboards => dashboards;
    public bool English => Cultures.IsEnglish(CultureInfo.CurrentUICulture);
    public string MonthParameter => DashboardApiMapping.Month(Month);

    /// <summary>Which tab of the dashboard navigation is this page.</summary>
    public abstract string Section { get; }

    /// <summary>The data version before any figure was read: a change during the request still refreshes the page.</summary>
    public string DataVersion { get; private set; } = "";

    protected async Task ResolveAsync(CancellationToken cancellationToken)
    {
        DataVersion = HttpContext.RequestServices.GetRequiredService<DashboardDataVersion>().Current;
        Scope = await caller.ScopeAsync(cancellationToken);
        var latest = await dashboards.LatestPeriodAsync(Scope, cancellationToken);
        HasData = latest is not null;
        if (!DashboardRequest.TryParsePeriod(Period, out var requested))
        {
            PeriodError = text["Dashboard.Error.Period"];
            requested = null;
        }
        Month = await caller.PeriodAsync(requested, cancellationToken);
        var newest = latest is { } l && l > Month ? l : Month;
        Months = [.. Enumerable.Range(0, PickableMonths).Select(i => newest.AddMonths(-i))];
    }

    /// <summary>The current query string with some parameters replaced (null removes one): for links that keep the month.</summary>
    public string With(params (string Name, object? Value)[] changes)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        query["period"] = MonthParameter;
        foreach (var (name, value) in changes)
        {
            query[name] = value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        return Microsoft.AspNetCore.Http.QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value))).Value ?? "";
    }

    /// <summary>The API export of a dataset for the page's month and filters.</summary>
    public string ExportUrl(string dataset, params (string Name, object? Value)[] parameters)
    {
        var query = new Dictionary<string, string?> { ["period"] = MonthParameter };
        foreach (var (name, value) in parameters)
        {
            if (value is not null) query[name] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        return $"{DashboardApi.Prefix}/export/{dataset}{Microsoft.AspNetCore.Http.QueryString.Create(query).Value}";
    }

    /// <summary>A value for data-value / data-sort attributes: invariant, exact, empty for no data.</summary>
    public static string Raw(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
