using BuildingEconomy.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BuildingEconomy.Health;

public static class HealthSetup
{
    public const string Database = "database";
    public const string Bus = "bus";
    public const string Search = "search";

    /// <summary>The tag MassTransit puts on the health checks it registers for each bus instance.</summary>
    public const string MassTransitTag = "masstransit";

    /// <summary>A hung connection attempt must not hold the probe longer than a load balancer waits for it.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The platform's own checks. MassTransit adds its bus checks by itself (through HealthCheckServiceOptions),
    /// so they appear as soon as the bus is registered.
    /// </summary>
    public static IHealthChecksBuilder AddBuildingEconomyHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(Database, timeout: CheckTimeout)
            .AddSearchHealthCheck();

    /// <summary>Which entry of the /health response a check belongs to: all of MassTransit's count as "bus".</summary>
    public static string GroupOf(string name, HealthReportEntry entry) =>
        entry.Tags.Contains(MassTransitTag) ? Bus : name;
}
