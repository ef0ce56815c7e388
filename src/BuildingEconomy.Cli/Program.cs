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
        // Migrations that backfill rollups (DashboardRollups) take about a minute at national size, far over the default.
        context.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await context.Database.MigrateAsync();
        Console.WriteLine("Database schema is up to date.");
        return 0;

    case "seed-demo":
        var size = DemoSize.Parse(configuration["size"] ?? "demo");
        if (!await DemoLoader.IsEmptyAsync(context))
        {
            if (args.Contains("--if-empty"))
            {
                if (await BuildingEconomy.Accounts.DemoAccounts.AreMissingFromDemoAsync(context))
                {
                    await BuildingEconomy.Accounts.DemoAccounts.CreateAsync(context);
                    Console.WriteLine("Created the demo accounts (README, \"Demo accounts\").");
                }
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
        await DemoLoader.LoadAsync(dataSource, context, data, message => Console.Error.WriteLine(message));
        // The demo accounts (README, "Demo accounts") exist only where the demo data was loaded.
        await BuildingEconomy.Accounts.DemoAccounts.CreateAsync(context);
        Console.WriteLine(
            $"Loaded the {size.Name} data set: {data.Districts.Count} districts, {data.Subdistricts.Count} subdistricts, " +
            $"{data.Buildings.Count} buildings, {data.Spaces.Count} spaces, {data.Enterprises.Count} enterprises, " +
            $"{data.Tenancies.Count} tenancies, {data.Returns.Count} returns with {data.ReturnLineCount} roster lines " +
            $"(generated in {generated.TotalSeconds:F1} s, loaded in {(clock.Elapsed - generated).TotalSeconds:F1} s).");
        return 0;

    case "search-rebuild":
        // A new Elasticsearch index from PostgreSQL behind Search:Elasticsearch:Alias, swapped in with no downtime.
        return await BuildingEconomy.Search.SearchCommands.RebuildAsync(configuration, dataSource);

    case "bench-dashboard":
        // Server time of each dashboard API call on the loaded data set, p50/p95; prints figures, asserts nothing.
        return await BuildingEconomy.Dashboards.DashboardBenchmark.RunAsync(dataSource, int.Parse(configuration["iterations"] ?? "20", System.Globalization.CultureInfo.InvariantCulture), Console.Out);

    case "bench-import":
        // The register import beside raw binary COPY of the same rows, in two scratch databases of its own; prints figures.
        return await BuildingEconomy.Buildings.Import.RegisterImportBenchmark.RunAsync(connectionString, configuration["size"] ?? "national",
            int.Parse(configuration["rounds"] ?? "1", System.Globalization.CultureInfo.InvariantCulture), Console.Out);

    case "bench-returns":
        // A month of returns through RabbitMQ with confirms, end to end, beside the plain bus; writes returns, so it wants --allow-writes.
        return await BuildingEconomy.Returns.ReturnsBenchmark.RunAsync(connectionString, configuration, Console.Out);

    case "bench-search":
        // Realistic searches through the running site's HTTP API beside the database's own time; prints figures, asserts nothing.
        return await BuildingEconomy.Search.SearchBenchmark.RunAsync(dataSource, context,
            new Uri(configuration["url"] ?? "http://127.0.0.1:5080"), int.Parse(configuration["queries"] ?? "200", System.Globalization.CultureInfo.InvariantCulture), Console.Out);

    case "bench-report":
        // One table from the figure lines in the bench commands' logs (infra/bench.sh); fails when a named benchmark printed none.
        return await BuildingEconomy.Benchmarks.BenchmarkReport.RunAsync(
            args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList(),
            (configuration["expect"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), Console.Out);

    case "add-user":
        // The first administrator of a real deployment (no demo accounts there); later users come from the admin pages.
        return await BuildingEconomy.Accounts.AddUserCommand.RunAsync(context, configuration, Console.Out, Console.Error);

    default:
        Console.WriteLine("""
            Usage: BuildingEconomy.Cli <command> [options]
              migrate                                   apply the EF Core migrations
              seed-demo [--if-empty] [--size=demo|city|national|tiny] [--as-of=YYYY-MM-DD]
                                                        generate and bulk-load a fictional district
              add-user --user=NAME --password=PASSWORD [--name=显示名] [--role=Administrator]
                                                        create a user (the first administrator)
              bench-import [--size=national|city|tiny] [--rounds=1]
                                                        import a generated data set through the register import beside
                                                        raw binary COPY (in scratch databases <db>_import_copy/_import_path;
                                                        with rounds, the best of each)
              bench-dashboard [--iterations=20]         time each dashboard query on the loaded data (p50/p95)
              bench-returns --allow-writes=yes [--returns=50000] [--url=amqp://...] [--pings=20000] [--lines=40]
                                                        file the next month for every building through RabbitMQ and time it
                                                        (on a benchmark database: it writes returns)
              bench-search [--url=http://127.0.0.1:5080] [--queries=200]
                                                        time realistic searches through the running site's API beside
                                                        the database's own time (adds and removes a temporary user)
              bench-report [--expect=import,search,...] LOG...
                                                        one Markdown table of the figures the bench commands printed
              search-rebuild                            rebuild the Elasticsearch index from PostgreSQL and swap
                                                        the alias (needs Search__Elasticsearch__Url)
            """);
        return command == "help" ? 0 : 2;
}
