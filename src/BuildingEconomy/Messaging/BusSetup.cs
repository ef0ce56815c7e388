using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BuildingEconomy.Messaging;

public static class BusSetup
{
    /// <summary>
    /// The one bus set-up the web app and the worker share, so both hosts agree on endpoint names and topology.
    /// Consumers are added through <paramref name="addConsumers"/> by the host that runs them.
    /// </summary>
    public static IServiceCollection AddBuildingEconomyBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        // Read eagerly: the transport decides which registrations exist, so it cannot wait for IOptions.
        var options = configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();

        services.AddMassTransit(bus =>
        {
            var prefix = string.IsNullOrWhiteSpace(options.EntityPrefix) ? null : options.EntityPrefix;
            if (prefix is null) bus.SetKebabCaseEndpointNameFormatter();
            else bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false));
            // Returns are stored durably before they are published, so a broker outage delays work but loses none:
            // the site stays in service (degraded) rather than being taken out of a load balancer.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            addConsumers?.Invoke(bus);

            switch (options.Transport)
            {
                case BusTransport.InMemory:
                    bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                    break;
                case BusTransport.RabbitMq:
                    var url = options.RabbitMq.Url ?? throw new InvalidOperationException(
                        $"{BusOptions.SectionName}:Transport is RabbitMq but {BusOptions.SectionName}:RabbitMq:Url is not set " +
                        "(e.g. amqp://guest:guest@127.0.0.1:5672/).");
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        // A return is only acknowledged to its sender once the broker has confirmed the publish.
                        cfg.Host(url, host => host.PublisherConfirmation = true);
                        if (prefix is not null)
                            cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, prefix));
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Unknown {BusOptions.SectionName}:Transport '{options.Transport}'.");
            }
        });

        // The in-memory bus starts instantly, so waiting makes it ready before the first request or health probe.
        // A broker may be down at start-up: then the host must still come up and report the bus unhealthy.
        services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = options.Transport == BusTransport.InMemory);
        return services;
    }
}
