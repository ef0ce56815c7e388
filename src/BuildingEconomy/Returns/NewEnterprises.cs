using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BuildingEconomy.Returns;

/// <summary>
/// Stores the enterprises a group of returns names for the first time, with their audit entries, in one statement: a
/// busy month names thousands, and inserting them through the change tracker (a statement each, then a second save
/// for the audit entries of their new keys) was most of the time of applying a group.
/// </summary>
internal static class NewEnterprises
{
    private const string Insert = """
        WITH created AS (
            INSERT INTO enterprises (credit_code, name, industry_section, registered_district_code, registered_place, archived, updated_at)
            SELECT n.code, n.name, n.section, n.district, n.place, false, @now
            FROM unnest(@codes, @names, @sections, @districts, @places, @states) AS n(code, name, section, district, place, state)
            ON CONFLICT (credit_code) DO NOTHING
            RETURNING id, credit_code),
        audited AS (
            INSERT INTO audit_entries (at, user_id, user_name, action, entity_type, entity_id, after)
            SELECT @now, @userId, @userName, 'Created', 'Enterprise', c.id::text, n.state::jsonb
            FROM created c JOIN unnest(@codes, @states) AS n(code, state) ON n.code = c.credit_code)
        SELECT id, credit_code FROM created
        """;

    /// <summary>
    /// Inserts <paramref name="enterprises"/> (new, not tracked) and gives them their keys. One another transaction
    /// stored first meanwhile is left out of the result; the caller reads it like any other existing enterprise.
    /// </summary>
    public static async Task<List<Enterprise>> StoreAsync(
        BuildingEconomyDbContext db, IReadOnlyList<Enterprise> enterprises, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (enterprises.Count == 0) return [];
        var (userId, userName) = AuditInterceptor.ActorOf(null);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Insert, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("codes", enterprises.Select(e => e.CreditCode).ToArray());
        command.Parameters.AddWithValue("names", enterprises.Select(e => e.Name).ToArray());
        command.Parameters.AddWithValue("sections", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, enterprises.Select(e => e.IndustrySection).ToArray());
        command.Parameters.AddWithValue("districts", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, enterprises.Select(e => e.RegisteredDistrictCode).ToArray());
        command.Parameters.AddWithValue("places", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, enterprises.Select(e => e.RegisteredPlace).ToArray());
        command.Parameters.AddWithValue("states", enterprises.Select(e => AuditedState(e, now)).ToArray());
        command.Parameters.AddWithValue("userId", NpgsqlTypes.NpgsqlDbType.Text, (object?)userId ?? DBNull.Value);
        command.Parameters.AddWithValue("userName", userName);

        var byCode = enterprises.ToDictionary(e => e.CreditCode);
        var stored = new List<Enterprise>(enterprises.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var enterprise = byCode[reader.GetString(1)];
            enterprise.Id = reader.GetInt32(0);
            enterprise.UpdatedAt = now;
            stored.Add(enterprise);
        }
        return stored;
    }

    /// <summary>What the audit interceptor records for an enterprise created through the change tracker.</summary>
    private static string AuditedState(Enterprise enterprise, DateTimeOffset now) => new JsonObject
    {
        [nameof(Enterprise.Archived)] = false,
        [nameof(Enterprise.CreditCode)] = enterprise.CreditCode,
        [nameof(Enterprise.IndustrySection)] = enterprise.IndustrySection,
        [nameof(Enterprise.Name)] = enterprise.Name,
        [nameof(Enterprise.RegisteredDistrictCode)] = enterprise.RegisteredDistrictCode,
        [nameof(Enterprise.RegisteredPlace)] = enterprise.RegisteredPlace,
        [nameof(Enterprise.UpdatedAt)] = JsonValue.Create(now),
    }.ToJsonString(AuditInterceptor.Json);
}
