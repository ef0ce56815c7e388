using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Benchmarks;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>
/// `bench-search`: varied realistic searches (<see cref="SearchBenchmarkQueries"/>) through the running site's HTTP
/// API, p50/p95, beside the database's own time for the same queries in the same run: planning plus execution as
/// PostgreSQL reports them (EXPLAIN ANALYZE, without per-node timing) for the statements a search runs. Every query
/// is sent once to warm up, then once measured. It signs in as a temporary investment officer with an API token,
/// removed again at the end. Prints figures; asserts nothing.
/// </summary>
public static class SearchBenchmark
{
    private const double TargetP95Milliseconds = 50;
    private const double TargetRatioToDatabase = 1.5;

    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, BuildingEconomyDbContext db, Uri site, int count, TextWriter output)
    {
        var localizer = new StringLocalizer<SharedResource>(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        var drawn = await SearchBenchmarkQueries.DrawAsync(dataSource, count, DateOnly.FromDateTime(DateTime.Today));
        var queries = drawn.Select(q => SpaceSearchQueryString.Format(q.Query)).ToList();
        var (user, secret) = await CreateCallerAsync(db);
        try
        {
            using var http = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            foreach (var query in queries) await SearchAsync(http, query);

            var httpTimes = new List<double>(queries.Count);
            var matches = new List<long>(queries.Count);
            foreach (var query in queries)
            {
                var clock = Stopwatch.StartNew();
                var body = await SearchAsync(http, query);
                httpTimes.Add(clock.Elapsed.TotalMilliseconds);
                matches.Add(TotalSpaces(body));
            }

            var reference = await SearchReferenceData.LoadAsync(dataSource, default);
            var engine = new PostgresSpaceSearchEngine(dataSource);
            var databaseTimes = new List<double>(queries.Count);
            foreach (var text in queries)
            {
                databaseTimes.Add(await DatabaseTimeAsync(dataSource, engine, reference, localizer, text));
            }

            var byKind = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{"kind of query",-36} {"HTTP p50",9} {"p95",7} {"db p50",8} {"p95",7} {"matches",8}") };
            foreach (var kind in SearchBenchmarkQueries.Kinds)
            {
                var of = drawn.Select((q, i) => (q.Kind, i)).Where(x => x.Kind == kind).Select(x => x.i).ToList();
                if (of.Count == 0) continue;
                List<double> Sorted(List<double> times) => [.. of.Select(i => times[i]).Order()];
                var (h, d) = (Sorted(httpTimes), Sorted(databaseTimes));
                byKind.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{kind,-36} {Percentile(h, 0.5),9:F1} {Percentile(h, 0.95),7:F1} {Percentile(d, 0.5),8:F1} {Percentile(d, 0.95),7:F1} {of.Select(i => matches[i]).Order().ElementAt(of.Count / 2),8:N0}"));
            }
            var slowest = httpTimes.Select((time, i) => (time, i)).OrderByDescending(x => x.time).Take(5).ToList();
            httpTimes.Sort();
            databaseTimes.Sort();
            matches.Sort();
            var (httpP50, httpP95, dbP50, dbP95) = (Percentile(httpTimes, 0.50), Percentile(httpTimes, 0.95), Percentile(databaseTimes, 0.50), Percentile(databaseTimes, 0.95));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{queries.Count} searches over HTTP at {site}, each once after a warm-up pass; matching spaces per search: median {Percentile(matches, 0.5):N0}, max {matches[^1]:N0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-34} {"p50 ms",8} {"p95 ms",8} {"max ms",8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"HTTP API (client side)",-34} {httpP50,8:F1} {httpP95,8:F1} {httpTimes[^1],8:F1}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"database (planning + execution)",-34} {dbP50,8:F1} {dbP95,8:F1} {databaseTimes[^1],8:F1}"));
            foreach (var line in byKind) output.WriteLine(line);
            foreach (var (time, i) in slowest) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slow: {time,7:F1} ms  ?{queries[i]}"));

            BenchmarkFigure.Write(output, new BenchmarkFigure("search", "search p95 through HTTP", httpP95, "ms",
                "database p95", dbP95, httpP95 / dbP95, $"≤ {TargetP95Milliseconds} ms", httpP95 <= TargetP95Milliseconds));
            BenchmarkFigure.Write(output, new BenchmarkFigure("search", "search p50 through HTTP", httpP50, "ms",
                "database p50", dbP50, httpP50 / dbP50, $"≤ {TargetRatioToDatabase} × database p50", httpP50 <= TargetRatioToDatabase * dbP50));
            return 0;
        }
        finally
        {
            db.ApiTokens.RemoveRange(db.ApiTokens.Where(t => t.UserId == user.Id));
            db.Users.Remove(user);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>One search, until its whole answer has arrived. Anything but 200 stops the benchmark: its figures would lie.</summary>
    private static async Task<string> SearchAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync($"{SearchApi.Prefix}/spaces?{query}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Search ?{query} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Read after the clock stopped: parsing the answer is the client's work, not the API's.</summary>
    private static long TotalSpaces(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("totalSpaces").GetInt64();
    }

    /// <summary>What PostgreSQL itself spends on the statements the API runs for this query string.</summary>
    private static async Task<double> DatabaseTimeAsync(
        NpgsqlDataSource dataSource, PostgresSpaceSearchEngine engine, SearchReferenceData reference, IStringLocalizer localizer, string text)
    {
        var query = SpaceSearchQueryString.Parse(text, localizer).Query ?? throw new InvalidOperationException($"?{text} does not parse.");
        var time = 0.0;
        if (query.NearBuilding is { } named)
        {
            await using var lookup = NamedBuildingLookup.ById(dataSource, named) ?? NamedBuildingLookup.ByName(dataSource, named);
            time += await ExplainAsync(lookup);
            query = query with { Near = (await NamedBuildingLookup.ReadAsync(lookup, default)).Single() };
        }
        await using var search = engine.SearchCommand(query, reference);
        return time + await ExplainAsync(search);
    }

    private static async Task<double> ExplainAsync(NpgsqlCommand command)
    {
        var text = command.CommandText;
        command.CommandText = "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + text;
        try
        {
            using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
            var root = plan.RootElement[0];
            return root.GetProperty("Planning Time").GetDouble() + root.GetProperty("Execution Time").GetDouble();
        }
        finally
        {
            command.CommandText = text;
        }
    }

    private static async Task<(AppUser User, string Secret)> CreateCallerAsync(BuildingEconomyDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        var name = $"bench-search-{Guid.NewGuid():N}"[..24];
        var user = Users.Add(db, name, Guid.NewGuid().ToString("N") + "!Aa1", "Search benchmark", [Roles.InvestmentOfficer], now);
        await db.SaveChangesAsync();
        var (token, secret) = ApiTokens.Create(user.Id, "bench-search", "bench-search", now, now.AddHours(2));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (user, secret);
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static long Percentile(List<long> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
