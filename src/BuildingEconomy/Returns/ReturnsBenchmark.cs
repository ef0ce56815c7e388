using System.Diagnostics;
using System.Globalization;
using BuildingEconomy.Benchmarks;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace BuildingEconomy.Returns;

/// <summary>A message that carries nothing, for the plain bus throughput beside the returns'.</summary>
public sealed record BenchmarkPing(int Number);

public sealed class BenchmarkPingCounter
{
    private int remaining;
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => done.Task;

    public void Expect(int count)
    {
        remaining = count;
        done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Received()
    {
        if (Interlocked.Decrement(ref remaining) == 0) done.TrySetResult();
    }
}

public sealed class BenchmarkPingConsumer(BenchmarkPingCounter counter) : IConsumer<BenchmarkPing>
{
    public Task Consume(ConsumeContext<BenchmarkPing> context)
    {
        counter.Received();
        return Task.CompletedTask;
    }
}

/// <summary>
/// bench-returns: a month of returns through RabbitMQ with publisher confirms, end to end (filed with its outbox row,
/// dispatched, applied), in returns/s and roster lines/s, printed beside the plain bus throughput measured in the same
/// run. It files the month after the latest applied one for every building that has one, so run it on a database of
/// its own (e.g. seed-demo --size=national into an empty database), never on one whose data matters. --lines=N pads
/// every roster to N lines.
/// </summary>
public static class ReturnsBenchmark
{
    public static async Task<int> RunAsync(string connectionString, IConfiguration configuration, TextWriter output)
    {
        if (configuration["allow-writes"] is null)
        {
            output.WriteLine("bench-returns files a month of returns into the configured database; run it on a benchmark database and pass --allow-writes=yes.");
            return 2;
        }
        var url = configuration["url"] ?? configuration["Bus:RabbitMq:Url"] ?? "amqp://guest:guest@127.0.0.1:5672/";
        var maxReturns = int.Parse(configuration["returns"] ?? "50000", CultureInfo.InvariantCulture);
        var pings = int.Parse(configuration["pings"] ?? "20000", CultureInfo.InvariantCulture);
        var filers = int.Parse(configuration["filers"] ?? "8", CultureInfo.InvariantCulture);
        var prefix = $"bench{Guid.NewGuid():N}"[..13] + "-";

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Url"] = url,
            ["Bus:EntityPrefix"] = prefix,
            ["Outbox:PollInterval"] = "00:00:00.200",
        });
        // The returns settings as a deployment would give them (Returns__ApplyConcurrency and so on), else their defaults.
        builder.Configuration.AddInMemoryCollection(configuration.GetSection(ReturnsOptions.SectionName).AsEnumerable().Where(s => s.Value is not null));
        builder.Logging.AddFilter(level => level >= LogLevel.Error);
        builder.Services.AddBuildingEconomyData(connectionString);
        builder.Services.AddBuildingEconomyBus(builder.Configuration, bus =>
        {
            // Only the returns pipeline: other features' consumers of "return applied" need services this host lacks.
            bus.AddReturnsConsumers();
            bus.AddConsumer<BenchmarkPingConsumer>();
        });
        builder.Services.AddBuildingEconomyReturns(builder.Configuration);
        builder.Services.AddOutboxDispatcher(builder.Configuration);
        builder.Services.AddSingleton<BenchmarkPingCounter>();
        using var host = builder.Build();
        await host.StartAsync();
        var names = host.Services.GetRequiredService<IEndpointNameFormatter>();
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            var ready = Stopwatch.StartNew();
            while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                if (ready.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException($"The bus at {url} did not become ready.");
                await Task.Delay(100);
            }

