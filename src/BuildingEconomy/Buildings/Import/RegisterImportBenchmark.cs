using System.Diagnostics;
using System.Globalization;
using BuildingEconomy.Accounts;
using BuildingEconomy.Benchmarks;
using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using BuildingEconomy.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Buildings.Import;

/// <summary>
/// `bench-import`: the register import (CSV parse, validation, COPY to staging, upsert, outbox, audit) beside raw
/// binary COPY of the same building and space rows, measured in the same run, each into a freshly migrated scratch
/// database of its own that is dropped at the end. Prints figures; asserts nothing.
/// </summary>
public static class RegisterImportBenchmark
{
    private const double TargetRatio = 0.5;

    /// <param name="rounds">Raw COPY and import measured alternately this many times, the best of each kept: the machine is shared.</param>
    public static async Task<int> RunAsync(string connectionString, string sizeName, int rounds, TextWriter output)
    {
        // Only buildings and spaces are imported: months and enterprises would cost generation time for nothing.
        var size = DemoSize.Parse(sizeName) with { Months = 1, RosterMonths = 1, Enterprises = 0 };
        var data = new DemoGenerator(size, new DateOnly(2026, 11, 15)).Generate();
        var rows = data.Buildings.Count + data.Spaces.Count;
        var csv = (Buildings: RegisterImportBenchmarkData.BuildingsCsv(data), Spaces: RegisterImportBenchmarkData.SpacesCsv(data));
        output.WriteLine($"{size.Name} data set: {data.Buildings.Count:N0} buildings, {data.Spaces.Count:N0} spaces; load average {LoadAverage()}");

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "building_economy";
        var (copyDatabase, pathDatabase) = ($"{database}_import_copy", $"{database}_import_path");
        double bestRaw = double.MaxValue, bestImport = double.MaxValue;
        List<(string Phase, TimeSpan Time)> bestPhases = [];
        try
        {
            for (var round = 1; round <= Math.Max(1, rounds); round++)
            {
                await using (var copyTarget = await CreateAsync(connectionString, copyDatabase, data))
                {
                    var clock = Stopwatch.StartNew();
                    var buildingsTime = await RawCopyAsync(copyTarget, data);
                    bestRaw = Math.Min(bestRaw, clock.Elapsed.TotalSeconds);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: raw binary COPY {rows / clock.Elapsed.TotalSeconds:N0} rows/s ({clock.Elapsed.TotalSeconds:N1} s, of which buildings {buildingsTime.TotalSeconds:N1} s); load average {LoadAverage()}"));
                }
                await DropAsync(connectionString, copyDatabase);

                await using (var pathTarget = await CreateAsync(connectionString, pathDatabase, data))
                {
                    var (seconds, phases, refused) = await ImportAsync(pathTarget, csv.Buildings, csv.Spaces);
                    if (refused is not null)
                    {
                        output.WriteLine("the import refused the generated data: " + refused);
                        return 1;
                    }
                    if (seconds < bestImport) (bestImport, bestPhases) = (seconds, phases);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: register import {rows / seconds:N0} rows/s ({seconds:N1} s); load average {LoadAverage()}"));
                }
                await DropAsync(connectionString, pathDatabase);
            }
        }
        finally
        {
            await DropAsync(connectionString, copyDatabase);
            await DropAsync(connectionString, pathDatabase);
        }

        var (rawRate, rate) = (rows / bestRaw, rows / bestImport);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best raw binary COPY: {rawRate:N0} rows/s ({bestRaw:N1} s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best register import: {rate:N0} rows/s ({bestImport:N1} s), by phase:"));
        foreach (var (phase, time) in bestPhases)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-44} {time.TotalSeconds,7:N2} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import / raw COPY = {rate / rawRate:P0} (target ≥ {TargetRatio:P0})"));
        BenchmarkFigure.Write(output, new BenchmarkFigure("import", "register import rows/s", Math.Round(rate), "rows/s",
            "raw binary COPY rows/s", Math.Round(rawRate), Math.Round(rate / rawRate, 3), "≥ 0.5 × raw COPY", rate / rawRate >= TargetRatio));
        return 0;
    }

    /// <summary>Buildings then spaces, as an administrator uploads them, with the audit entries in a named user's name.</summary>
    private static async Task<(double Seconds, List<(string, TimeSpan)> Phases, string? Refused)> ImportAsync(NpgsqlDataSource target, byte[] buildingsCsv, byte[] spacesCsv)
    {
        await using var db = Database.CreateContext(target);
        var phases = new List<(string, TimeSpan)>();
        var import = new RegisterImport(db, target, TimeProvider.System, Localizer()) { Phases = (phase, time) => phases.Add((phase, time)) };
        var by = new AuditActor(null, "bench-import");
        var clock = Stopwatch.StartNew();
        var buildings = await import.RunAsync(new MemoryStream(buildingsCsv), "buildings.csv", ImportKind.Buildings, dryRun: false, by);
        var spaces = await import.RunAsync(new MemoryStream(spacesCsv), "spaces.csv", ImportKind.Spaces, dryRun: false, by);
        var seconds = clock.Elapsed.TotalSeconds;
        var refused = new[] { buildings, spaces }.Where(r => !r.Accepted)
            .SelectMany(r => r.Problems.Take(5).Select(p => $"{p.Sheet} row {p.Row} {p.Column}: {p.Message}")).ToList();
        return (seconds, phases, refused.Count > 0 ? string.Join("; ", refused) : null);
    }

