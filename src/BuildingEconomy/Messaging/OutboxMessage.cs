namespace BuildingEconomy.Messaging;

/// <summary>
/// A message written in the same transaction as the change it announces, and published by the dispatcher
/// afterwards, so that a stored change is always announced, even after a crash or a broker outage.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The message type's full name, to deserialise <see cref="Payload"/> with.</summary>
    public required string MessageType { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
