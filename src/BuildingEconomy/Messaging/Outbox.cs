using System.Text.Json;

namespace BuildingEconomy.Messaging;

/// <summary>Writing to and reading from the outbox; the dispatcher and the writers agree on the format here.</summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>An outbox row for <paramref name="message"/>; add it to the same DbContext as the change it announces.</summary>
    public static OutboxMessage Message<T>(T message, DateTimeOffset now) where T : class => new()
    {
        MessageType = typeof(T).FullName!,
        Payload = JsonSerializer.Serialize(message, Json),
        CreatedAt = now,
    };

    /// <summary>
    /// The message types are looked up in this assembly only: the outbox never instantiates a type named by data
    /// from elsewhere.
    /// </summary>
    public static Type? ResolveType(string messageType) => typeof(Outbox).Assembly.GetType(messageType, throwOnError: false);

    public static object? Deserialize(string payload, Type type) => JsonSerializer.Deserialize(payload, type, Json);
}

/// <summary>
/// Wakes the dispatcher as soon as a writer in this process has committed an outbox row, so a return is published
/// within milliseconds rather than at the next poll. Rows written by other processes are found by the poll.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every row written before it.
        }
    }

    /// <summary>True when woken by <see cref="Notify"/>, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}

/// <summary>The <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often to look for rows written by other processes (the worker's "return applied" events).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 200;

    /// <summary>How long one publish may wait for the broker's confirmation before the batch counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often to look again whether a bus that is not ready (broker down, endpoints starting) has become ready.</summary>
    public TimeSpan BusCheckInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Back-off after a failed batch doubles from one second up to this.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
