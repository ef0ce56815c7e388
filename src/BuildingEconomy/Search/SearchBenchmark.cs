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
/// PostgreSQL reports them (EXPLAIN ANALYZE, without per-node timing) for the statements a search runs, and between
/// the two the same statements' time through Npgsql. Every query is sent once to warm up, then measured in
/// <see cref="MeasuredRounds"/> rounds. It signs in as a temporary investment officer with an API token,
/// removed again at the end. Prints figures; asserts nothing.
/// </summary>
public static class SearchBenchmark
{
    private const double TargetP95Milliseconds = 50;
    private const double TargetRatioToDatabase = 1.5;
    private const int MeasuredRounds = 3;

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

            var reference = await SearchReferenceData.LoadAsync(dataSource, default);
            var engine = new PostgresSpaceSearchEngine(dataSource);
            var statements = new List<Statements>(queries.Count);
            foreach (var text in queries) statements.Add(await Statements.ForAsync(dataSource, engine, reference, localizer, text));

            // Each query in turn through HTTP, as a statement and explained, so a passing disturbance of this shared
            // machine falls on all three alike; each figure is a query's median over the rounds.
            var (httpRounds, statementRounds, databaseRounds) = (Rounds(queries.Count), Rounds(queries.Count), Rounds(queries.Count));
            var matches = new List<long>(queries.Count);
            for (var round = 0; round < MeasuredRounds; round++)
            {
                for (var i = 0; i < queries.Count; i++)
                {
                    var clock = Stopwatch.StartNew();
                    var body = await SearchAsync(http, queries[i]);
                    httpRounds[i].Add(clock.Elapsed.TotalMilliseconds);
                    if (round == 0) matches.Add(TotalSpaces(body));
                    statementRounds[i].Add(await statements[i].ExecutionTimeAsync());
                    databaseRounds[i].Add(await statements[i].DatabaseTimeAsync());
                }
            }
            var (httpTimes, statementTimes, databaseTimes) = (Medians(httpRounds), Medians(statementRounds), Medians(databaseRounds));

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
            statementTimes.Sort();
            databaseTimes.Sort();
            matches.Sort();
            var (httpP50, httpP95, dbP50, dbP95) = (Percentile(httpTimes, 0.50), Percentile(httpTimes, 0.95), Percentile(databaseTimes, 0.50), Percentile(databaseTimes, 0.95));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{queries.Count} searches over HTTP at {site}, each a median of {MeasuredRounds} after a warm-up pass; matching spaces per search: median {Percentile(matches, 0.5):N0}, max {matches[^1]:N0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-34} {"p50 ms",8} {"p95 ms",8} {"max ms",8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"HTTP API (client side)",-34} {httpP50,8:F1} {httpP95,8:F1} {httpTimes[^1],8:F1}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"statements via Npgsql (client side)",-34} {Percentile(statementTimes, 0.50),8:F1} {Percentile(statementTimes, 0.95),8:F1} {statementTimes[^1],8:F1}"));
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

    private static List<double>[] Rounds(int count) => [.. Enumerable.Range(0, count).Select(_ => new List<double>(MeasuredRounds))];

    private static List<double> Medians(List<double>[] rounds) => [.. rounds.Select(times => times.Order().ElementAt(times.Count / 2))];

    /// <summary>The statements the API runs for a query string: the named-building lookup, if there is one, then the search.</summary>
    private sealed class Statements(NpgsqlDataSource dataSource, PostgresSpaceSearchEngine engine, SearchReferenceData reference, SpaceSearchQuery query)
    {
        public static async Task<Statements> ForAsync(
            NpgsqlDataSource dataSource, PostgresSpaceSearchEngine engine, SearchReferenceData reference, IStringLocalizer localizer, string text)
        {
            var query = SpaceSearchQueryString.Parse(text, localizer).Query ?? throw new InvalidOperationException($"?{text} does not parse.");
            if (query.NearBuilding is { } named)
            {
                await using var lookup = Lookup(dataSource, named);
                query = query with { Near = (await NamedBuildingLookup.ReadAsync(lookup, default)).Single() };
            }
            return new Statements(dataSource, engine, reference, query);
        }

        /// <summary>Through Npgsql, on the client's clock, every row and column read.</summary>
        public async Task<double> ExecutionTimeAsync()
        {
            var clock = Stopwatch.StartNew();
            foreach (var command in Create())
            {
                await using (command)
                {
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        for (var i = 0; i < reader.FieldCount; i++) reader.GetValue(i);
                    }
                }
            }
            return clock.Elapsed.TotalMilliseconds;
        }

        /// <summary>What PostgreSQL itself spends on them.</summary>
        public async Task<double> DatabaseTimeAsync()
        {
            var time = 0.0;
            foreach (var command in Create())
            {
                await using (command) time += await ExplainAsync(command);
            }
            return time;
        }

        private IEnumerable<NpgsqlCommand> Create()
        {
            if (query.NearBuilding is { } named) yield return Lookup(dataSource, named);
            yield return engine.SearchCommand(query, reference, english: false);
        }

        private static NpgsqlCommand Lookup(NpgsqlDataSource dataSource, string named) =>
            NamedBuildingLookup.ById(dataSource, named) ?? NamedBuildingLookup.ByName(dataSource, named);
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
