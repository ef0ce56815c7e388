using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuildingEconomy.Buildings.Register;

public static class RegisterSetup
{
    public static IServiceCollection AddBuildingRegister(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<BuildingRegister>();
        services.AddScoped<BuildingQueries>();
        services.AddScoped<EnterpriseQueries>();
        services.AddScoped<Import.RegisterImport>();
        services.AddScoped<Import.BoundaryImport>();
        return services;
    }
}
