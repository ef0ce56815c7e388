using System.Data.Common;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// A return that cannot be applied however often it is retried (here: the figures table refuses its write) ends in
/// the consumer's _error queue, is recorded on the return for the failed-returns page, and is applied once the cause
/// is gone and an administrator retries it.
/// </summary>
public class PoisonReturnTests(ReturnsWorld world) : IClassFixture<ReturnsWorld>
{
    [Fact]
    public async Task A_poison_return_lands_in_the_error_queue_shows_as_failed_and_applies_after_a_retry()
    {
        var buildingId = world.ReportingBuildings[20];
        var prefix = Broker.NewPrefix("poison");
        var poison = new RefuseFiguresWrite();
        var host = await ReturnsHost.StartAsync(world, ReturnsHost.RabbitMq(prefix, Broker.Port),
            configure: services => services.ConfigureDbContext<BuildingEconomyDbContext>(options => options.AddInterceptors(poison)));
        var errorQueue = host.QueueOf<ApplyMonthlyReturnConsumer>() + "_error";
        try
        {
            await host.WaitUntilReadyAsync();
            var returnId = (await host.FileAsync(await world.DraftAsync(buildingId))).Return!.Id;

            await Eventually.TrueAsync(async () => await Broker.MessageCountAsync(errorQueue) == 1, TimeSpan.FromSeconds(30), "the message in the error queue");
            await Eventually.TrueAsync(async () => await world.ScalarAsync($"SELECT count(*) FROM monthly_returns WHERE id = {returnId} AND failed_at IS NOT NULL") == 1,
                TimeSpan.FromSeconds(30), "the failure recorded on the return");
            Assert.True(poison.Refusals >= 3, $"tried {poison.Refusals} times: the first attempt and two retries");

            List<FailedReturn> failed;
            await using (var db = world.CreateContext()) failed = await new FailedReturns(db).ListAsync();
            var listed = Assert.Single(failed, f => f.ReturnId == returnId);
            Assert.Equal(buildingId, listed.BuildingId);
            Assert.Equal(1, listed.FailureCount);
            Assert.Contains(RefuseFiguresWrite.Reason, listed.LastFailure);
            Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM building_month_figures WHERE building_id = {buildingId} AND period = '2026-11-01'"));

            poison.Enabled = false;
            Assert.True(await host.RetryAsync(returnId));
            await Eventually.TrueAsync(async () => await world.ScalarAsync($"SELECT count(*) FROM monthly_returns WHERE id = {returnId} AND status = 'Applied' AND failed_at IS NULL") == 1,
                TimeSpan.FromSeconds(30), "the retried return applied");
            await using (var db = world.CreateContext()) Assert.DoesNotContain(await new FailedReturns(db).ListAsync(), f => f.ReturnId == returnId);
            Assert.False(await host.RetryAsync(returnId), "an applied return is not retried");
        }
        finally
        {
            var failureQueue = host.QueueOf<RecordReturnFailureConsumer>();
            var applyQueue = host.QueueOf<ApplyMonthlyReturnConsumer>();
            await host.DisposeAsync();
            await Broker.DeleteReturnsEntitiesAsync(prefix, applyQueue, failureQueue);
        }
    }

    /// <summary>Fails every write to the figures table while enabled, like a bug or a broken constraint would.</summary>
    private sealed class RefuseFiguresWrite : DbCommandInterceptor
    {
        public const string Reason = "figures table refused the write";
        private int refusals;

        public volatile bool Enabled = true;

        public int Refusals => Volatile.Read(ref refusals);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {
            if (!Enabled || !command.CommandText.Contains("INSERT INTO building_month_figures", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref refusals);
            throw new InvalidOperationException(Reason);
        }
    }
}
