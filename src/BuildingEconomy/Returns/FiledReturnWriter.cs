using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Returns;

/// <summary>
/// Stores a validated return, its roster, its outbox row and its audit entry in one round trip: one batch, which
/// PostgreSQL runs as one implicit transaction, under the building's lock. EF Core's change tracking of forty roster
/// lines, the id drawn beforehand and the audit interceptor's second save cost more than the data itself.
/// Version numbers and the "a version already stands" check are worked out by the statement, under the lock.
/// </summary>
internal static class FiledReturnWriter
{
    /// <param name="Current">The version that stands for the month when the return was refused for want of a correction reason.</param>
    public sealed record Written(MonthlyReturn? Return, int? Current);

    private const string Insert = """
        WITH month AS (
            SELECT coalesce((SELECT max(version) FROM monthly_returns WHERE building_id = $1 AND period = $2), 0) AS latest,
                   standing.id AS current_id, standing.version AS current_version
            FROM (SELECT 1) one
            LEFT JOIN LATERAL (
                SELECT id, version FROM monthly_returns
                WHERE building_id = $1 AND period = $2 AND status IN ('Applied', 'Submitted')
                ORDER BY version DESC LIMIT 1) standing ON true
        ), stored AS (
            INSERT INTO monthly_returns (building_id, period, version, status, supersedes_id, correction_reason, channel,
                idempotency_key, request_fingerprint, submitted_by, submitted_at, for_sale_area, for_rent_area, sold_area,
                leased_area, self_use_area, resident_area, failure_count)
            SELECT $1, $2, month.latest + 1, 'Submitted', month.current_id, CASE WHEN month.current_id IS NULL THEN NULL ELSE $3 END, $4,
                $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0
            FROM month
            WHERE month.current_id IS NULL OR $3 IS NOT NULL
            RETURNING id, version, supersedes_id, correction_reason
        ), lines AS (
            INSERT INTO return_lines (return_id, line_number, credit_code, enterprise_name, units, area, purchased, state,
                moved_in_on, registered_locally, registered_place, employees, industry_section, tax_amount, tax_basis)
            SELECT stored.id, l.*
            FROM stored, unnest($15::int[], $16::text[], $17::text[], $18::text[], $19::numeric[], $20::bool[], $21::text[],
                $22::date[], $23::bool[], $24::text[], $25::int[], $26::text[], $27::numeric[], $28::text[])
                AS l(line_number, credit_code, enterprise_name, units, area, purchased, state, moved_in_on, registered_locally,
                     registered_place, employees, industry_section, tax_amount, tax_basis)
        ), announced AS (
            INSERT INTO outbox_messages (message_type, payload, created_at, attempts)
            SELECT $29, jsonb_build_object('returnId', stored.id, 'buildingId', $1, 'period', to_char($2, 'YYYY-MM-DD'), 'version', stored.version), $8, 0
            FROM stored
        ), audited AS (
            INSERT INTO audit_entries (at, user_id, user_name, action, entity_type, entity_id, after)
            SELECT $8, $30, $31, 'Created', $32, stored.id::text,
                $33::jsonb || jsonb_build_object('Version', stored.version, 'SupersedesId', stored.supersedes_id, 'CorrectionReason', stored.correction_reason)
            FROM stored
        )
        SELECT stored.id, stored.version, stored.supersedes_id, month.current_version
        FROM month LEFT JOIN stored ON true
        """;

