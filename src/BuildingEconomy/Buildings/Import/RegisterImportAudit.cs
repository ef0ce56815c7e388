using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;

namespace BuildingEconomy.Buildings.Import;

/// <summary>
/// The audit log's view of imported buildings and spaces, as SQL: the binary COPY path bypasses the EF interceptor,
/// so the import writes its entries itself, set-based, in its own transaction. Property names are those the
/// interceptor writes, so an imported row and an edited one read alike on the audit page.
/// </summary>
internal static class RegisterImportAudit
{
    /// <summary>A space's audited properties, from a row of <c>spaces</c> or of the staging table.</summary>
    public static string SpaceState(string row, string archived) => $"""
        jsonb_build_object('Floor', {row}.floor, 'Unit', {row}.unit, 'Area', {row}.area, 'Tenure', {row}.tenure,
            'AskingRent', {row}.asking_rent, 'SalePrice', {row}.sale_price, 'FitOut', {row}.fit_out, 'Status', {row}.status,
            'AvailableFrom', {row}.available_from, 'Divisible', {row}.divisible, 'MinDivisibleArea', {row}.min_divisible_area,
            'Archived', {archived})
        """;

    /// <summary>A building's audited properties; facilities are an ordered array of ids.</summary>
    public static string BuildingState(string row, string footprint, string archived, string facilities) => $"""
        jsonb_build_object('Name', {row}.name, 'Aliases', {row}.aliases, 'Address', {row}.address,
            'Location', ST_AsText({row}.location), 'Footprint', ST_AsText({footprint}), 'Grade', {row}.grade, 'Use', {row}.use,
            'ConstructionStatus', {row}.construction_status, 'CompletionYear', {row}.completion_year,
            'GrossFloorArea', {row}.gross_floor_area, 'ForSaleArea', {row}.for_sale_area, 'ForRentArea', {row}.for_rent_area,
            'SelfUseArea', {row}.self_use_area, 'FloorsAboveGround', {row}.floors_above_ground,
            'FloorsBelowGround', {row}.floors_below_ground, 'PassengerElevators', {row}.passenger_elevators,
            'FreightElevators', {row}.freight_elevators, 'ParkingAboveGround', {row}.parking_above_ground,
            'ParkingBelowGround', {row}.parking_below_ground, 'ThemeId', {row}.theme_id, 'PropertyCompany', {row}.property_company,
            'OneToOneContact', {row}.one_to_one_contact, 'PropertyContacts', {row}.property_contacts,
            'RequiredToReport', {row}.required_to_report, 'Archived', {archived}, 'Facilities', {facilities})
        """;

    public static string StagedFacilities(string row) => $"ARRAY(SELECT DISTINCT f FROM unnest({row}.facility_ids) f ORDER BY 1)";

    public static string StoredFacilities(string building) =>
        $"ARRAY(SELECT bf.facilities_id FROM building_facilities bf WHERE bf.building_id = {building}.id ORDER BY 1)";

    /// <summary>
    /// The registered rows the file changes, with before and after of the changed properties only: written before the
    /// upsert, which then updates exactly these rows. <paramref name="join"/> pairs the staged row <c>i</c> with the
    /// stored row <c>s</c>; the staged row is kept as <c>staged</c> for the update.
    /// </summary>
    public static string Changes(string table, string join, string stored, string staged) => $"""
        CREATE TEMP TABLE {table} ON COMMIT DROP AS
        SELECT s.id, d.before, d.after, i AS staged
        FROM {join}
        CROSS JOIN LATERAL (SELECT {stored} AS stored, {staged} AS staged) x
        CROSS JOIN LATERAL (
            SELECT jsonb_object_agg(o.key, o.value) AS before, jsonb_object_agg(o.key, n.value) AS after
            FROM jsonb_each(x.stored) o JOIN jsonb_each(x.staged) n ON n.key = o.key
            WHERE o.value IS DISTINCT FROM n.value) d
        WHERE x.stored IS DISTINCT FROM x.staged;
        ALTER TABLE {table} ADD PRIMARY KEY (id);
        ANALYZE {table};
        """;

    /// <summary>One entry per written row of the upsert's <c>changed</c> rows: created with their state, updated with the diff.</summary>
    public static string Entries(string entityType, string changes, string createdState) => $"""
        INSERT INTO audit_entries (at, user_id, user_name, action, entity_type, entity_id, before, after)
        SELECT @now, @userId, @userName, CASE WHEN c.inserted THEN 'Created' ELSE 'Updated' END, '{entityType}', c.id::text,
            d.before, CASE WHEN c.inserted THEN {createdState} ELSE d.after END
        FROM changed c LEFT JOIN {changes} d ON d.id = c.id
        """;

    /// <summary>
    /// A created space's entry, built in C# for the spaces the import COPYs straight into the table: the same document
    /// as <c>jsonb_strip_nulls(SpaceState || BuildingId, ExternalKey)</c> of the stored row, so numbers carry the
    /// columns' two decimals and absent values are left out. One instance writes one entry at a time, reusing its buffer.
    /// </summary>
    public sealed class CreatedSpaceJson
    {
        private readonly ArrayBufferWriter<byte> buffer = new(512);
        private readonly Utf8JsonWriter writer;

        public CreatedSpaceJson() => writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AuditInterceptor.Json.Encoder });

        public string Of(SpaceInput s, int buildingId)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStartObject();
            writer.WriteNumber("Floor", s.Floor);
            writer.WriteString("Unit", s.Unit!.Trim());
            Money("Area", s.Area);
            writer.WriteString("Tenure", s.Tenure.ToString());
            if (s.AskingRent is { } rent) Money("AskingRent", rent);
            if (s.SalePrice is { } price) Money("SalePrice", price);
            writer.WriteString("FitOut", s.FitOut.ToString());
            writer.WriteString("Status", s.Status.ToString());
            if (s.AvailableFrom is { } from) writer.WriteString("AvailableFrom", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteBoolean("Divisible", s.Divisible);
            if (s.Divisible && s.MinDivisibleArea is { } min) Money("MinDivisibleArea", min);
            writer.WriteBoolean("Archived", false);
            writer.WriteNumber("BuildingId", buildingId);
            writer.WriteString("ExternalKey", s.ExternalKey!.Trim());
            writer.WriteEndObject();
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        /// <summary>numeric(_, 2) as PostgreSQL prints it: always two decimals (the parser has rounded to two already).</summary>
        private void Money(string name, decimal value)
        {
            writer.WritePropertyName(name);
            Span<byte> text = stackalloc byte[40];
            (value == 0 ? 0m : value).TryFormat(text, out var written, "F2", CultureInfo.InvariantCulture);
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
    }
}
