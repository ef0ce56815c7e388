using System.Text.Json;
using System.Text.Json.Serialization;
using BuildingEconomy.Data;
using BuildingEconomy.Messaging;

namespace BuildingEconomy.Buildings;

/// <summary>What happened to a register row. Serialised by name so the outbox payload reads plainly.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegisterChange>))]
public enum RegisterChange { Created, Updated, Archived, Restored }

/// <summary>
/// A building's facts, facilities, tenants or (after an import) spaces changed; the search index reloads it.
/// Published through the outbox, so it is stored in the same transaction as the change.
/// </summary>
public sealed record BuildingChanged(int BuildingId, string ExternalKey, RegisterChange Change, DateTimeOffset ChangedAt);

/// <summary>A space was created, edited or archived; the search index reloads it.</summary>
public sealed record SpaceChanged(long SpaceId, int BuildingId, RegisterChange Change, DateTimeOffset ChangedAt);

/// <summary>
/// Writes register events as outbox rows in the caller's unit of work; the dispatcher publishes them once the
/// change has committed. MessageType is the record's full name and Payload its System.Text.Json form, which is
/// what the dispatcher deserialises.
/// </summary>
public static class RegisterOutbox
{
    public static void Add<TMessage>(BuildingEconomyDbContext db, TMessage message, DateTimeOffset now) where TMessage : class =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageType = typeof(TMessage).FullName!,
            Payload = JsonSerializer.Serialize(message),
            CreatedAt = now,
        });
}