            // 1. The plain bus: small messages, published concurrently with confirms, consumed and counted.
            var counter = host.Services.GetRequiredService<BenchmarkPingCounter>();
            counter.Expect(pings);
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < pings; start += 1_000)
            {
                await Task.WhenAll(Enumerable.Range(start, Math.Min(1_000, pings - start)).Select(i => bus.Publish(new BenchmarkPing(i))));
            }
            await counter.Done.WaitAsync(TimeSpan.FromMinutes(10));
            var busRate = pings / clock.Elapsed.TotalSeconds;
            output.WriteLine(FormattableString.Invariant($"plain bus:        {pings:N0} messages in {clock.Elapsed.TotalSeconds:F1} s = {busRate:N0} msg/s (RabbitMQ, publisher confirms, end to end)"));

            // 2. The returns: last month's roster as this month's return for every building, as a contact would file it.
            List<(int BuildingId, DateOnly Period)> targets;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BuildingEconomyDbContext>();
                targets = (await db.BuildingMonthFigures.GroupBy(f => f.BuildingId)
                        .Select(g => new { BuildingId = g.Key, Latest = g.Max(f => f.Period) })
                        .OrderBy(x => x.BuildingId).Take(maxReturns).ToListAsync())
                    .Select(x => (x.BuildingId, x.Latest.AddMonths(1))).ToList();
            }
            var today = ReturnsCalendar.Today(TimeProvider.System);
            targets = targets.Where(t => t.Period <= ReturnsCalendar.MonthOf(today)).ToList();
            clock.Restart();
            var drafts = await InParallelAsync(host.Services, targets, filers, async (services, target) =>
                (await services.GetRequiredService<ReturnDrafts>().DraftAsync(target.BuildingId, target.Period))?.Submission);
            var submissions = drafts.Where(d => d is not null).Select(d => d!).ToList();
            if (configuration["lines"] is { } padTo)
            {
                var padding = int.Parse(padTo, CultureInfo.InvariantCulture);
                var leavers = await LeaversAsync(host.Services, submissions.Sum(s => Math.Max(0, padding - s.Lines.Count)));
                var next = 0;
                foreach (var submission in submissions) PadRoster(submission, padding, leavers, ref next);
            }
            submissions.ForEach(ChangeOneTenant);
            var lines = submissions.Sum(s => s.Lines.Count);
            output.WriteLine(FormattableString.Invariant($"prepared:         {submissions.Count:N0} returns with {lines:N0} roster lines in {clock.Elapsed.TotalSeconds:F1} s (pre-filled from last month)"));

            clock.Restart();
            var results = await InParallelAsync(host.Services, submissions, filers, (services, submission) =>
                services.GetRequiredService<ReturnFiling>().FileAsync(submission, new FilingRequest(ReturnChannel.Import, "bench-returns")));
            var filed = results.Where(r => r.Outcome == FilingOutcome.Accepted).Select(r => r.Return!.Id).ToList();
            var filingTime = clock.Elapsed;
            output.WriteLine(FormattableString.Invariant($"filed:            {filed.Count:N0} accepted ({results.Count - filed.Count:N0} refused) in {filingTime.TotalSeconds:F1} s = {filed.Count / filingTime.TotalSeconds:N0} returns/s stored with their outbox rows"));

            var first = filed.Count == 0 ? 0 : filed.Min();
            var last = filed.Count == 0 ? 0 : filed.Max();
            long applied = 0;
            while (applied < filed.Count)
            {
                await Task.Delay(250);
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BuildingEconomyDbContext>();
                applied = await db.MonthlyReturns.LongCountAsync(r => r.Id >= first && r.Id <= last && r.Status != ReturnStatus.Submitted && r.SubmittedBy == "bench-returns");
                if (clock.Elapsed > TimeSpan.FromHours(1)) break;
            }
            var total = clock.Elapsed;
            output.WriteLine(FormattableString.Invariant($"applied:          {applied:N0} returns in {total.TotalSeconds:F1} s from the first filing = {applied / total.TotalSeconds:N0} returns/s, {lines / total.TotalSeconds:N0} roster lines/s end to end"));
            var returnRate = applied / total.TotalSeconds;
            var nationalMinutes = NationalMonth / returnRate / 60;
            output.WriteLine(FormattableString.Invariant($"ratio:            returns/s end to end = {returnRate / busRate:P1} of the plain bus's msg/s; a national month ({NationalMonth:N0} returns) would take {nationalMinutes:F1} min at this rate"));
            if (applied > 0) WriteFigures(output, applied, returnRate, lines / total.TotalSeconds, busRate, nationalMinutes);
            return applied == filed.Count ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
            await DeleteEntitiesAsync(url, prefix, names);
        }
    }

    private const int NationalMonth = 50_000;
    private const double TargetNationalMinutes = 5;

    /// <summary>Below this many returns the run is dominated by start-up and polling, so its rates only show the pipeline works.</summary>
    private const int SmokeCheckBelow = 1_000;

    private static void WriteFigures(TextWriter output, long applied, double returnRate, double lineRate, double busRate, double nationalMinutes)
    {
        var suffix = applied < SmokeCheckBelow ? FormattableString.Invariant($" (smoke check: {applied} returns)") : "";
        BenchmarkFigure.Write(output, new BenchmarkFigure("returns", "returns applied end to end" + suffix, returnRate, "returns/s",
            "plain bus", busRate, returnRate / busRate));
        BenchmarkFigure.Write(output, new BenchmarkFigure("returns", "roster lines applied end to end" + suffix, lineRate, "lines/s"));
        BenchmarkFigure.Write(output, new BenchmarkFigure("returns", "national month of returns" + suffix, nationalMinutes, "min",
            Target: FormattableString.Invariant($"≤ {TargetNationalMinutes} min"), Met: nationalMinutes <= TargetNationalMinutes));
    }

    /// <summary>
    /// Pads a roster to <paramref name="lines"/> with enterprises that moved out in the month (outside the area totals),
    /// for a month as heavy as the issue's ~40 lines a roster; the generated data has fewer. One padding line in
    /// <see cref="NewLeaverEvery"/> names an enterprise new to the register; the others name register enterprises
    /// without a current tenancy (<paramref name="leavers"/>, used in turn), as the register describes them.
    /// </summary>
    private static void PadRoster(ReturnSubmission submission, int lines, IReadOnlyList<ReturnLineInput> leavers, ref int next)
    {
        // A register enterprise already on the roster is passed over; every eighth try is a new one, so this ends.
        for (var k = submission.Lines.Count; submission.Lines.Count < lines; k++)
        {
            if (k % NewLeaverEvery == 0 || leavers.Count == 0)
            {
                var first17 = FormattableString.Invariant($"91310000{submission.BuildingId:D7}{k % 100:D2}");
                submission.Lines.Add(new ReturnLineInput
                {
                    CreditCode = first17 + UnifiedSocialCreditCode.CheckCharacter(first17),
                    EnterpriseName = FormattableString.Invariant($"基准迁出企业 {submission.BuildingId}-{k}"),
                    Area = 10,
                    State = TenantState.MovedOut,
                });
                continue;
            }
            var leaver = leavers[next++ % leavers.Count];
            if (submission.Lines.Any(l => l.CreditCode == leaver.CreditCode)) continue;
            submission.Lines.Add(new ReturnLineInput
            {
                CreditCode = leaver.CreditCode,
                EnterpriseName = leaver.EnterpriseName,
                RegisteredPlace = leaver.RegisteredPlace,
                IndustrySection = leaver.IndustrySection,
                Area = 10,
                State = TenantState.MovedOut,
            });
        }
    }

    private const int NewLeaverEvery = 8;

    /// <summary>Enterprises registered outside every district of the register and no building's tenant now.</summary>
    private static async Task<List<ReturnLineInput>> LeaversAsync(IServiceProvider services, int wanted)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuildingEconomyDbContext>();
        var districtCodes = db.Districts.Select(d => d.AdminCode);
        return await db.Enterprises
            .Where(e => !e.Archived && e.RegisteredDistrictCode != null && !districtCodes.Contains(e.RegisteredDistrictCode)
                && !db.Tenancies.Any(t => t.EnterpriseId == e.Id && t.MovedOutOn == null))
            .OrderBy(e => e.Id).Take(wanted)
            .Select(e => new ReturnLineInput { CreditCode = e.CreditCode, EnterpriseName = e.Name, RegisteredPlace = e.RegisteredPlace, IndustrySection = e.IndustrySection })
            .ToListAsync();
    }

    /// <summary>A month is not a copy of the last: one resident tenant's head count changes, so one tenancy is written.</summary>
    private static void ChangeOneTenant(ReturnSubmission submission)
    {
        if (submission.Lines.FirstOrDefault(l => l.State == TenantState.Resident) is { } tenant) tenant.Employees = (tenant.Employees ?? 0) + 1;
    }

    private static async Task<List<TResult>> InParallelAsync<TItem, TResult>(
        IServiceProvider services, IReadOnlyList<TItem> items, int degree, Func<IServiceProvider, TItem, Task<TResult>> work)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = degree }, async (i, _) =>
        {
            await using var scope = services.CreateAsyncScope();
            results[i] = await work(scope.ServiceProvider, items[i]);
        });
        return [.. results];
    }

    /// <summary>The run's queues and exchanges go again, so benchmarks leave the broker as they found it.</summary>
    private static async Task DeleteEntitiesAsync(string url, string prefix, IEndpointNameFormatter names)
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var queue in new[] { names.Consumer<ApplyMonthlyReturnConsumer>(), names.Consumer<RecordReturnFailureConsumer>(), names.Consumer<BenchmarkPingConsumer>() })
            {
                foreach (var name in new[] { queue, queue + "_error", queue + "_skipped" })
                {
                    await channel.QueueDeleteAsync(name);
                    await channel.ExchangeDeleteAsync(name);
                }
            }
            foreach (var type in new[] { typeof(MonthlyReturnSubmitted), typeof(MonthlyReturnApplied), typeof(BenchmarkPing) })
            {
                await channel.ExchangeDeleteAsync($"{prefix}{type.Namespace}:{type.Name}");
            }
        }
        catch (Exception)
        {
            // Tidying only.
        }
    }
}
