using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuildingEconomy.Dashboards;

public static class DashboardSetup
{
    /// <summary>
    /// The figures engine and its queries (stateless, over the shared NpgsqlDataSource), the per-request caller scope,
    /// and the listener that lets open dashboards notice new figures. Needs AddLocalization and the accounts services.
    /// </summary>
    public static IServiceCollection AddBuildingEconomyDashboards(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardTexts>();
        services.AddSingleton<FigureSumsQuery>();
        services.AddSingleton<GroupNamesQuery>();
        services.AddSingleton<PipelineQuery>();
        services.AddSingleton<FollowUpQueries>();
        services.AddSingleton<RosterQuery>();
        services.AddSingleton<SubdistrictMapQuery>();
        services.AddSingleton<DashboardResultCache>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<DashboardExportBuilder>();
        services.AddScoped<DashboardCaller>();
        services.AddSingleton<DashboardDataVersion>();
        services.AddHostedService<DashboardChangeListener>();
        return services;
    }
}
