using System.Diagnostics;
using System.Text.Json.Nodes;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Buildings.Import;

/// <summary>
/// Bulk import of buildings and spaces from .xlsx, CSV or GeoJSON. Every row is judged by the register's own rules
/// first; one bad row and nothing is stored, and the report lists each problem by row, column and reason. A good
/// file is applied in one transaction through binary COPY into staging tables and set-based upserts keyed by each
/// row's external key, so a file applied twice changes nothing the second time. Each row that actually changed
/// gets its outbox event (BuildingChanged / SpaceChanged) in the same transaction. A dry run does all of this and
/// rolls back, so its counts are exactly what applying would do.
/// </summary>
public sealed class RegisterImport(BuildingEconomyDbContext db, NpgsqlDataSource dataSource, TimeProvider time, IStringLocalizer<SharedResource> t)
{
    /// <summary>Told the time each phase took, for the import benchmark to say where the time goes.</summary>
    public Action<string, TimeSpan>? Phases { get; init; }

    private readonly Stopwatch lap = new();

    private void Lap(string phase)
    {
        Phases?.Invoke(phase, lap.Elapsed);
        lap.Restart();
    }

    /// <param name="by">Who imports: every building and space the import writes is audited in their name.</param>
    public async Task<ImportReport> RunAsync(Stream content, string fileName, ImportKind kind, bool dryRun, AuditActor by, CancellationToken cancellationToken = default)
    {
        lap.Restart();
        var problems = new List<ImportProblem>();
        var empty = new ImportCounts(0, 0, 0, 0);
        if (ImportReader.FormatOf(fileName) is not { } format)
        {
            problems.Add(new ImportProblem("", 0, t[RegisterMessages.FieldLabelKey("file")], t["Register.Import.UnsupportedFormat"]));
            return new ImportReport(dryRun, false, empty, empty, problems, []);
        }
        List<ImportSheet> sheets;
        try
        {
            sheets = ImportReader.Read(content, format, kind);
            Lap($"{kind.ToString().ToLowerInvariant()}: read and parse the file");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(new ImportProblem("", 0, t[RegisterMessages.FieldLabelKey("file")], t["Register.Import.Unreadable", e.Message]));
            return new ImportReport(dryRun, false, empty, empty, problems, []);
        }
        if (sheets.Count == 0)
        {
            problems.Add(new ImportProblem("", 0, t[RegisterMessages.FieldLabelKey("file")], t["Register.Import.NoSheet", ImportColumns.BuildingsSheet, ImportColumns.SpacesSheet]));
            return new ImportReport(dryRun, false, empty, empty, problems, []);
        }
        foreach (var sheet in sheets)
        {
            foreach (var missing in sheet.MissingColumns)
                problems.Add(new ImportProblem(sheet.Name, 1, missing, t["Register.Import.MissingColumn", missing]));
        }

        var buildingSheet = sheets.FirstOrDefault(s => s.Columns == ImportColumns.Buildings);
        var spaceSheet = sheets.FirstOrDefault(s => s.Columns == ImportColumns.Spaces);
        var parsing = new ImportParsing(
            await db.Themes.AsNoTracking().ToListAsync(cancellationToken),
            await db.Facilities.AsNoTracking().ToListAsync(cancellationToken));

        var buildings = await CheckBuildingsAsync(buildingSheet, parsing, problems, cancellationToken);
        var spaces = await CheckSpacesAsync(spaceSheet, buildings, parsing, problems, cancellationToken);
        var duplicates = problems.Count == 0 && buildings.Count <= MaxRowsForDuplicateWarnings
            ? await LikelyDuplicatesAsync(buildings, cancellationToken) : [];

        Lap($"{kind.ToString().ToLowerInvariant()}: validate");
        if (problems.Count > 0)
        {
            return new ImportReport(dryRun, false, new ImportCounts(buildings.Count, 0, 0, 0), new ImportCounts(spaces.Count, 0, 0, 0),
                [.. problems.OrderBy(p => p.Sheet == ImportColumns.SpacesSheet).ThenBy(p => p.Row)], duplicates);
        }
        var (buildingCounts, spaceCounts) = await ApplyAsync(buildings, spaces, dryRun, by, cancellationToken);
        return new ImportReport(dryRun, !dryRun, buildingCounts, spaceCounts, [], duplicates);
    }

