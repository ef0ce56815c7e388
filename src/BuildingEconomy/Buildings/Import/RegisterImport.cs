using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
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
/// Bulk import of buildings and spaces from .xlsx, CSV or GeoJSON. Every row is judged by the register's own rules;
/// one bad row and nothing is stored, and the report lists each problem by row, column and reason. A good file is
/// applied in one transaction keyed by each row's external key, so a file applied twice changes nothing the second
/// time: buildings through binary COPY into staging and a set-based upsert, stored spaces the same way, new spaces by
/// binary COPY straight into the table with their audit entries. Each building that changed, or whose spaces did, gets
/// one outbox event (BuildingChanged) in the same transaction. When every row parses, the space rules are judged while
/// the rows are written, and the transaction commits only if they pass. A dry run does all of this and rolls back, so
/// its counts are exactly what applying would do.
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
        var (spaces, checkSpaces, parsedClean, noneStored, spaceBuildingIds) = await ParseSpacesAsync(spaceSheet, buildings, parsing, cancellationToken);

        if (problems.Count > 0 || !parsedClean)
        {
            // Something is wrong already: judge every row, for the report, and write nothing.
            checkSpaces(problems);
            Lap($"{kind.ToString().ToLowerInvariant()}: validate");
            return Refused(dryRun, buildings, spaces, problems);
        }

        // The rows parse and their buildings are known: the space rules (units, totals against leasable area) are judged
        // while the writes go on, on a second core. The writes wait for the verdict before they commit; rows the rules
        // refuse roll everything back, so a refused file stores nothing, as before.
        Lap($"{kind.ToString().ToLowerInvariant()}: validate");
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // When the file's buildings hold no spaces yet, every space is new (short of archived ones under the same key):
        // their ids are taken from the sequence on a connection of their own meanwhile, sequences being outside transactions.
        var ids = noneStored && spaces.Count >= PrefetchIdsFrom ? Task.Run(() => TakeIdsAsync(null, "spaces", spaces.Count, stop.Token), CancellationToken.None) : null;
        var applying = Task.Run(() => ApplyAsync(buildings, spaces, spaceBuildingIds, ids, dryRun, by, verdict.Task, stop.Token), CancellationToken.None);
        var checkClock = Stopwatch.StartNew();
        var passed = false;
        try
        {
            checkSpaces(problems);
            passed = problems.Count == 0;
        }
        finally
        {
            // Also when the checks themselves fail: then nothing is committed.
            verdict.TrySetResult(passed);
        }
        var checkTime = checkClock.Elapsed;
        var duplicates = problems.Count == 0 && buildings.Count <= MaxRowsForDuplicateWarnings
            ? await LikelyDuplicatesAsync(buildings, cancellationToken) : [];
        if (problems.Count > 0)
        {
            await stop.CancelAsync();
            try
            {
                await applying;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A row the rules refuse may also break a constraint on the way in; the rules' report is what counts.
            }
            await SettledAsync(ids);
            Phases?.Invoke($"{kind.ToString().ToLowerInvariant()}: check rules, beside the writes", checkTime);
            return Refused(dryRun, buildings, spaces, problems);
        }
        var (buildingCounts, spaceCounts) = (await applying)!.Value;
        await SettledAsync(ids);
        Phases?.Invoke($"{kind.ToString().ToLowerInvariant()}: check rules, beside the writes", checkTime);
        return new ImportReport(dryRun, !dryRun, buildingCounts, spaceCounts, [], duplicates);
    }

    /// <summary>Waits for work begun beside the writes that they may not have needed, whatever became of it.</summary>
    private static async Task SettledAsync(Task? task)
    {
        if (task is null) return;
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Ids taken for nothing are a gap in the sequence, as after a dry run.
        }
    }

    private static ImportReport Refused(bool dryRun, List<BuildingRow> buildings, List<SpaceRow> spaces, List<ImportProblem> problems) =>
        new(dryRun, false, new ImportCounts(buildings.Count, 0, 0, 0), new ImportCounts(spaces.Count, 0, 0, 0),
            [.. problems.OrderBy(p => p.Sheet == ImportColumns.SpacesSheet).ThenBy(p => p.Row)], []);

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

    /// <summary>
    /// Parses the space rows and loads what the rules judge them against. The rules themselves are returned, to run
    /// beside the writes when the rows parse (<c>Clean</c>): they add every problem to the list they are given.
    /// </summary>
    private async Task<(List<SpaceRow> Rows, Action<List<ImportProblem>> Check, bool Clean, bool NoneStored, Dictionary<string, int>? BuildingIds)> ParseSpacesAsync(
        ImportSheet? sheet, List<BuildingRow> buildingRows, ImportParsing parsing, CancellationToken cancellationToken)
    {
        var rows = new List<SpaceRow>();
        if (sheet is null) return (rows, _ => { }, true, true, null);
        // The registered buildings named and their spaces are loaded while the values parse.
        var wanted = sheet.Rows.Select(r => r["buildingExternalKey"] ?? "").Where(k => k.Length > 0).Distinct().ToList();
        var loading = LoadRegisteredAsync(wanted, cancellationToken);
        // Each row parses on its own, so a large file parses on every core: the database has nothing to do meanwhile.
        var results = new (string Key, SpaceInput Input, List<FieldProblem> Found)[sheet.Rows.Count];
        Parallel.ForEach(Partitioner.Create(0, results.Length, Math.Max(1_000, results.Length / (4 * Environment.ProcessorCount) + 1)),
            new ParallelOptions { CancellationToken = cancellationToken },
            range =>
            {
                for (var i = range.Item1; i < range.Item2; i++) results[i] = parsing.Space(sheet.Rows[i]);
            });
        var parsed = new List<(ImportRow Row, string Key, SpaceInput Input, List<FieldProblem> Found)>(results.Length);
        var clean = true;
        for (var i = 0; i < results.Length; i++)
        {
            var (key, input, found) = results[i];
            var row = sheet.Rows[i];
            parsed.Add((row, key, input, found));
            rows.Add(new SpaceRow(row, key, input));
            clean &= found.Count == 0;
        }
        Lap("spaces: parse values");

        // The buildings the spaces belong to: as the file has them, else as registered.
        var shapes = buildingRows.Where(b => b.Input.ExternalKey is not null)
            .GroupBy(b => b.Input.ExternalKey!).ToDictionary(g => g.Key, g => BuildingShape.Of(g.First().Input));
        var (registered, existing) = await loading;
        foreach (var (key, (_, shape)) in registered) shapes.TryAdd(key, shape);
        Lap("spaces: load registered buildings and spaces");
        // Rows whose building is neither in the file nor registered cannot be written; they are reported by the rules.
        clean &= wanted.All(shapes.ContainsKey) && parsed.All(p => p.Key.Length > 0);

        void Check(List<ImportProblem> problems)
        {
            // The file's keys by building, to tell the registered spaces it replaces; there are none to tell in new buildings.
            var fileKeys = existing.Count == 0 ? [] : parsed.Where(p => p.Input.ExternalKey is not null).GroupBy(p => p.Key)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Input.ExternalKey!).ToHashSet());
            var final = new Dictionary<string, List<ExistingSpace>>();
            foreach (var key in shapes.Keys.Union(fileKeys.Keys))
            {
                var kept = existing.GetValueOrDefault(key)?.Where(s => !(fileKeys.GetValueOrDefault(key)?.Contains(s.ExternalKey) ?? false)) ?? [];
                final[key] = [.. kept];
            }
            var mine = new ExistingSpace[parsed.Count];
            for (var i = 0; i < parsed.Count; i++)
            {
                var (_, key, input, _) = parsed[i];
                if (final.TryGetValue(key, out var list) && input.ExternalKey is not null)
                    list.Add(mine[i] = new ExistingSpace(-1 - i, input.ExternalKey, input.Unit?.Trim() ?? "", input.Floor, input.Area, input.Status));
            }

            var tallies = final.ToDictionary(f => f.Key, f => new SpaceTally(f.Value));
            var firstRowOfKey = new Dictionary<(string, string), int>(parsed.Count);
            for (var i = 0; i < parsed.Count; i++)
            {
                var (row, key, input, found) = parsed[i];
                var unparsed = found.Count == 0 ? null : found.Select(p => p.Field).ToHashSet();
                if (key.Length > 0 && !shapes.ContainsKey(key))
                {
                    found.Add(new FieldProblem("buildingExternalKey", Problems.Unknown, key));
                }
                else if (key.Length > 0)
                {
                    var others = tallies[key].Without(input.ExternalKey is null ? null : mine[i]);
                    // Duplicate keys are reported once, as such, rather than also as a duplicate unit.
                    var duplicateKey = false;
                    if (input.ExternalKey is { } spaceKey)
                    {
                        if (firstRowOfKey.TryGetValue((key, spaceKey), out var first))
                        {
                            duplicateKey = true;
                            found.Add(new FieldProblem("externalKey", Problems.DuplicateInFile, spaceKey, first));
                        }
                        else firstRowOfKey[(key, spaceKey)] = row.Number;
                    }
                    foreach (var p in RegisterRules.Space(input with { ExternalKey = null }, shapes[key], others))
                    {
                        if (unparsed?.Contains(p.Field) != true && !(duplicateKey && p.MessageKey == Problems.DuplicateUnit)) found.Add(p);
                    }
                }
                Add(problems, sheet, row, found);
            }

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
        }
        // Without a buildings sheet no building changes before the spaces are written: their ids are known already.
        var ids = buildingRows.Count == 0 ? registered.ToDictionary(r => r.Key, r => r.Value.Id) : null;
        return (rows, Check, clean, existing.Count == 0, ids);
    }

    /// <summary>The registered buildings of <paramref name="keys"/> (id and shape) and their spaces that are not archived, by building key.</summary>
    private async Task<(Dictionary<string, (int Id, BuildingShape Shape)> Buildings, Dictionary<string, List<ExistingSpace>> Spaces)> LoadRegisteredAsync(
        List<string> keys, CancellationToken cancellationToken)
    {
        var registered = await db.Buildings.AsNoTracking().Where(b => keys.Contains(b.ExternalKey))
            .Select(b => new { b.Id, b.ExternalKey, b.FloorsAboveGround, b.FloorsBelowGround, b.ForSaleArea, b.ForRentArea, b.SelfUseArea })
            .ToListAsync(cancellationToken);
        var buildingIds = registered.ToDictionary(b => b.Id, b => b.ExternalKey);
        var ids = buildingIds.Keys.ToList();
        var existing = (await db.Spaces.AsNoTracking().Where(s => ids.Contains(s.BuildingId) && !s.Archived)
                .Select(s => new { s.BuildingId, Space = new ExistingSpace(s.Id, s.ExternalKey, s.Unit, s.Floor, s.Area, s.Status) })
                .ToListAsync(cancellationToken))
            .GroupBy(s => buildingIds[s.BuildingId]).ToDictionary(g => g.Key, g => g.Select(x => x.Space).ToList());
        return (registered.ToDictionary(b => b.ExternalKey,
            b => (b.Id, new BuildingShape(b.FloorsAboveGround, b.FloorsBelowGround, b.ForSaleArea + b.ForRentArea, b.SelfUseArea))), existing);
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

    /// <summary>Writes the rows in one transaction; commits only when <paramref name="verdict"/> (the space rules) is true, else stores nothing and returns null.</summary>
    private async Task<(ImportCounts Buildings, ImportCounts Spaces)?> ApplyAsync(List<BuildingRow> buildings, List<SpaceRow> spaces, Dictionary<string, int>? spaceBuildingIds, Task<long[]>? ids, bool dryRun, AuditActor by,
        Task<bool> verdict, CancellationToken cancellationToken)
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
        // Buildings this import announces already: their spaces need no event of their own.
        var announced = new HashSet<int>();

        void WriteBuilding(NpgsqlBinaryImporter importer, BuildingInput b, MultiPolygon? footprint)
        {
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
        }
        const string BuildingColumns = """
            external_key, name, aliases, address, location, footprint, grade, use, construction_status,
              completion_year, gross_floor_area, for_sale_area, for_rent_area, self_use_area, floors_above_ground, floors_below_ground,
              passenger_elevators, freight_elevators, parking_above_ground, parking_below_ground, theme_id, property_company,
              one_to_one_contact, property_contacts, required_to_report
            """;

        if (buildings.Count > 0)
        {
            // Registered buildings go through staging and update what differs; new ones are COPYed straight into the table.
            var registered = new HashSet<string>();
            await using (var command = new NpgsqlCommand("SELECT external_key FROM buildings WHERE external_key = ANY(@keys)", connection))
            {
                command.Parameters.AddWithValue("keys", buildings.Select(b => b.Input.ExternalKey!.Trim()).ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) registered.Add(reader.GetString(0));
            }
            var stored = buildings.Where(b => registered.Contains(b.Input.ExternalKey!.Trim())).ToList();
            var fresh = buildings.Where(b => !registered.Contains(b.Input.ExternalKey!.Trim())).ToList();
            var updated = 0;
            if (stored.Count > 0)
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
                using (var importer = connection.BeginBinaryImport($"COPY import_buildings ({BuildingColumns}, facility_ids) FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var (_, b, footprint) in stored)
                    {
                        importer.StartRow();
                        WriteBuilding(importer, b, footprint);
                        importer.Write((b.FacilityIds ?? []).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    }
                    importer.Complete();
                }
                await ExecuteAsync(connection, "ANALYZE import_buildings", cancellationToken);
                Lap("buildings: COPY registered ones to staging");
                (updated, var changed) = await UpsertBuildingsAsync(connection, now, by, cancellationToken);
                announced.UnionWith(changed);
                Lap("buildings: update changed ones, outbox, audit");
            }
            if (fresh.Count > 0)
            {
                var newIds = await TakeIdsAsync(connection, "buildings", fresh.Count, cancellationToken);
                using (var importer = connection.BeginBinaryImport($"COPY buildings (id, {BuildingColumns}, archived, updated_at) FROM STDIN (FORMAT BINARY)"))
                {
                    for (var i = 0; i < fresh.Count; i++)
                    {
                        importer.StartRow();
                        importer.Write((int)newIds[i]);
                        WriteBuilding(importer, fresh[i].Input, fresh[i].Footprint);
                        importer.Write(false);
                        importer.Write(now, NpgsqlDbType.TimestampTz);
                    }
                    importer.Complete();
                }
                using (var importer = connection.BeginBinaryImport("COPY building_facilities (building_id, facilities_id) FROM STDIN (FORMAT BINARY)"))
                {
                    for (var i = 0; i < fresh.Count; i++)
                    {
                        foreach (var facility in (fresh[i].Input.FacilityIds ?? []).Distinct())
                        {
                            importer.StartRow();
                            importer.Write((int)newIds[i]);
                            importer.Write(facility);
                        }
                    }
                    importer.Complete();
                }
                Lap("buildings: COPY new ones");
                await InsertedBuildingsAnnouncedAsync(connection, newIds, now, by, cancellationToken);
                announced.UnionWith(newIds.Select(id => (int)id));
                Lap("buildings: outbox and audit of new ones");
            }
            buildingCounts = new ImportCounts(buildings.Count, fresh.Count, updated, buildings.Count - fresh.Count - updated);
        }

        if (spaces.Count > 0) spaceCounts = await WriteSpacesAsync(connection, spaces, spaceBuildingIds, ids, now, by, announced, cancellationToken);

        if (!await verdict)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
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

    /// <summary>The staged buildings, all registered already: those that differ are updated, announced and audited. Returns how many, and which.</summary>
    private static async Task<(int Updated, int[] Changed)> UpsertBuildingsAsync(NpgsqlConnection connection, DateTimeOffset now, AuditActor by, CancellationToken cancellationToken)
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
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), COALESCE(array_agg(id), ARRAY[]::int[]) FROM changed
            """, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("type", typeof(BuildingChanged).FullName!);
        AddActor(command, by);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)(reader.GetInt64(0) + reader.GetInt64(1)), reader.GetFieldValue<int[]>(2));
    }

    /// <summary>Buildings COPYed in: each announced as created and audited with its stored state, as the upsert does for the rows it inserts.</summary>
    private static async Task InsertedBuildingsAnnouncedAsync(NpgsqlConnection connection, long[] ids, DateTimeOffset now, AuditActor by, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH inserted AS (
                SELECT b.id, b.external_key,
                    jsonb_strip_nulls({RegisterImportAudit.BuildingState("b", "b.footprint", "b.archived", "NULL")}
                        || jsonb_build_object('ExternalKey', b.external_key, 'Facilities', {RegisterImportAudit.StoredFacilities("b")})) AS state
                FROM buildings b WHERE b.id = ANY(@ids)
            ), events AS (
                INSERT INTO outbox_messages (message_type, payload, created_at, attempts)
                SELECT @type, jsonb_build_object('BuildingId', id, 'ExternalKey', external_key, 'Change', 'Created', 'ChangedAt', @now), @now, 0
                FROM inserted ORDER BY id
            )
            INSERT INTO audit_entries (at, user_id, user_name, action, entity_type, entity_id, before, after)
            SELECT @now, @userId, @userName, 'Created', 'Building', id::text, NULL, state FROM inserted ORDER BY id
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("ids", ids.Select(id => (int)id).ToArray());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("type", typeof(BuildingChanged).FullName!);
        AddActor(command, by);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The file's spaces: rows whose key is stored (archived ones too) go through staging and update what differs; new
    /// rows are COPYed straight into <c>spaces</c> with ids taken from its sequence beforehand, and their audit entries,
    /// built here, COPYed after them. Each building whose spaces changed is announced once with BuildingChanged (the
    /// search index reloads a whole building), unless this import announced it already.
    /// </summary>
    private async Task<ImportCounts> WriteSpacesAsync(NpgsqlConnection connection, List<SpaceRow> spaces, Dictionary<string, int>? knownBuildingIds, Task<long[]>? ids, DateTimeOffset now, AuditActor by,
        HashSet<int> announced, CancellationToken cancellationToken)
    {
        // Read inside the transaction when a workbook's own buildings were written just before.
        var buildingIds = knownBuildingIds ?? [];
        if (knownBuildingIds is null)
        {
            await using var command = new NpgsqlCommand("SELECT external_key, id FROM buildings WHERE external_key = ANY(@keys)", connection);
            command.Parameters.AddWithValue("keys", spaces.Select(s => s.BuildingExternalKey).Distinct().ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) buildingIds[reader.GetString(0)] = reader.GetInt32(1);
        }
        var stored = new HashSet<(int, string)>();
        await using (var command = new NpgsqlCommand("SELECT building_id, external_key FROM spaces WHERE building_id = ANY(@ids)", connection))
        {
            command.Parameters.AddWithValue("ids", buildingIds.Values.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) stored.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        var fresh = new List<(SpaceInput Input, int BuildingId)>(spaces.Count);
        var known = new List<SpaceRow>();
        foreach (var row in spaces)
        {
            var buildingId = buildingIds[row.BuildingExternalKey];
            if (stored.Count > 0 && stored.Contains((buildingId, row.Input.ExternalKey!.Trim()))) known.Add(row);
            else fresh.Add((row.Input, buildingId));
        }
        Lap("spaces: find the stored ones");

        var touched = new HashSet<int>();
        var updated = known.Count == 0 ? 0 : await UpdateSpacesAsync(connection, known, now, by, touched, cancellationToken);
        if (fresh.Count > 0)
        {
            await InsertSpacesAsync(connection, fresh, ids, now, by, cancellationToken);
            foreach (var (_, buildingId) in fresh) touched.Add(buildingId);
        }

        touched.ExceptWith(announced);
        if (touched.Count > 0)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO outbox_messages (message_type, payload, created_at, attempts)
                SELECT @type, jsonb_build_object('BuildingId', b.id, 'ExternalKey', b.external_key, 'Change', 'Updated', 'ChangedAt', @now), @now, 0
                FROM buildings b WHERE b.id = ANY(@ids) ORDER BY b.id
                """, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("type", typeof(BuildingChanged).FullName!);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("ids", touched.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            Lap("spaces: outbox, one event per building");
        }
        return new ImportCounts(spaces.Count, fresh.Count, updated, spaces.Count - fresh.Count - updated);
    }

    /// <summary>Stored spaces: staged, compared, and only those that differ updated (and restored) with their audit entries.</summary>
    private async Task<int> UpdateSpacesAsync(NpgsqlConnection connection, List<SpaceRow> known, DateTimeOffset now, AuditActor by, HashSet<int> touched,
        CancellationToken cancellationToken)
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
            foreach (var (_, buildingKey, s) in known)
            {
                importer.StartRow();
                importer.Write(buildingKey);
                WriteSpaceValues(importer, s);
            }
            importer.Complete();
        }
        await ExecuteAsync(connection, "ANALYZE import_spaces", cancellationToken);
        Lap("spaces: COPY stored ones to staging");
        await ExecuteAsync(connection, RegisterImportAudit.Changes("import_space_changes",
            "import_spaces i JOIN buildings b ON b.external_key = i.building_external_key JOIN spaces s ON s.building_id = b.id AND s.external_key = i.external_key",
            RegisterImportAudit.SpaceState("s", "s.archived"), RegisterImportAudit.SpaceState("i", "false")), cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH changed AS (
                UPDATE spaces s SET floor = (d.staged).floor, unit = (d.staged).unit, area = (d.staged).area, tenure = (d.staged).tenure,
                    asking_rent = (d.staged).asking_rent, sale_price = (d.staged).sale_price, fit_out = (d.staged).fit_out,
                    status = (d.staged).status, available_from = (d.staged).available_from, divisible = (d.staged).divisible,
                    min_divisible_area = (d.staged).min_divisible_area, archived = false, updated_at = @now
                FROM import_space_changes d
                WHERE s.id = d.id
                RETURNING s.id, s.building_id, false AS inserted
            ), audit AS (
                {RegisterImportAudit.Entries("Space", "import_space_changes", "NULL::jsonb")}
            )
            SELECT building_id FROM changed
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("now", now);
        AddActor(command, by);
        var updated = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                touched.Add(reader.GetInt32(0));
                updated++;
            }
        }
        Lap("spaces: update changed ones, audit");
        return updated;
    }

    /// <summary>Below this many spaces their ids are taken inside the transaction, in one go with the rest.</summary>
    internal int PrefetchIdsFrom { get; init; } = 10_000;

    /// <summary><paramref name="count"/> new ids from the sequence of <paramref name="table"/>, on <paramref name="connection"/> or, when null, on one of their own.</summary>
    private async Task<long[]> TakeIdsAsync(NpgsqlConnection? connection, string table, int count, CancellationToken cancellationToken)
    {
        var own = connection is null ? await dataSource.OpenConnectionAsync(cancellationToken) : null;
        try
        {
            connection ??= own!;
            string sequence;
            await using (var command = new NpgsqlCommand($"SELECT pg_get_serial_sequence('{table}', 'id')", connection))
                sequence = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            // The sequence as a regclass literal: resolved once when the statement is parsed, not once per id.
            // One array rather than a row per id: a million rows cost more to read than to number.
            await using var take = new NpgsqlCommand(
                $"SELECT ARRAY(SELECT nextval('{sequence.Replace("'", "''")}'::regclass) FROM generate_series(1, @n))", connection) { CommandTimeout = 0 };
            take.Parameters.AddWithValue("n", count);
            return (long[])(await take.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// New spaces straight into the table with ids from its sequence, and their audit entries. Turning an entry's JSON
    /// into jsonb is most of what it costs, so the entries are COPYed into import_audit_staging on a second connection
    /// while the spaces are COPYed (the other core does that work), then moved into audit_entries inside the
    /// transaction: the import still stores all or nothing.
    /// </summary>
    private async Task InsertSpacesAsync(NpgsqlConnection connection, List<(SpaceInput Input, int BuildingId)> fresh, Task<long[]>? prefetched,
        DateTimeOffset now, AuditActor by, CancellationToken cancellationToken)
    {
        var ids = prefetched is null ? null : await prefetched;
        if (ids is null || ids.Length < fresh.Count) ids = await TakeIdsAsync(connection, "spaces", fresh.Count, cancellationToken);
        Lap("spaces: take ids from the sequence");

        var staged = Task.Run(() => StageAuditEntriesAsync(fresh, ids, now, by, cancellationToken), CancellationToken.None);
        try
        {
            using (var importer = connection.BeginBinaryImport("""
                COPY spaces (id, building_id, external_key, floor, unit, area, tenure, asking_rent, sale_price, fit_out, status,
                  available_from, divisible, min_divisible_area, archived, updated_at) FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < fresh.Count; i++)
                {
                    var (s, buildingId) = fresh[i];
                    importer.StartRow();
                    importer.Write(ids[i]);
                    importer.Write(buildingId);
                    WriteSpaceValues(importer, s);
                    importer.Write(false);
                    importer.Write(now, NpgsqlDbType.TimestampTz);
                }
                importer.Complete();
            }
            Lap("spaces: COPY new ones");
            await staged;
        }
        finally
        {
            await SettledAsync(staged);
        }
        Lap("spaces: stage their audit entries, beside the COPY");
        // Emptied in the transaction too: if it rolls back, the next import's staging empties the table first.
        await ExecuteAsync(connection, """
            INSERT INTO audit_entries (at, user_id, user_name, action, entity_type, entity_id, after)
            SELECT at, user_id, user_name, action, entity_type, entity_id, after FROM import_audit_staging;
            TRUNCATE import_audit_staging;
            """, cancellationToken);
        Lap("spaces: move their audit entries in");
    }

    /// <summary>Committed on its own connection, so the import's transaction sees the entries; imports run one at a time.</summary>
    private async Task StageAuditEntriesAsync(List<(SpaceInput Input, int BuildingId)> fresh, long[] ids, DateTimeOffset now, AuditActor by,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "TRUNCATE import_audit_staging", cancellationToken);
        using (var importer = connection.BeginBinaryImport(
            "COPY import_audit_staging (at, user_id, user_name, action, entity_type, entity_id, after) FROM STDIN (FORMAT BINARY)"))
        {
            var json = new RegisterImportAudit.CreatedSpaceJson();
            var created = AuditAction.Created.ToString();
            for (var i = 0; i < fresh.Count; i++)
            {
                var (s, buildingId) = fresh[i];
                importer.StartRow();
                importer.Write(now, NpgsqlDbType.TimestampTz);
                importer.WriteNullable(by.UserId, NpgsqlDbType.Varchar);
                importer.Write(by.UserName, NpgsqlDbType.Varchar);
                importer.Write(created, NpgsqlDbType.Varchar);
                importer.Write("Space", NpgsqlDbType.Varchar);
                importer.Write(ids[i].ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                importer.Write(json.Of(s, buildingId), NpgsqlDbType.Jsonb);
            }
            importer.Complete();
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A space's own columns, from external_key to min_divisible_area, as staging and the spaces table both take them.</summary>
    private static void WriteSpaceValues(NpgsqlBinaryImporter importer, SpaceInput s)
    {
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

    private static void AddActor(NpgsqlCommand command, AuditActor by)
    {
        command.Parameters.Add(new NpgsqlParameter("userId", NpgsqlDbType.Text) { Value = (object?)by.UserId ?? DBNull.Value });
        command.Parameters.AddWithValue("userName", by.UserName);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
