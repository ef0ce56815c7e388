using System.Data.Common;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// A consumer process dies while applying a return: before its transaction commits, or after it committed but before
/// the broker heard the acknowledgement. Either way the broker redelivers to another consumer, and the return is
/// applied exactly once. The "death" cuts the first consumer's broker connection (a <see cref="TcpForwarder"/> closes)
/// and then fails its database work, as a killed process's connections would.
/// </summary>
public class RedeliveryTests(ReturnsWorld world) : IClassFixture<ReturnsWorld>
{
    [Fact]
    public Task A_consumer_killed_before_committing_leaves_the_return_to_the_next_one() => KillMidwayAsync(world.ReportingBuildings[10], afterCommit: false);

    [Fact]
    public Task A_consumer_killed_after_committing_but_before_acknowledging_causes_no_second_application() =>
        KillMidwayAsync(world.ReportingBuildings[11], afterCommit: true);

    private async Task KillMidwayAsync(int buildingId, bool afterCommit)
    {
        var prefix = Broker.NewPrefix(afterCommit ? "ack" : "commit");
        var stall = new StallingCommit(afterCommit);
        await using var forwarder = new TcpForwarder(Broker.FreePort(), Broker.Port);
        forwarder.Open();
        var doomed = await ReturnsHost.StartAsync(world, ReturnsHost.RabbitMq(prefix, forwarder.Port), dispatcher: false,
            configure: services => services.ConfigureDbContext<BuildingEconomyDbContext>(options => options.AddInterceptors(stall)));
        ReturnsHost? filer = null, survivor = null;
        try
        {
            await doomed.WaitUntilReadyAsync();
            filer = await ReturnsHost.StartAsync(world, ReturnsHost.RabbitMq(prefix, Broker.Port), consumers: false);
            var filed = await filer.FileAsync(await world.DraftAsync(buildingId));
            var returnId = filed.Return!.Id;

            await stall.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await forwarder.CloseAsync();

            var consumed = new SubmittedCounter();
            survivor = await ReturnsHost.StartAsync(world, ReturnsHost.RabbitMq(prefix, Broker.Port), dispatcher: false);
            survivor.Services.GetRequiredService<IBusControl>().ConnectConsumeObserver(consumed);
            if (!afterCommit)
            {
                // The survivor now holds the redelivered message and waits on the building's lock, which the dying
                // consumer's open transaction still holds; the transaction rolls back as the process dies.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            else
            {
                await Eventually.TrueAsync(() => Task.FromResult(consumed.Count > 0), TimeSpan.FromSeconds(30), "the redelivered message to be consumed");
            }
            stall.Release.SetResult();

            await Eventually.TrueAsync(async () => await world.ScalarAsync($"SELECT count(*) FROM monthly_returns WHERE id = {returnId} AND status = 'Applied'") == 1,
                TimeSpan.FromSeconds(30), "the return applied");
            await Eventually.TrueAsync(() => Task.FromResult(consumed.Count > 0), TimeSpan.FromSeconds(30), "the survivor to have had the message");
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.Equal(1, await world.ScalarAsync(
                $"SELECT count(*) FROM outbox_messages WHERE message_type = 'BuildingEconomy.Returns.MonthlyReturnApplied' AND (payload->>'returnId')::bigint = {returnId}"));
            await using var db = world.CreateContext();
            var figures = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == buildingId && f.Period == ReturnsWorld.FilingPeriod);
            Assert.Equal(returnId, figures.ReturnId);
            Assert.Equal(0, await world.ScalarAsync($"""
                SELECT count(*) FROM (SELECT enterprise_id FROM tenancies WHERE building_id = {buildingId} AND moved_out_on IS NULL
                GROUP BY enterprise_id HAVING count(*) > 1) d
                """));
            Assert.Equal(0u, await Broker.MessageCountAsync(doomed.QueueOf<ApplyMonthlyReturnConsumer>() + "_error"));
        }
        finally
        {
            stall.Release.TrySetResult();
            var applyQueue = doomed.QueueOf<ApplyMonthlyReturnConsumer>();
            var failureQueue = doomed.QueueOf<RecordReturnFailureConsumer>();
            await doomed.DisposeAsync();
            if (filer is not null) await filer.DisposeAsync();
            if (survivor is not null) await survivor.DisposeAsync();
            await Broker.DeleteReturnsEntitiesAsync(prefix, applyQueue, failureQueue);
        }
    }

    /// <summary>Stops the first commit (before or after it happens) until released, then fails like a dead process.</summary>
    private sealed class StallingCommit(bool afterCommit) : DbTransactionInterceptor
    {
        private int armed = 1;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (!afterCommit) await StallAsync();
            return result;
        }

        public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (afterCommit) await StallAsync();
        }

        private async Task StallAsync()
        {
            if (Interlocked.Exchange(ref armed, 0) == 0) return;
            Reached.SetResult();
            await Release.Task;
            throw new IOException("The consumer process was killed.");
        }
    }

    private sealed class SubmittedCounter : IConsumeObserver
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is MonthlyReturnSubmitted) Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