    /// <summary>Above this the duplicate check (a spatial join per row) is left to the per-building pages: bulk loads are of known data.</summary>
    public const int MaxRowsForDuplicateWarnings = 20_000;

    private void Add(List<ImportProblem> problems, ImportSheet sheet, ImportRow row, IEnumerable<FieldProblem> found)
    {
        foreach (var p in found)
            problems.Add(new ImportProblem(sheet.Name, row.Number, ImportColumns.HeaderOf(sheet.Columns, p.Field), p.Message(t)));
    }

    private async Task<List<BuildingRow>> CheckBuildingsAsync(ImportSheet? sheet, ImportParsing parsing, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var rows = new List<BuildingRow>();
        if (sheet is null) return rows;
        var year = time.GetUtcNow().Year;
        var firstRowOfKey = new Dictionary<string, int>();
        var located = new List<(int Index, Point Location)>();
        foreach (var row in sheet.Rows)
        {
            var (input, footprint, found) = parsing.Building(row);
            // A value that did not parse has been reported; its stand-in (0) must not be judged again.
            var unparsed = found.Select(p => p.Field).ToHashSet();
            found.AddRange(RegisterRules.Building(input, year).Where(p => !unparsed.Contains(p.Field)));
            if (input.ExternalKey is { } key)
            {
                if (firstRowOfKey.TryGetValue(key, out var first)) found.Add(new FieldProblem("externalKey", Problems.DuplicateInFile, key, first));
                else firstRowOfKey[key] = row.Number;
            }
            Add(problems, sheet, row, found);
            if (!found.Any(p => p.Field is "longitude" or "latitude" or "coordinateSystem"))
                located.Add((rows.Count, BuildingRegister.ToStoredPoint(input.Longitude, input.Latitude, input.CoordinateSystem)));
            rows.Add(new BuildingRow(row, input, footprint));
        }

        foreach (var index in await OutsideEveryDistrictAsync(located, cancellationToken))
        {
            var row = rows[index].Row;
            problems.Add(new ImportProblem(sheet.Name, row.Number, ImportColumns.HeaderOf(sheet.Columns, "location"), new FieldProblem("location", Problems.OutsideDistrict).Message(t)));
        }
        return rows;
    }

