using System.Diagnostics;
using System.Globalization;
using System.Text;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Import;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace BuildingEconomy.IntegrationTests.Buildings;

/// <summary>
/// Prints import throughput beside raw binary COPY of the same rows, measured in the same run (not a timed test:
/// figures on a shared 2-core machine are noisy). Runs only when BE_BENCH_IMPORT is set: "national" for 50,000
/// buildings and 1,000,000 spaces, or a building count, e.g. BE_BENCH_IMPORT=5000.
/// </summary>
public class ImportBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Import_throughput_beside_raw_COPY()
    {
        var setting = Environment.GetEnvironmentVariable("BE_BENCH_IMPORT");
        if (string.IsNullOrEmpty(setting)) return;
        var buildingCount = setting == "national" ? 50_000 : int.Parse(setting, CultureInfo.InvariantCulture);
        var size = new DemoSize("bench", Math.Max(1, buildingCount / 1_000), 8, buildingCount, 20, 1, 1, 0);
        var data = new DemoGenerator(size, new DateOnly(2026, 11, 15)).Generate();
        var spaceCount = data.Spaces.Count;
        Print($"data set: {data.Buildings.Count:N0} buildings, {spaceCount:N0} spaces");

        var buildingsCsv = BuildingsCsv(data);
        var spacesCsv = SpacesCsv(data);

        // Raw COPY: the same rows straight into the tables, no checks, in one transaction.
        await using (var raw = new TestDatabase())
        {
            await raw.InitializeAsync();
            await LoadPlacesAsync(raw, data);
            var clock = Stopwatch.StartNew();
            await RawCopyAsync(raw.DataSource, data);
            clock.Stop();
            Print($"raw binary COPY: {(data.Buildings.Count + spaceCount) / clock.Elapsed.TotalSeconds:N0} rows/s ({clock.Elapsed.TotalSeconds:N1} s)");
            rawRate = (data.Buildings.Count + spaceCount) / clock.Elapsed.TotalSeconds;
        }

        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await LoadPlacesAsync(database, data);
        await using var db = database.CreateContext();
        var import = new RegisterImport(db, database.DataSource, TimeProvider.System, Localizer());
        var total = Stopwatch.StartNew();
        var buildings = await import.RunAsync(new MemoryStream(buildingsCsv), "buildings.csv", ImportKind.Buildings, dryRun: false);
        var afterBuildings = total.Elapsed;
        var spaces = await import.RunAsync(new MemoryStream(spacesCsv), "spaces.csv", ImportKind.Spaces, dryRun: false);
        total.Stop();
        Assert.True(buildings.Accepted, string.Join("; ", buildings.Problems.Take(5).Select(p => $"{p.Row} {p.Column} {p.Message}")));
        Assert.True(spaces.Accepted, string.Join("; ", spaces.Problems.Take(5).Select(p => $"{p.Row} {p.Column} {p.Message}")));
        var rate = (data.Buildings.Count + spaceCount) / total.Elapsed.TotalSeconds;
        Print($"import path (CSV parse, validation, COPY to staging, upsert, outbox): {rate:N0} rows/s ({total.Elapsed.TotalSeconds:N1} s; buildings {afterBuildings.TotalSeconds:N1} s)");
        Print($"import / raw COPY = {rate / rawRate:P0} (target ≥ 50 %)");
    }

    private double rawRate;

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine("[import benchmark] " + line);
    }

    private static IStringLocalizer<SharedResource> Localizer() =>
        new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static async Task LoadPlacesAsync(TestDatabase database, DemoDataSet data)
    {
        await using var db = database.CreateContext();
        db.Districts.AddRange(data.Districts.Select(d => new District { AdminCode = d.AdminCode, Name = d.Name, NameEn = d.NameEn, Boundary = d.Boundary }));
        await db.SaveChangesAsync();
        var districts = db.Districts.Local.ToDictionary(d => d.AdminCode);
        var codeOf = data.Districts.ToDictionary(d => d.Id, d => d.AdminCode);
        db.Subdistricts.AddRange(data.Subdistricts.Select(s => new Subdistrict { Code = s.Code, Name = s.Name, NameEn = s.NameEn, Boundary = s.Boundary, District = districts[codeOf[s.DistrictId]] }));
        await db.SaveChangesAsync();
    }

    private static byte[] BuildingsCsv(DemoDataSet data)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', ImportColumns.Buildings.Select(c => c.Header)));
        foreach (var b in data.Buildings)
        {
            var values = new Dictionary<string, string?>
            {
                ["externalKey"] = b.ExternalKey, ["name"] = b.Name, ["address"] = b.Address,
                ["longitude"] = b.Location.X.ToString("R", CultureInfo.InvariantCulture), ["latitude"] = b.Location.Y.ToString("R", CultureInfo.InvariantCulture),
                ["grade"] = ImportVocabulary.Grades[b.Grade], ["use"] = ImportVocabulary.Uses[b.Use], ["constructionStatus"] = ImportVocabulary.ConstructionStatuses[b.ConstructionStatus],
                ["completionYear"] = b.CompletionYear?.ToString(CultureInfo.InvariantCulture),
                ["grossFloorArea"] = Num(b.GrossFloorArea), ["forSaleArea"] = Num(b.ForSaleArea), ["forRentArea"] = Num(b.ForRentArea), ["selfUseArea"] = Num(b.SelfUseArea),
                ["floorsAboveGround"] = Num(b.FloorsAboveGround), ["floorsBelowGround"] = Num(b.FloorsBelowGround), ["passengerElevators"] = Num(b.PassengerElevators),
                ["freightElevators"] = Num(b.FreightElevators), ["parkingAboveGround"] = Num(b.ParkingAboveGround), ["parkingBelowGround"] = Num(b.ParkingBelowGround),
                ["propertyCompany"] = b.PropertyCompany, ["requiredToReport"] = ImportVocabulary.Yes(b.RequiredToReport),
            };
            text.AppendLine(string.Join(',', ImportColumns.Buildings.Select(c => Csv(values.GetValueOrDefault(c.Field)))));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] SpacesCsv(DemoDataSet data)
    {
        var keys = data.Buildings.ToDictionary(b => b.Id, b => b.ExternalKey);
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', ImportColumns.Spaces.Select(c => c.Header)));
        foreach (var s in data.Spaces)
        {
            var values = new Dictionary<string, string?>
            {
                ["buildingExternalKey"] = keys[s.BuildingId], ["externalKey"] = s.ExternalKey, ["floor"] = Num(s.Floor), ["unit"] = s.Unit, ["area"] = Num(s.Area),
                ["tenure"] = ImportVocabulary.Tenures[s.Tenure], ["askingRent"] = s.AskingRent is { } r ? Num(r) : null, ["salePrice"] = s.SalePrice is { } p ? Num(p) : null,
                ["fitOut"] = ImportVocabulary.FitOuts[s.FitOut], ["status"] = ImportVocabulary.SpaceStatuses[s.Status],
                ["availableFrom"] = s.AvailableFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["divisible"] = ImportVocabulary.Yes(s.Divisible),
                ["minDivisibleArea"] = s.MinDivisibleArea is { } m ? Num(m) : null,
            };
            text.AppendLine(string.Join(',', ImportColumns.Spaces.Select(c => Csv(values.GetValueOrDefault(c.Field)))));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Csv(string? value) => value is null ? "" : value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Synchronous writes, as DemoLoader does: the fastest way Npgsql offers.</summary>
    private static async Task RawCopyAsync(NpgsqlDataSource dataSource, DemoDataSet data)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
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
                if (b.CompletionYear is { } year) importer.Write(year); else importer.WriteNull();
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
                if (b.PropertyCompany is { } company) importer.Write(company); else importer.WriteNull();
                importer.Write("[]", NpgsqlDbType.Jsonb);
                importer.Write(b.RequiredToReport);
                importer.Write(false);
                importer.Write(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            importer.Complete();
        }
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
                if (s.AskingRent is { } rent) importer.Write(rent); else importer.WriteNull();
                if (s.SalePrice is { } price) importer.Write(price); else importer.WriteNull();
                importer.Write(s.FitOut.ToString());
                importer.Write(s.Status.ToString());
                if (s.AvailableFrom is { } from) importer.Write(from); else importer.WriteNull();
                importer.Write(s.Divisible);
                if (s.MinDivisibleArea is { } min) importer.Write(min); else importer.WriteNull();
                importer.Write(false);
                importer.Write(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            importer.Complete();
        }
        await transaction.CommitAsync();
    }
}
