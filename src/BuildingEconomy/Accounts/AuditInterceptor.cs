using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to an entity in <see cref="AuditedTypes"/>, in the same
/// transaction as the change, so no write lands without its entry and no entry without its write. Changes to owned
/// (JSON) parts, such as a building's contacts, are recorded against the entity that owns them.
/// </summary>
public sealed class AuditInterceptor(Func<ClaimsPrincipal?> currentUser) : SaveChangesInterceptor
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Entries whose entity gets its key from the database: completed after the insert, before commit.</summary>
    private sealed record Pending(List<(AuditEntry Entry, EntityEntry Root)> AwaitingKeys, List<AuditEntry> Added, IDbContextTransaction? OwnTransaction);

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && !pending.TryGetValue(context, out _))
        {
            var (ready, awaiting) = Collect(context);
            var transaction = awaiting.Count > 0 && context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null;
            Track(context, ready, awaiting, transaction);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && !pending.TryGetValue(context, out _))
        {
            var (ready, awaiting) = Collect(context);
            var transaction = awaiting.Count > 0 && context.Database.CurrentTransaction is null
                ? await context.Database.BeginTransactionAsync(cancellationToken)
                : null;
            Track(context, ready, awaiting, transaction);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && Complete(context) is { } state)
        {
            using (state.OwnTransaction)
            {
                context.SaveChanges();
                state.OwnTransaction?.Commit();
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Complete(context) is { } state)
        {
            await using (state.OwnTransaction)
            {
                await context.SaveChangesAsync(cancellationToken);
                if (state.OwnTransaction is not null) await state.OwnTransaction.CommitAsync(cancellationToken);
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContext context, List<AuditEntry> ready, List<(AuditEntry, EntityEntry)> awaiting, IDbContextTransaction? transaction)
    {
        if (ready.Count == 0 && awaiting.Count == 0) return;
        context.AddRange(ready);
        pending.AddOrUpdate(context, new Pending(awaiting, ready, transaction));
    }

    /// <summary>After the first save: the awaited keys are known, the entries are added; the caller saves them.</summary>
    private Pending? Complete(DbContext context)
    {
        if (!pending.TryGetValue(context, out var state) || state.AwaitingKeys.Count == 0)
        {
            pending.Remove(context);
            return null;
        }
        foreach (var (entry, root) in state.AwaitingKeys)
        {
            entry.EntityId = KeyOf(root);
        }
        // Replaced by a state without awaited entries, so the nested save below passes through.
        pending.AddOrUpdate(context, state with { AwaitingKeys = [] });
        context.AddRange(state.AwaitingKeys.Select(a => a.Entry));
        return state;
    }

    private void Abandon(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state)) return;
        pending.Remove(context);
        // The caller may fix the problem and save again; that save collects its own entries afresh.
        foreach (var entry in state.Added.Concat(state.AwaitingKeys.Select(a => a.Entry)))
        {
            var tracked = context.Entry(entry);
            if (tracked.State != EntityState.Detached) tracked.State = EntityState.Detached;
        }
        state.OwnTransaction?.Dispose();
    }

    private (List<AuditEntry> Ready, List<(AuditEntry, EntityEntry)> Awaiting) Collect(DbContext context)
    {
        if (context.ChangeTracker.AutoDetectChangesEnabled) context.ChangeTracker.DetectChanges();
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry)
            .ToList();
        if (changed.Count == 0) return ([], []);

        var roots = changed.Any(e => e.Metadata.IsOwned())
            ? context.ChangeTracker.Entries().Where(e => !e.Metadata.IsOwned()).ToDictionary(e => (e.Metadata, KeyOf(e)))
            : [];
        // Keyed by the entity itself: each enumeration of the change tracker hands out new EntityEntry wrappers.
        var changes = new Dictionary<object, (EntityEntry Root, JsonObject Before, JsonObject After)>(ReferenceEqualityComparer.Instance);
        foreach (var entry in changed)
        {
            if (RootOf(entry, roots) is not ({ } root, var path) || !AuditedTypes.Names.ContainsKey(root.Metadata.ClrType)) continue;
            if (!changes.TryGetValue(root.Entity, out var change)) changes[root.Entity] = change = (root, [], []);
            AddProperties(entry, path, change.Before, change.After);
        }

        var (userId, userName) = Actor();
        var now = DateTimeOffset.UtcNow;
        var ready = new List<AuditEntry>();
        var awaiting = new List<(AuditEntry, EntityEntry)>();
        foreach (var (root, before, after) in changes.Values)
        {
            var action = root.State switch { EntityState.Added => AuditAction.Created, EntityState.Deleted => AuditAction.Deleted, _ => AuditAction.Updated };
            if (action == AuditAction.Updated && before.Count == 0 && after.Count == 0) continue;
            var entry = new AuditEntry
            {
                At = now,
                UserId = userId,
                UserName = userName,
                Action = action,
                EntityType = AuditedTypes.Names[root.Metadata.ClrType],
                EntityId = KeyOf(root),
                Before = action == AuditAction.Created ? null : before.ToJsonString(Json),
                After = action == AuditAction.Deleted ? null : after.ToJsonString(Json),
            };
            if (root.Metadata.FindPrimaryKey()!.Properties.Any(p => root.Property(p.Name).IsTemporary)) awaiting.Add((entry, root));
            else ready.Add(entry);
        }
        return (ready, awaiting);
    }

    private static void AddProperties(EntityEntry entry, string path, JsonObject before, JsonObject after)
    {
        var key = entry.Metadata.FindPrimaryKey()!.Properties;
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (key.Contains(property.Metadata) || property.Metadata.IsForeignKey() && entry.Metadata.IsOwned()
                || AuditedTypes.IgnoredProperties.Contains(name)) continue;
            var redact = AuditedTypes.RedactedProperties.Contains(name);
            switch (entry.State)
            {
                case EntityState.Added:
                    after[path + name] = Value(property.CurrentValue, redact);
                    break;
                case EntityState.Deleted:
                    before[path + name] = Value(property.OriginalValue, redact);
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    before[path + name] = Value(property.OriginalValue, redact);
                    after[path + name] = Value(property.CurrentValue, redact);
                    break;
            }
        }
    }

    /// <summary>The entity that owns <paramref name="entry"/> (itself when not owned) and the path of the owned part.</summary>
    private static (EntityEntry? Root, string Path) RootOf(EntityEntry entry, Dictionary<(Microsoft.EntityFrameworkCore.Metadata.IEntityType, string), EntityEntry> roots)
    {
        if (!entry.Metadata.IsOwned()) return (entry, "");
        var ownership = entry.Metadata.FindOwnership()!;
        var ownerKey = string.Join(":", ownership.Properties.Select(p => entry.Property(p.Name).CurrentValue));
        var ordinal = entry.Metadata.FindPrimaryKey()!.Properties.Except(ownership.Properties).Select(p => entry.Property(p.Name).CurrentValue).ToList();
        var part = ownership.PrincipalToDependent?.Name + (ordinal.Count > 0 ? $"[{string.Join(":", ordinal)}]" : "") + ".";

        var principalType = ownership.PrincipalEntityType;
        if (!principalType.IsOwned())
        {
            return (roots.GetValueOrDefault((principalType, ownerKey)), part);
        }
        // A part of a part: find the owning part among the tracked entries, then its owner.
        var owner = entry.Context.ChangeTracker.Entries()
            .FirstOrDefault(e => e.Metadata == principalType && KeyOf(e) == ownerKey);
        if (owner is null) return (null, part);
        var (root, path) = RootOf(owner, roots);
        return (root, path + part);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(":", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static JsonNode? Value(object? value, bool redact) => value switch
    {
        null => null,
        _ when redact => AuditedTypes.Redacted,
        Geometry geometry => geometry.AsText(),
        Enum e => e.ToString(),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Json),
    };

    private (string? UserId, string UserName) Actor() => ActorOf(currentUser());

    /// <summary>How the log names <paramref name="user"/>; also for writers that store set-based, past the interceptor.</summary>
    public static (string? UserId, string UserName) ActorOf(ClaimsPrincipal? user)
    {
        var actor = AuditActor.Of(user);
        return (actor.UserId, actor.UserName);
    }
}
