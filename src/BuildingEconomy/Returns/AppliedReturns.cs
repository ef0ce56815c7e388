using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BuildingEconomy.Returns;

/// <summary>
/// Marks a wave's returns applied in one statement: their status, the "return applied" events in the outbox and the
/// audit entries the change tracker would have written, instead of three statements a return.
/// </summary>
internal static class AppliedReturns
{
    private const string Mark = """
        WITH marked AS (
            UPDATE monthly_returns r SET status = 'Applied', applied_at = @now, failed_at = NULL
            FROM unnest(@ids) AS a(id) WHERE r.id = a.id
            RETURNING r.id),
        announced AS (
            INSERT INTO outbox_messages (message_type, payload, created_at, attempts)
            SELECT @type, e.payload::jsonb, @now, 0 FROM unnest(@events) AS e(payload)),
        audited AS (
            INSERT INTO audit_entries (at, user_id, user_name, action, entity_type, entity_id, before, after)
            SELECT @now, @userId, @userName, 'Updated', 'MonthlyReturn', a.id::text, a.before::jsonb, a.after::jsonb
            FROM unnest(@ids, @befores, @afters) AS a(id, before, after))
        SELECT count(*) FROM marked
        """;

    /// <param name="returns">Returns still marked submitted, with the version each supersedes.</param>
    public static async Task MarkAsync(
        BuildingEconomyDbContext db, IReadOnlyList<(MonthlyReturn Return, long? Superseded)> returns, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (returns.Count == 0) return;
        var (userId, userName) = AuditInterceptor.ActorOf(null);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Mark, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", returns.Select(r => r.Return.Id).ToArray());
        command.Parameters.AddWithValue("type", typeof(MonthlyReturnApplied).FullName!);
        command.Parameters.AddWithValue("events", returns.Select(r => Outbox.Message(
            new MonthlyReturnApplied(r.Return.Id, r.Return.BuildingId, r.Return.Period, r.Return.Version, r.Superseded), now).Payload).ToArray());
        command.Parameters.AddWithValue("befores", returns.Select(r => Before(r.Return)).ToArray());
        command.Parameters.AddWithValue("afters", returns.Select(r => After(r.Return, now)).ToArray());
        command.Parameters.AddWithValue("userId", NpgsqlTypes.NpgsqlDbType.Text, (object?)userId ?? DBNull.Value);
        command.Parameters.AddWithValue("userName", userName);
        var marked = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (marked != returns.Count) throw new InvalidOperationException($"{returns.Count} returns to mark applied, {marked} found.");
    }

    /// <summary>The changed properties before, as the audit interceptor records them: a failure time only when there was one.</summary>
    private static string Before(MonthlyReturn submitted)
    {
        var state = new JsonObject { [nameof(MonthlyReturn.AppliedAt)] = null, [nameof(MonthlyReturn.Status)] = nameof(ReturnStatus.Submitted) };
        if (submitted.FailedAt is { } failed) state[nameof(MonthlyReturn.FailedAt)] = JsonValue.Create(failed);
        return state.ToJsonString(AuditInterceptor.Json);
    }

    private static string After(MonthlyReturn submitted, DateTimeOffset now)
    {
        var state = new JsonObject { [nameof(MonthlyReturn.AppliedAt)] = JsonValue.Create(now), [nameof(MonthlyReturn.Status)] = nameof(ReturnStatus.Applied) };
        if (submitted.FailedAt is not null) state[nameof(MonthlyReturn.FailedAt)] = null;
        return state.ToJsonString(AuditInterceptor.Json);
    }
}
