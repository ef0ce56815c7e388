using BuildingEconomy.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.Returns;

public static class ReturnsSetup
{
    /// <summary>Filing and applying returns; every host that files or consumes calls this.</summary>
    public static IServiceCollection AddBuildingEconomyReturns(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReturnsOptions>(configuration.GetSection(ReturnsOptions.SectionName));
        services.AddOutboxWriting();
        services.AddScoped<ReturnFiling>();
        services.AddScoped<MonthlyReturnApplier>();
        services.AddSingleton<ReturnApplyQueue>();
        services.AddScoped<ReturnDrafts>();
        services.AddScoped<FailedReturns>();
        services.AddScoped<ReturnStatusBoard>();
        services.AddScoped<ReturnCompliance>();
        return services;
    }

    /// <summary>
    /// The returns consumers alone: for hosts and tests that run only the returns pipeline. The platform's hosts take
    /// every consumer through <see cref="Consumers.AddBuildingEconomyConsumers"/>, which includes these.
    /// </summary>
    public static void AddReturnsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ApplyMonthlyReturnConsumer, ApplyMonthlyReturnConsumerDefinition>();
        bus.AddConsumer<RecordReturnFailureConsumer>();
    }
}
