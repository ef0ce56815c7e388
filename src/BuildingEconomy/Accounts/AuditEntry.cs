namespace BuildingEconomy.Accounts;

/// <summary>
/// One write to an audited entity. Rows are only ever inserted: a database trigger rejects UPDATE, DELETE and
/// TRUNCATE on the table (migration AccountsAndAudit).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in user or token owner; null for the system (CLI, consumers).</summary>
    public string? UserId { get; set; }

    /// <summary>Kept as written, so the log still reads after the user is renamed or removed.</summary>
    public required string UserName { get; set; }

    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>JSON of the changed properties before the write (null when created).</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the changed properties after the write (null when deleted).</summary>
    public string? After { get; set; }
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}