    /// <summary>The indexes of the points no district boundary covers, in one query for the whole file.</summary>
    private async Task<List<int>> OutsideEveryDistrictAsync(List<(int Index, Point Location)> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0) return [];
        await using var command = dataSource.CreateCommand("""
            SELECT p.i FROM unnest(@indexes, @longitudes, @latitudes) AS p(i, lon, lat)
            WHERE NOT EXISTS (SELECT 1 FROM districts d WHERE ST_Covers(d.boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)))
            """);
        command.Parameters.AddWithValue("indexes", points.Select(p => p.Index).ToArray());
        command.Parameters.AddWithValue("longitudes", points.Select(p => p.Location.X).ToArray());
        command.Parameters.AddWithValue("latitudes", points.Select(p => p.Location.Y).ToArray());
        var outside = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) outside.Add(reader.GetInt32(0));
        return outside;
    }

    private async Task<List<SpaceRow>> CheckSpacesAsync(ImportSheet? sheet, List<BuildingRow> buildingRows, ImportParsing parsing, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var rows = new List<SpaceRow>();
        if (sheet is null) return rows;
        var parsed = new List<(ImportRow Row, string Key, SpaceInput Input, List<FieldProblem> Found)>();
        foreach (var row in sheet.Rows)
        {
            var (key, input, found) = parsing.Space(row);
            parsed.Add((row, key, input, found));
        }
        Lap("spaces: parse values");

        // The buildings the spaces belong to: as the file has them, else as registered.
        var shapes = buildingRows.Where(b => b.Input.ExternalKey is not null)
            .GroupBy(b => b.Input.ExternalKey!).ToDictionary(g => g.Key, g => BuildingShape.Of(g.First().Input));
        var wanted = parsed.Select(p => p.Key).Where(k => k.Length > 0).Distinct().ToList();
        var registered = await db.Buildings.AsNoTracking().Where(b => wanted.Contains(b.ExternalKey))
            .Select(b => new { b.Id, b.ExternalKey, b.FloorsAboveGround, b.FloorsBelowGround, b.ForSaleArea, b.ForRentArea, b.SelfUseArea })
            .ToListAsync(cancellationToken);
        foreach (var b in registered) shapes.TryAdd(b.ExternalKey, new BuildingShape(b.FloorsAboveGround, b.FloorsBelowGround, b.ForSaleArea + b.ForRentArea, b.SelfUseArea));

        // Every building's spaces after the import: the registered ones the file does not mention, plus the file's.
        var buildingIds = registered.ToDictionary(b => b.Id, b => b.ExternalKey);
        var ids = buildingIds.Keys.ToList();
        var existing = (await db.Spaces.AsNoTracking().Where(s => ids.Contains(s.BuildingId) && !s.Archived)
                .Select(s => new { s.BuildingId, Space = new ExistingSpace(s.Id, s.ExternalKey, s.Unit, s.Floor, s.Area, s.Status) })
                .ToListAsync(cancellationToken))
            .GroupBy(s => buildingIds[s.BuildingId]).ToDictionary(g => g.Key, g => g.Select(x => x.Space).ToList());
        Lap("spaces: load registered buildings and spaces");
        var fileKeys = parsed.Where(p => p.Input.ExternalKey is not null).GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Input.ExternalKey!).ToHashSet());
        var final = new Dictionary<string, List<ExistingSpace>>();
        foreach (var key in shapes.Keys.Union(fileKeys.Keys))
        {
            var kept = existing.GetValueOrDefault(key)?.Where(s => !(fileKeys.GetValueOrDefault(key)?.Contains(s.ExternalKey) ?? false)) ?? [];
            final[key] = [.. kept];
        }
        for (var i = 0; i < parsed.Count; i++)
        {
            var (_, key, input, _) = parsed[i];
            if (final.TryGetValue(key, out var list) && input.ExternalKey is not null)
                list.Add(new ExistingSpace(-1 - i, input.ExternalKey, input.Unit?.Trim() ?? "", input.Floor, input.Area, input.Status));
        }

        var tallies = final.ToDictionary(f => f.Key, f => new SpaceTally(f.Value));
        var firstRowOfKey = new Dictionary<(string, string), int>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var (row, key, input, found) = parsed[i];
            var unparsed = found.Select(p => p.Field).ToHashSet();
            if (key.Length > 0 && !shapes.ContainsKey(key))
            {
                found.Add(new FieldProblem("buildingExternalKey", Problems.Unknown, key));
            }
            else if (key.Length > 0)
            {
                var others = tallies[key].Without(input.ExternalKey is null ? null : new ExistingSpace(-1 - i, input.ExternalKey, input.Unit?.Trim() ?? "", input.Floor, input.Area, input.Status));
                // Duplicate keys are reported once, as such, rather than also as a duplicate unit.
                var duplicateKey = input.ExternalKey is { } spaceKey && firstRowOfKey.TryGetValue((key, spaceKey), out var first);
                if (duplicateKey) found.Add(new FieldProblem("externalKey", Problems.DuplicateInFile, input.ExternalKey!, firstRowOfKey[(key, input.ExternalKey!)]));
                else if (input.ExternalKey is not null) firstRowOfKey[(key, input.ExternalKey)] = row.Number;
                found.AddRange(RegisterRules.Space(input with { ExternalKey = null }, shapes[key], others)
                    .Where(p => !unparsed.Contains(p.Field) && !(duplicateKey && p.MessageKey == Problems.DuplicateUnit)));
            }
            Add(problems, sheet, row, found);
            rows.Add(new SpaceRow(row, key, input));
        }

        Lap("spaces: check rules");
        // Buildings updated by the file must still hold the spaces they will have.
        if (buildingRows.Count > 0)
        {
            var buildingSheet = new ImportSheet(ImportColumns.BuildingsSheet, ImportColumns.Buildings, [], []);
            foreach (var b in buildingRows)
            {
                if (b.Input.ExternalKey is { } key && final.TryGetValue(key, out var spaces) && spaces.Count > 0 && existing.ContainsKey(key))
                    Add(problems, buildingSheet, b.Row, RegisterRules.BuildingAgainstSpaces(b.Input, spaces.Where(s => s.Id > 0).ToList()));
            }
        }
        return rows;
    }

    private async Task<List<ImportDuplicateWarning>> LikelyDuplicatesAsync(List<BuildingRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var points = rows.Select(r => BuildingRegister.ToStoredPoint(r.Input.Longitude, r.Input.Latitude, r.Input.CoordinateSystem)).ToList();
        await using var command = dataSource.CreateCommand("""
            SELECT p.i, b.id, b.external_key, b.name, ST_Distance(b.location, p.point) AS distance
            FROM (SELECT i, key, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS point
                  FROM unnest(@indexes, @keys, @names, @longitudes, @latitudes) AS u(i, key, name, lon, lat)) p
            JOIN buildings b ON ST_DWithin(b.location, p.point, @radius)
            WHERE NOT b.archived AND b.external_key <> p.key
              AND (similarity(b.name, p.name) >= @threshold OR strpos(b.name, p.name) > 0 OR strpos(p.name, b.name) > 0)
            ORDER BY p.i, distance
            """);
        command.Parameters.AddWithValue("indexes", Enumerable.Range(0, rows.Count).ToArray());
        command.Parameters.AddWithValue("keys", rows.Select(r => r.Input.ExternalKey ?? "").ToArray());
        command.Parameters.AddWithValue("names", rows.Select(r => r.Input.Name?.Trim() ?? "").ToArray());
        command.Parameters.AddWithValue("longitudes", points.Select(p => p.X).ToArray());
        command.Parameters.AddWithValue("latitudes", points.Select(p => p.Y).ToArray());
        command.Parameters.AddWithValue("radius", DuplicateFinder.RadiusMetres);
        command.Parameters.AddWithValue("threshold", DuplicateFinder.SimilarityThreshold);
        var warnings = new List<ImportDuplicateWarning>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = rows[reader.GetInt32(0)];
            warnings.Add(new ImportDuplicateWarning(row.Row.Number, row.Input.ExternalKey!, row.Input.Name!, reader.GetInt32(1), reader.GetString(2), reader.GetString(3), Math.Round(reader.GetDouble(4), 1)));
        }
        return warnings;
    }

    private async Task<(ImportCounts Buildings, ImportCounts Spaces)> ApplyAsync(List<BuildingRow> buildings, List<SpaceRow> spaces, bool dryRun, AuditActor by, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var contactJson = BulkCopy.ContactJson(db.Model);
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        JsonObject ContactJson(ContactInput c) => contactJson(new Contact { Name = c.Name!.Trim(), Title = Clean(c.Title), Phone = Clean(c.Phone), Email = Clean(c.Email) });
        // The COPY writes below are synchronous on purpose: an await per value costs more than the COPY itself.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Imports apply one after another: new rows are plain inserts, which a concurrent import of the same keys would break.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(7274001)", cancellationToken);
        var buildingCounts = new ImportCounts(0, 0, 0, 0);
        var spaceCounts = new ImportCounts(0, 0, 0, 0);

        if (buildings.Count > 0)
        {
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE import_buildings (
                    external_key text, name text, aliases text[], address text, location geography(point, 4326),
                    footprint geometry(multipolygon, 4326), grade text, use text, construction_status text, completion_year int,
                    gross_floor_area numeric, for_sale_area numeric, for_rent_area numeric, self_use_area numeric,
                    floors_above_ground int, floors_below_ground int, passenger_elevators int, freight_elevators int,
                    parking_above_ground int, parking_below_ground int, theme_id int, property_company text,
                    one_to_one_contact jsonb, property_contacts jsonb, required_to_report bool, facility_ids int[]) ON COMMIT DROP
                """, cancellationToken);
            using (var importer = connection.BeginBinaryImport("""
                COPY import_buildings (external_key, name, aliases, address, location, footprint, grade, use, construction_status,
                  completion_year, gross_floor_area, for_sale_area, for_rent_area, self_use_area, floors_above_ground, floors_below_ground,
                  passenger_elevators, freight_elevators, parking_above_ground, parking_below_ground, theme_id, property_company,
                  one_to_one_contact, property_contacts, required_to_report, facility_ids) FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var (_, b, footprint) in buildings)
                {
                    importer.StartRow();
                    importer.Write(b.ExternalKey!.Trim());
                    importer.Write(b.Name!.Trim());
                    importer.Write((b.Aliases ?? []).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    importer.Write(b.Address!.Trim());
                    importer.Write(BuildingRegister.ToStoredPoint(b.Longitude, b.Latitude, b.CoordinateSystem), NpgsqlDbType.Geography);
                    importer.WriteNullable(footprint, NpgsqlDbType.Geometry);
                    importer.Write(b.Grade.ToString());
                    importer.Write(b.Use.ToString());
                    importer.Write(b.ConstructionStatus.ToString());
                    importer.WriteNullable(b.CompletionYear, NpgsqlDbType.Integer);
                    importer.Write(b.GrossFloorArea);
                    importer.Write(b.ForSaleArea);
                    importer.Write(b.ForRentArea);
                    importer.Write(b.SelfUseArea);
                    importer.Write(b.FloorsAboveGround);
                    importer.Write(b.FloorsBelowGround);
                    importer.Write(b.PassengerElevators);
                    importer.Write(b.FreightElevators);
                    importer.Write(b.ParkingAboveGround);
                    importer.Write(b.ParkingBelowGround);
                    importer.WriteNullable(b.ThemeId, NpgsqlDbType.Integer);
                    importer.WriteNullable(string.IsNullOrWhiteSpace(b.PropertyCompany) ? null : b.PropertyCompany.Trim(), NpgsqlDbType.Text);
                    importer.WriteNullable(b.OneToOneContact is { } o ? ContactJson(o).ToJsonString() : null, NpgsqlDbType.Jsonb);
                    importer.Write(new JsonArray([.. (b.PropertyContacts ?? []).Select(ContactJson)]).ToJsonString(), NpgsqlDbType.Jsonb);
                    importer.Write(b.RequiredToReport);
                    importer.Write((b.FacilityIds ?? []).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                }
                importer.Complete();
            }
            await ExecuteAsync(connection, "ANALYZE import_buildings", cancellationToken);
            Lap("buildings: COPY to staging");
            buildingCounts = await UpsertBuildingsAsync(connection, buildings.Count, now, by, cancellationToken);
            Lap("buildings: upsert, outbox, audit");
        }

        if (spaces.Count > 0)
        {
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE import_spaces (
                    building_external_key text, external_key text, floor int, unit text, area numeric, tenure text,
                    asking_rent numeric, sale_price numeric, fit_out text, status text, available_from date, divisible bool,
                    min_divisible_area numeric) ON COMMIT DROP
                """, cancellationToken);
            using (var importer = connection.BeginBinaryImport("""
                COPY import_spaces (building_external_key, external_key, floor, unit, area, tenure, asking_rent, sale_price, fit_out,
                  status, available_from, divisible, min_divisible_area) FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var (_, buildingKey, s) in spaces)
                {
                    importer.StartRow();
                    importer.Write(buildingKey);
                    importer.Write(s.ExternalKey!.Trim());
                    importer.Write(s.Floor);
                    importer.Write(s.Unit!.Trim());
                    importer.Write(s.Area);
                    importer.Write(s.Tenure.ToString());
                    importer.WriteNullable(s.AskingRent, NpgsqlDbType.Numeric);
                    importer.WriteNullable(s.SalePrice, NpgsqlDbType.Numeric);
                    importer.Write(s.FitOut.ToString());
                    importer.Write(s.Status.ToString());
                    importer.WriteNullable(s.AvailableFrom, NpgsqlDbType.Date);
                    importer.Write(s.Divisible);
                    importer.WriteNullable(s.Divisible ? s.MinDivisibleArea : null, NpgsqlDbType.Numeric);
                }
                importer.Complete();
            }
            await ExecuteAsync(connection, "ANALYZE import_spaces", cancellationToken);
            Lap("spaces: COPY to staging");
            spaceCounts = await UpsertSpacesAsync(connection, spaces.Count, now, by, cancellationToken);
            Lap("spaces: insert or update, outbox, audit");
        }

        if (dryRun) await transaction.RollbackAsync(cancellationToken);
        else
        {
            await transaction.CommitAsync(cancellationToken);
            Lap("commit");
            // Fresh statistics for the searches that follow a large import, for the tables it wrote only.
            if (buildings.Count >= 10_000) await ExecuteAsync(connection, "ANALYZE buildings", cancellationToken);
            if (spaces.Count >= 10_000) await ExecuteAsync(connection, "ANALYZE spaces", cancellationToken);
            Lap("analyze");
        }
        return (buildingCounts, spaceCounts);
    }

    private static async Task<ImportCounts> UpsertBuildingsAsync(NpgsqlConnection connection, int rows, DateTimeOffset now, AuditActor by, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, RegisterImportAudit.Changes("import_building_changes",
            "import_buildings i JOIN buildings s ON s.external_key = i.external_key",
            RegisterImportAudit.BuildingState("s", "s.footprint", "s.archived", RegisterImportAudit.StoredFacilities("s")),
            RegisterImportAudit.BuildingState("i", "COALESCE(i.footprint, s.footprint)", "false", RegisterImportAudit.StagedFacilities("i"))), cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH changed AS (
                INSERT INTO buildings AS b (external_key, name, aliases, address, location, footprint, grade, use, construction_status,
                    completion_year, gross_floor_area, for_sale_area, for_rent_area, self_use_area, floors_above_ground, floors_below_ground,
                    passenger_elevators, freight_elevators, parking_above_ground, parking_below_ground, theme_id, property_company,
                    one_to_one_contact, property_contacts, required_to_report, archived, updated_at)
                SELECT external_key, name, aliases, address, location, footprint, grade, use, construction_status,
                    completion_year, gross_floor_area, for_sale_area, for_rent_area, self_use_area, floors_above_ground, floors_below_ground,
                    passenger_elevators, freight_elevators, parking_above_ground, parking_below_ground, theme_id, property_company,
                    one_to_one_contact, property_contacts, required_to_report, false, @now
                FROM import_buildings
                ON CONFLICT (external_key) DO UPDATE SET
                    name = EXCLUDED.name, aliases = EXCLUDED.aliases, address = EXCLUDED.address, location = EXCLUDED.location,
                    footprint = COALESCE(EXCLUDED.footprint, b.footprint), grade = EXCLUDED.grade, use = EXCLUDED.use,
                    construction_status = EXCLUDED.construction_status, completion_year = EXCLUDED.completion_year,
                    gross_floor_area = EXCLUDED.gross_floor_area, for_sale_area = EXCLUDED.for_sale_area, for_rent_area = EXCLUDED.for_rent_area,
                    self_use_area = EXCLUDED.self_use_area, floors_above_ground = EXCLUDED.floors_above_ground,
                    floors_below_ground = EXCLUDED.floors_below_ground, passenger_elevators = EXCLUDED.passenger_elevators,
                    freight_elevators = EXCLUDED.freight_elevators, parking_above_ground = EXCLUDED.parking_above_ground,
                    parking_below_ground = EXCLUDED.parking_below_ground, theme_id = EXCLUDED.theme_id,
                    property_company = EXCLUDED.property_company, one_to_one_contact = EXCLUDED.one_to_one_contact,
                    property_contacts = EXCLUDED.property_contacts, required_to_report = EXCLUDED.required_to_report,
                    archived = false, updated_at = EXCLUDED.updated_at
                -- Only rows that differ are written, so a file applied twice leaves the second time untouched.
                WHERE EXISTS (SELECT 1 FROM import_building_changes d WHERE d.id = b.id)
                RETURNING b.id, b.external_key, (xmax = 0) AS inserted,
                    CASE WHEN xmax = 0 THEN {RegisterImportAudit.BuildingState("b", "b.footprint", "b.archived", "NULL")} END AS state
            ), facilities_removed AS (
                DELETE FROM building_facilities bf USING changed c, import_buildings i
                WHERE bf.building_id = c.id AND i.external_key = c.external_key AND NOT (bf.facilities_id = ANY (i.facility_ids))
            ), facilities_added AS (
                INSERT INTO building_facilities (building_id, facilities_id)
                SELECT c.id, f FROM changed c JOIN import_buildings i ON i.external_key = c.external_key, unnest(i.facility_ids) f
                ON CONFLICT DO NOTHING
            ), events AS (
                INSERT INTO outbox_messages (message_type, payload, created_at, attempts)
                SELECT @type, jsonb_build_object('BuildingId', id, 'ExternalKey', external_key,
                    'Change', CASE WHEN inserted THEN 'Created' ELSE 'Updated' END, 'ChangedAt', @now), @now, 0
                FROM changed
            ), audit AS (
                {RegisterImportAudit.Entries("Building", "import_building_changes",
                    "jsonb_strip_nulls(c.state || jsonb_build_object('ExternalKey', c.external_key, 'Facilities', " + RegisterImportAudit.StagedFacilities("i") + "))")}
                JOIN import_buildings i ON i.external_key = c.external_key
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM changed
            """, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("type", typeof(BuildingChanged).FullName!);
        AddActor(command, by);
        return await CountsAsync(command, rows, cancellationToken);
    }

    private static async Task<ImportCounts> UpsertSpacesAsync(NpgsqlConnection connection, int rows, DateTimeOffset now, AuditActor by, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, RegisterImportAudit.Changes("import_space_changes",
            "import_spaces i JOIN buildings b ON b.external_key = i.building_external_key JOIN spaces s ON s.building_id = b.id AND s.external_key = i.external_key",
            RegisterImportAudit.SpaceState("s", "s.archived"), RegisterImportAudit.SpaceState("i", "false")), cancellationToken);
        // Plain INSERT of new rows and UPDATE of changed ones rather than one ON CONFLICT upsert: speculative insertion
        // cost a third more per row, and the rows that exist are known from the changes table already.
        await using var command = new NpgsqlCommand($"""
            WITH updated AS (
                UPDATE spaces s SET floor = (d.staged).floor, unit = (d.staged).unit, area = (d.staged).area, tenure = (d.staged).tenure,
                    asking_rent = (d.staged).asking_rent, sale_price = (d.staged).sale_price, fit_out = (d.staged).fit_out,
                    status = (d.staged).status, available_from = (d.staged).available_from, divisible = (d.staged).divisible,
                    min_divisible_area = (d.staged).min_divisible_area, archived = false, updated_at = @now
                FROM import_space_changes d
                WHERE s.id = d.id
                RETURNING s.id, s.building_id, false AS inserted, NULL::jsonb AS state
            ), inserted AS (
                INSERT INTO spaces AS s (building_id, external_key, floor, unit, area, tenure, asking_rent, sale_price, fit_out, status,
                    available_from, divisible, min_divisible_area, archived, updated_at)
                SELECT b.id, i.external_key, i.floor, i.unit, i.area, i.tenure, i.asking_rent, i.sale_price, i.fit_out, i.status,
                    i.available_from, i.divisible, i.min_divisible_area, false, @now
                FROM import_spaces i JOIN buildings b ON b.external_key = i.building_external_key
                WHERE NOT EXISTS (SELECT 1 FROM spaces e WHERE e.building_id = b.id AND e.external_key = i.external_key)
                RETURNING s.id, s.building_id, true AS inserted, jsonb_strip_nulls({RegisterImportAudit.SpaceState("s", "s.archived")}
                    || jsonb_build_object('BuildingId', s.building_id, 'ExternalKey', s.external_key)) AS state
            ), changed AS (
                SELECT * FROM updated UNION ALL SELECT * FROM inserted
            ), events AS (
                INSERT INTO outbox_messages (message_type, payload, created_at, attempts)
                SELECT @type, jsonb_build_object('SpaceId', id, 'BuildingId', building_id,
                    'Change', CASE WHEN inserted THEN 'Created' ELSE 'Updated' END, 'ChangedAt', @now), @now, 0
                FROM changed
            ), audit AS (
                {RegisterImportAudit.Entries("Space", "import_space_changes", "c.state")}
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM changed
            """, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("type", typeof(SpaceChanged).FullName!);
        AddActor(command, by);
        return await CountsAsync(command, rows, cancellationToken);
    }

    private static void AddActor(NpgsqlCommand command, AuditActor by)
    {
        command.Parameters.Add(new NpgsqlParameter("userId", NpgsqlDbType.Text) { Value = (object?)by.UserId ?? DBNull.Value });
        command.Parameters.AddWithValue("userName", by.UserName);
    }

    private static async Task<ImportCounts> CountsAsync(NpgsqlCommand command, int rows, CancellationToken cancellationToken)
    {
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var created = (int)reader.GetInt64(0);
        var updated = (int)reader.GetInt64(1);
        return new ImportCounts(rows, created, updated, rows - created - updated);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
