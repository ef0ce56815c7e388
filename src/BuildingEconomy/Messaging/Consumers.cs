using MassTransit;

namespace BuildingEconomy.Messaging;

public static class Consumers
{
    /// <summary>
    /// Every consumer of the platform, for whichever host runs them. The web app registers them too: on the
    /// in-memory transport nothing outside its process can receive what it publishes, and on RabbitMQ web and
    /// worker simply compete on the same kebab-case queues.
    /// </summary>
    public static void AddBuildingEconomyConsumers(this IBusRegistrationConfigurator bus)
    {
        // Features add their consumers here as they arrive (returns, read models, search index).
        Returns.ReturnsSetup.AddReturnsConsumers(bus);
        bus.AddConsumer<Search.SearchIndexConsumer, Search.SearchIndexConsumerDefinition>();
        bus.AddConsumer<Search.Lists.SavedSearchMatcher>();
    }
}