    private static async Task DropAsync(string connectionString, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync(connectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static IStringLocalizer<SharedResource> Localizer() =>
        new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    /// <summary>A migrated database holding the data set's districts and subdistricts, which the buildings must fall in.</summary>
    private static async Task<NpgsqlDataSource> CreateAsync(string connectionString, string name, DemoDataSet data)
    {
        await DropAsync(connectionString, name);
        await ExecuteOnServerAsync(connectionString, $"CREATE DATABASE \"{name}\"");
        var dataSource = Database.CreateDataSource(new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString);
        await using var db = Database.CreateContext(dataSource);
        await db.Database.MigrateAsync();
        db.Districts.AddRange(data.Districts.Select(d => new District { AdminCode = d.AdminCode, Name = d.Name, NameEn = d.NameEn, Boundary = d.Boundary }));
        await db.SaveChangesAsync();
        var districts = db.Districts.Local.ToDictionary(d => d.AdminCode);
        var codeOf = data.Districts.ToDictionary(d => d.Id, d => d.AdminCode);
        db.Subdistricts.AddRange(data.Subdistricts.Select(s => new Subdistrict
        {
            Code = s.Code, Name = s.Name, NameEn = s.NameEn, Boundary = s.Boundary, District = districts[codeOf[s.DistrictId]],
        }));
        await db.SaveChangesAsync();
        return dataSource;
    }

    private static async Task ExecuteOnServerAsync(string connectionString, string sql)
    {
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await server.OpenAsync();
        await using var command = new NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The same rows straight into the tables, no checks, in one transaction, with synchronous writes as DemoLoader
    /// does: the fastest way Npgsql offers. The column list repeats the import's on purpose: it is the yardstick.
    /// </summary>
    /// <returns>How long the buildings took, the first part.</returns>
    private static async Task<TimeSpan> RawCopyAsync(NpgsqlDataSource dataSource, DemoDataSet data)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow;
        using (var importer = connection.BeginBinaryImport("""
            COPY buildings (id, external_key, name, aliases, address, location, grade, use, construction_status, completion_year,
              gross_floor_area, for_sale_area, for_rent_area, self_use_area, floors_above_ground, floors_below_ground,
              passenger_elevators, freight_elevators, parking_above_ground, parking_below_ground, property_company,
              property_contacts, required_to_report, archived, updated_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var b in data.Buildings)
            {
                importer.StartRow();
                importer.Write(b.Id);
                importer.Write(b.ExternalKey);
                importer.Write(b.Name);
                importer.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                importer.Write(b.Address);
                importer.Write(b.Location, NpgsqlDbType.Geography);
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
                importer.WriteNullable(b.PropertyCompany, NpgsqlDbType.Text);
                importer.Write("[]", NpgsqlDbType.Jsonb);
                importer.Write(b.RequiredToReport);
                importer.Write(false);
                importer.Write(now, NpgsqlDbType.TimestampTz);
            }
            importer.Complete();
        }
        var buildingsTime = clock.Elapsed;
        using (var importer = connection.BeginBinaryImport("""
            COPY spaces (building_id, external_key, floor, unit, area, tenure, asking_rent, sale_price, fit_out, status,
              available_from, divisible, min_divisible_area, archived, updated_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var s in data.Spaces)
            {
                importer.StartRow();
                importer.Write(s.BuildingId);
                importer.Write(s.ExternalKey);
                importer.Write(s.Floor);
                importer.Write(s.Unit);
                importer.Write(s.Area);
                importer.Write(s.Tenure.ToString());
                importer.WriteNullable(s.AskingRent, NpgsqlDbType.Numeric);
                importer.WriteNullable(s.SalePrice, NpgsqlDbType.Numeric);
                importer.Write(s.FitOut.ToString());
                importer.Write(s.Status.ToString());
                importer.WriteNullable(s.AvailableFrom, NpgsqlDbType.Date);
                importer.Write(s.Divisible);
                importer.WriteNullable(s.MinDivisibleArea, NpgsqlDbType.Numeric);
                importer.Write(false);
                importer.Write(now, NpgsqlDbType.TimestampTz);
            }
            importer.Complete();
        }
        await transaction.CommitAsync();
        return buildingsTime;
    }
}
