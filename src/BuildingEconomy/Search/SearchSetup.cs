using BuildingEconomy.Health;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.Search;

public static class SearchSetup
{
    public static IHealthChecksBuilder AddSearchHealthCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<SearchHealthCheck>(HealthSetup.Search, timeout: HealthSetup.CheckTimeout);
}
