using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuildingEconomy.Messaging;

public static class OutboxSetup
{
    /// <summary>What a host needs to write to the outbox: the signal that wakes a dispatcher in the same process.</summary>
    public static IServiceCollection AddOutboxWriting(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The dispatcher, for every host that writes to the outbox. Several dispatchers over one database are safe (rows
    /// are claimed with SKIP LOCKED), but on the in-memory transport only the process whose bus has the consumers may
    /// dispatch, because what it publishes never leaves the process.
    /// </summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutboxWriting();
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.SectionName));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
