using System.Diagnostics;
using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

// Administrative commands the run script and operators use: schema migration and data loading.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray())
    .Build();
var connectionString = configuration.GetConnectionString(Database.ConnectionStringName);
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine($"No database configured: set ConnectionStrings__{Database.ConnectionStringName} (infra/lib.sh does).");
    return 2;
}

var command = args.FirstOrDefault() ?? "help";
await using var dataSource = Database.CreateDataSource(connectionString);
await using var context = Database.CreateContext(dataSource);
switch (command)
{
    case "migrate":
        await context.Database.MigrateAsync();
        Console.WriteLine("Database schema is up to date.");
        return 0;

    case "seed-demo":
        var size = DemoSize.Parse(configuration["size"] ?? "demo");
        if (!await DemoLoader.IsEmptyAsync(context))
        {
            if (args.Contains("--if-empty"))
            {
                Console.WriteLine("The database already holds data; the demo district was not loaded.");
                return 0;
            }
            Console.Error.WriteLine("The database already holds data; load the demo into an empty database.");
            return 1;
        }
        var asOf = configuration["as-of"] is { } given ? DateOnly.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : DateOnly.FromDateTime(DateTime.Today);
        var clock = Stopwatch.StartNew();
        var data = new DemoGenerator(size, asOf).Generate();
        var generated = clock.Elapsed;
        await DemoLoader.LoadAsync(dataSource, context, data);
        Console.WriteLine(
            $"Loaded the {size.Name} data set: {data.Districts.Count} districts, {data.Subdistricts.Count} subdistricts, " +
            $"{data.Buildings.Count} buildings, {data.Spaces.Count} spaces, {data.Enterprises.Count} enterprises, " +
            $"{data.Tenancies.Count} tenancies, {data.Returns.Count} returns with {data.ReturnLineCount} roster lines " +
            $"(generated in {generated.TotalSeconds:F1} s, loaded in {(clock.Elapsed - generated).TotalSeconds:F1} s).");
        return 0;

    default:
        Console.WriteLine("""
            Usage: BuildingEconomy.Cli <command> [options]
              migrate                                   apply the EF Core migrations
              seed-demo [--if-empty] [--size=demo|city|national|tiny] [--as-of=YYYY-MM-DD]
                                                        generate and bulk-load a fictional district
            """);
        return command == "help" ? 0 : 2;
}
