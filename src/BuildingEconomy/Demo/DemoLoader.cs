using System.Text.Json;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Demo;

/// <summary>
/// Loads a generated data set with PostgreSQL binary COPY in one transaction: either all of it is there
/// afterwards or none of it. The subdistrict of each building is still assigned by the database trigger.
/// </summary>
public static class DemoLoader
{
    public static async Task<bool> IsEmptyAsync(BuildingEconomyDbContext context, CancellationToken cancellationToken = default) =>
        !await context.Districts.AnyAsync(cancellationToken) && !await context.Buildings.AnyAsync(cancellationToken);

    public static async Task LoadAsync(NpgsqlDataSource dataSource, BuildingEconomyDbContext context, DemoDataSet data, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var contactJson = BulkCopy.ContactJson(context.Model);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        Copy(connection, progress, "districts (id, admin_code, name, name_en, boundary)", data.Districts, (w, d) =>
        {
            w.Write(d.Id);
            w.Write(d.AdminCode);
            w.Write(d.Name);
            w.Write(d.NameEn);
            w.Write(d.Boundary, NpgsqlDbType.Geometry);
        });
        Copy(connection, progress, "subdistricts (id, district_id, code, name, name_en, boundary)", data.Subdistricts, (w, s) =>
        {
            w.Write(s.Id);
            w.Write(s.DistrictId);
            w.Write(s.Code);
            w.Write(s.Name);
            w.Write(s.NameEn);
            w.Write(s.Boundary, NpgsqlDbType.Geometry);
        });
        Copy(connection, progress, """
            buildings (id, external_key, name, aliases, address, location, grade, use, construction_status, completion_year,
              gross_floor_area, for_sale_area, for_rent_area, self_use_area, floors_above_ground, floors_below_ground,
              passenger_elevators, freight_elevators, parking_above_ground, parking_below_ground, theme_id,
              property_company, one_to_one_contact, property_contacts, required_to_report, archived, updated_at)
            """, data.Buildings, (w, b) =>
        {
            w.Write(b.Id);
            w.Write(b.ExternalKey);
            w.Write(b.Name);
            w.Write(b.Aliases.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(b.Address);
            w.Write(b.Location, NpgsqlDbType.Geography);
            w.Write(b.Grade.ToString());
            w.Write(b.Use.ToString());
            w.Write(b.ConstructionStatus.ToString());
            w.WriteNullable(b.CompletionYear, NpgsqlDbType.Integer);
            w.Write(b.GrossFloorArea);
            w.Write(b.ForSaleArea);
            w.Write(b.ForRentArea);
            w.Write(b.SelfUseArea);
            w.Write(b.FloorsAboveGround);
            w.Write(b.FloorsBelowGround);
            w.Write(b.PassengerElevators);
            w.Write(b.FreightElevators);
            w.Write(b.ParkingAboveGround);
            w.Write(b.ParkingBelowGround);
            w.WriteNullable(b.ThemeId, NpgsqlDbType.Integer);
            w.WriteNullable(b.PropertyCompany, NpgsqlDbType.Text);
            w.WriteNullable(b.OneToOneContact is null ? null : contactJson(b.OneToOneContact).ToJsonString(), NpgsqlDbType.Jsonb);
            w.Write(new System.Text.Json.Nodes.JsonArray([.. b.PropertyContacts.Select(contactJson)]).ToJsonString(), NpgsqlDbType.Jsonb);
            w.Write(b.RequiredToReport);
            w.Write(b.Archived);
            w.Write(b.UpdatedAt, NpgsqlDbType.TimestampTz);
        });
        Copy(connection, progress, "building_facilities (building_id, facilities_id)", data.BuildingFacilities, (w, f) =>
        {
            w.Write(f.BuildingId);
            w.Write(f.FacilityId);
        });
        Copy(connection, progress, """
            spaces (id, building_id, external_key, floor, unit, area, tenure, asking_rent, sale_price, fit_out, status,
              available_from, divisible, min_divisible_area, archived, updated_at)
            """, data.Spaces, (w, s) =>
        {
            w.Write(s.Id);
            w.Write(s.BuildingId);
            w.Write(s.ExternalKey);
            w.Write(s.Floor);
            w.Write(s.Unit);
            w.Write(s.Area);
            w.Write(s.Tenure.ToString());
            w.WriteNullable(s.AskingRent, NpgsqlDbType.Numeric);
            w.WriteNullable(s.SalePrice, NpgsqlDbType.Numeric);
            w.Write(s.FitOut.ToString());
            w.Write(s.Status.ToString());
            w.WriteNullable(s.AvailableFrom, NpgsqlDbType.Date);
            w.Write(s.Divisible);
            w.WriteNullable(s.MinDivisibleArea, NpgsqlDbType.Numeric);
            w.Write(s.Archived);
            w.Write(s.UpdatedAt, NpgsqlDbType.TimestampTz);
        });
        Copy(connection, progress, "enterprises (id, credit_code, name, industry_section, registered_district_code, registered_place, updated_at)", data.Enterprises, (w, e) =>
        {
            w.Write(e.Id);
            w.Write(e.CreditCode);
            w.Write(e.Name);
            w.WriteNullable(e.IndustrySection, NpgsqlDbType.Char);
            w.WriteNullable(e.RegisteredDistrictCode, NpgsqlDbType.Char);
            w.WriteNullable(e.RegisteredPlace, NpgsqlDbType.Text);
            w.Write(e.UpdatedAt, NpgsqlDbType.TimestampTz);
        });
        Copy(connection, progress, """
            tenancies (id, building_id, enterprise_id, space_id, units, area, purchased, signed_on, moved_in_on, moved_out_on,
              registered_locally, employees, updated_at)
            """, data.Tenancies, (w, t) =>
        {
            w.Write(t.Id);
            w.Write(t.BuildingId);
            w.Write(t.EnterpriseId);
            w.WriteNullable(t.SpaceId, NpgsqlDbType.Bigint);
            w.WriteNullable(t.Units, NpgsqlDbType.Text);
            w.Write(t.Area);
            w.Write(t.Purchased);
            w.Write(t.SignedOn);
            w.WriteNullable(t.MovedInOn, NpgsqlDbType.Date);
            w.WriteNullable(t.MovedOutOn, NpgsqlDbType.Date);
            w.Write(t.RegisteredLocally);
            w.WriteNullable(t.Employees, NpgsqlDbType.Integer);
            w.Write(t.UpdatedAt, NpgsqlDbType.TimestampTz);
        });
        // Superseded versions first: a correction refers to the version it supersedes.
        Copy(connection, progress, """
            monthly_returns (id, building_id, period, version, status, supersedes_id, correction_reason, channel, idempotency_key,
              submitted_by, submitted_at, applied_at, for_sale_area, for_rent_area, sold_area, leased_area, self_use_area, resident_area)
            """, data.Returns.OrderBy(r => r.Id), (w, r) =>
        {
            w.Write(r.Id);
            w.Write(r.BuildingId);
            w.Write(r.Period);
            w.Write(r.Version);
            w.Write(r.Status.ToString());
            w.WriteNullable(r.SupersedesId, NpgsqlDbType.Bigint);
            w.WriteNullable(r.CorrectionReason, NpgsqlDbType.Text);
            w.Write(r.Channel.ToString());
            w.WriteNullable(r.IdempotencyKey, NpgsqlDbType.Text);
            w.WriteNullable(r.SubmittedBy, NpgsqlDbType.Text);
            w.Write(r.SubmittedAt, NpgsqlDbType.TimestampTz);
            w.WriteNullable(r.AppliedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.ForSaleArea);
            w.Write(r.ForRentArea);
            w.Write(r.SoldArea);
            w.Write(r.LeasedArea);
            w.Write(r.SelfUseArea);
            w.Write(r.ResidentArea);
        });
        Copy(connection, progress, """
            return_lines (id, return_id, line_number, credit_code, enterprise_name, units, area, purchased, state, moved_in_on,
              registered_locally, registered_place, employees, industry_section, tax_amount, tax_basis)
            """, data.Returns.SelectMany(r => r.Lines), (w, l) =>
        {
            w.Write(l.Id);
            w.Write(l.ReturnId);
            w.Write(l.LineNumber);
            w.Write(l.CreditCode);
            w.Write(l.EnterpriseName);
            w.WriteNullable(l.Units, NpgsqlDbType.Text);
            w.Write(l.Area);
            w.Write(l.Purchased);
            w.Write(l.State.ToString());
            w.WriteNullable(l.MovedInOn, NpgsqlDbType.Date);
            w.Write(l.RegisteredLocally);
            w.WriteNullable(l.RegisteredPlace, NpgsqlDbType.Text);
            w.WriteNullable(l.Employees, NpgsqlDbType.Integer);
            w.WriteNullable(l.IndustrySection, NpgsqlDbType.Char);
            w.WriteNullable(l.TaxAmount, NpgsqlDbType.Numeric);
            w.WriteNullable(l.TaxBasis?.ToString(), NpgsqlDbType.Text);
        });
        // The rollup triggers recompute the months and subdistricts a statement touched: right for a return's hundred
        // rows, but for millions in one COPY their set-based joins over arrays took hours. Recomputed once below instead.
        await Execute(connection, """
            ALTER TABLE building_month_figures DISABLE TRIGGER building_month_figures_rollups_insert,
                DISABLE TRIGGER building_month_figures_rollups_update
            """, cancellationToken);
        Copy(connection, progress, """
            building_month_figures (building_id, period, return_id, grade, use, theme_id, for_sale_area, for_rent_area, sold_area,
              leased_area, self_use_area, resident_area, marketed_area, resident_enterprises, locally_registered_enterprises,
              locally_registered_area, tax_amount, tax_basis)
            """, data.Figures, (w, f) =>
        {
            w.Write(f.BuildingId);
            w.Write(f.Period);
            w.Write(f.ReturnId);
            w.Write(f.Grade.ToString());
            w.Write(f.Use.ToString());
            w.WriteNullable(f.ThemeId, NpgsqlDbType.Integer);
            w.Write(f.ForSaleArea);
            w.Write(f.ForRentArea);
            w.Write(f.SoldArea);
            w.Write(f.LeasedArea);
            w.Write(f.SelfUseArea);
            w.Write(f.ResidentArea);
            w.Write(f.MarketedArea);
            w.Write(f.ResidentEnterprises);
            w.Write(f.LocallyRegisteredEnterprises);
            w.Write(f.LocallyRegisteredArea);
            w.WriteNullable(f.TaxAmount, NpgsqlDbType.Numeric);
            w.WriteNullable(f.TaxBasis?.ToString(), NpgsqlDbType.Text);
        });

        await Execute(connection, """
            -- The read model takes each building's place from the database's own assignment, not the generator's.
            UPDATE building_month_figures f SET district_id = b.district_id, subdistrict_id = b.subdistrict_id
            FROM buildings b WHERE b.id = f.building_id;
            ALTER TABLE building_month_figures ENABLE TRIGGER building_month_figures_rollups_insert,
                ENABLE TRIGGER building_month_figures_rollups_update;
            -- Without statistics on the tables just filled, the planner's guesses make the recomputation run for many minutes.
            ANALYZE buildings, monthly_returns, return_lines, building_month_figures;
            SELECT dashboard_refresh_month_sums(ARRAY(SELECT DISTINCT period FROM building_month_figures), ARRAY(SELECT id FROM subdistricts), true);
            SELECT dashboard_refresh_filing(NULL, ARRAY(SELECT id FROM subdistricts), true);
            SELECT setval(pg_get_serial_sequence('districts', 'id'), GREATEST((SELECT max(id) FROM districts), 1));
            SELECT setval(pg_get_serial_sequence('subdistricts', 'id'), GREATEST((SELECT max(id) FROM subdistricts), 1));
            SELECT setval(pg_get_serial_sequence('buildings', 'id'), GREATEST((SELECT max(id) FROM buildings), 1));
            SELECT setval(pg_get_serial_sequence('spaces', 'id'), GREATEST((SELECT max(id) FROM spaces), 1));
            SELECT setval(pg_get_serial_sequence('enterprises', 'id'), GREATEST((SELECT max(id) FROM enterprises), 1));
            SELECT setval(pg_get_serial_sequence('tenancies', 'id'), GREATEST((SELECT max(id) FROM tenancies), 1));
            SELECT setval(pg_get_serial_sequence('monthly_returns', 'id'), GREATEST((SELECT max(id) FROM monthly_returns), 1));
            SELECT setval(pg_get_serial_sequence('return_lines', 'id'), GREATEST((SELECT max(id) FROM return_lines), 1));
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // VACUUM as well: freshly copied rows are not yet all-visible, and the dashboards' index-only scans need them to be.
        await Execute(connection, "VACUUM (ANALYZE)", cancellationToken);
    }

    private static void Copy<T>(NpgsqlConnection connection, Action<string>? progress, string target, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var count = 0L;
        using var importer = connection.BeginBinaryImport($"COPY {target} FROM STDIN (FORMAT BINARY)");
        // A national data set takes minutes per table; the default 30 s command timeout would abort it.
        importer.Timeout = TimeSpan.FromHours(1);
        foreach (var row in rows)
        {
            importer.StartRow();
            write(importer, row);
            count++;
        }
        importer.Complete();
        progress?.Invoke($"{target[..target.IndexOf(' ')]}: {count:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({count / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} rows/s)");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