    public static async Task<Written> WriteAsync(
        BuildingEconomyDbContext db, ValidatedReturn valid, ReturnChannel channel, string? submittedBy, string? key, string? fingerprint,
        DateTimeOffset now, (string? UserId, string UserName) actor, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            // Statements of one batch without an explicit transaction run in one implicit transaction: the lock holds until the insert commits.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, $2)")
            {
                Parameters = { new() { Value = ReturnLocks.Namespace }, new() { Value = valid.BuildingId } },
            });
            var insert = new NpgsqlBatchCommand(Insert);
            AddParameters(insert, valid, channel, submittedBy, key, fingerprint, now, actor);
            batch.BatchCommands.Add(insert);

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (await reader.IsDBNullAsync(0, cancellationToken)) return new Written(null, reader.GetInt32(3));
            var monthly = new MonthlyReturn
            {
                Id = reader.GetInt64(0),
                BuildingId = valid.BuildingId,
                Period = valid.Period,
                Version = reader.GetInt32(1),
                Status = ReturnStatus.Submitted,
                SupersedesId = await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetInt64(2),
                Channel = channel,
                IdempotencyKey = key,
                RequestFingerprint = fingerprint,
                SubmittedBy = submittedBy,
                SubmittedAt = now,
                ForSaleArea = valid.ForSaleArea,
                ForRentArea = valid.ForRentArea,
                SoldArea = valid.SoldArea,
                LeasedArea = valid.LeasedArea,
                SelfUseArea = valid.SelfUseArea,
                ResidentArea = valid.ResidentArea,
            };
            monthly.CorrectionReason = monthly.SupersedesId is null ? null : valid.CorrectionReason;
            foreach (var line in valid.Lines) line.ReturnId = monthly.Id;
            monthly.Lines = [.. valid.Lines];
            return new Written(monthly, null);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameters(
        NpgsqlBatchCommand command, ValidatedReturn valid, ReturnChannel channel, string? submittedBy, string? key, string? fingerprint,
        DateTimeOffset now, (string? UserId, string UserName) actor)
    {
        var lines = valid.Lines;
        var p = command.Parameters;
        p.Add(new() { Value = valid.BuildingId });
        p.Add(new() { Value = valid.Period });
        p.Add(new() { Value = (object?)valid.CorrectionReason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = channel.ToString() });
        p.Add(new() { Value = (object?)key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)fingerprint ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)submittedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        foreach (var area in new[] { valid.ForSaleArea, valid.ForRentArea, valid.SoldArea, valid.LeasedArea, valid.SelfUseArea, valid.ResidentArea })
        {
            p.Add(new() { Value = area });
        }
        p.Add(new() { Value = lines.Select(l => l.LineNumber).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.CreditCode).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.EnterpriseName).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.Units).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = lines.Select(l => l.Area).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.Purchased).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.State.ToString()).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.MovedInOn).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        p.Add(new() { Value = lines.Select(l => l.RegisteredLocally).ToArray() });
        p.Add(new() { Value = lines.Select(l => l.RegisteredPlace).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = lines.Select(l => l.Employees).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        p.Add(new() { Value = lines.Select(l => l.IndustrySection).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = lines.Select(l => l.TaxAmount).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        p.Add(new() { Value = lines.Select(l => l.TaxBasis?.ToString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = typeof(MonthlyReturnSubmitted).FullName! });
        p.Add(new() { Value = (object?)actor.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = actor.UserName });
        p.Add(new() { Value = AuditedTypes.Names[typeof(MonthlyReturn)] });
        p.Add(new() { Value = AuditAfter(valid, channel, submittedBy, key, fingerprint, now), NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    /// <summary>What the audit log shows of a created return, as the interceptor would; the roster lives in the return itself.</summary>
    private static string AuditAfter(ValidatedReturn valid, ReturnChannel channel, string? submittedBy, string? key, string? fingerprint, DateTimeOffset now) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            [nameof(MonthlyReturn.BuildingId)] = valid.BuildingId,
            [nameof(MonthlyReturn.Period)] = valid.Period,
            [nameof(MonthlyReturn.Status)] = nameof(ReturnStatus.Submitted),
            [nameof(MonthlyReturn.Channel)] = channel.ToString(),
            [nameof(MonthlyReturn.IdempotencyKey)] = key,
            [nameof(MonthlyReturn.RequestFingerprint)] = fingerprint,
            [nameof(MonthlyReturn.SubmittedBy)] = submittedBy,
            [nameof(MonthlyReturn.SubmittedAt)] = now,
            [nameof(MonthlyReturn.ForSaleArea)] = valid.ForSaleArea,
            [nameof(MonthlyReturn.ForRentArea)] = valid.ForRentArea,
            [nameof(MonthlyReturn.SoldArea)] = valid.SoldArea,
            [nameof(MonthlyReturn.LeasedArea)] = valid.LeasedArea,
            [nameof(MonthlyReturn.SelfUseArea)] = valid.SelfUseArea,
            [nameof(MonthlyReturn.ResidentArea)] = valid.ResidentArea,
            ["Lines"] = valid.Lines.Count,
        });
}
