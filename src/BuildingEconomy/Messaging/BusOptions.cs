namespace BuildingEconomy.Messaging;

public enum BusTransport { InMemory, RabbitMq }

/// <summary>The <c>Bus</c> configuration section.</summary>
public sealed class BusOptions
{
    public const string SectionName = "Bus";

    /// <summary>In-memory needs no broker, so a fresh checkout runs as is; production sets RabbitMq.</summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// Put in front of every queue and exchange name, so that several environments (or test runs) can share one
    /// broker without receiving each other's messages. Empty in a normal deployment.
    /// </summary>
    public string? EntityPrefix { get; set; }
}

public sealed class RabbitMqOptions
{
    /// <summary>An AMQP URI with credentials and virtual host, e.g. amqp://guest:guest@127.0.0.1:5672/.</summary>
    public Uri? Url { get; set; }
}
