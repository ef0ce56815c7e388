using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// Over real RabbitMQ and PostgreSQL: returns accepted while the broker is unreachable wait in the outbox, and are
/// all applied, each exactly once, when it is back. The shared broker is never stopped: the bus reaches it through a
/// <see cref="TcpForwarder"/> that stays closed for the "outage".
/// </summary>
public class BrokerOutageTests(ReturnsWorld world) : IClassFixture<ReturnsWorld>
{
    private const string Submitted = "BuildingEconomy.Returns.MonthlyReturnSubmitted";
    private const string Applied = "BuildingEconomy.Returns.MonthlyReturnApplied";

    [Fact]
    public async Task A_hundred_returns_filed_during_a_broker_outage_are_all_applied_exactly_once_after_it()
    {
        Assert.True(world.ReportingBuildings.Count >= 100, $"only {world.ReportingBuildings.Count} reporting buildings");
        var prefix = Broker.NewPrefix("outage");
        await using var forwarder = new TcpForwarder(Broker.FreePort(), Broker.Port);
        var host = await ReturnsHost.StartAsync(world, ReturnsHost.RabbitMq(prefix, forwarder.Port));
        try
        {
            var returnIds = new List<long>();
            foreach (var buildingId in world.ReportingBuildings.Take(100))
            {
                var result = await host.FileAsync(await world.DraftAsync(buildingId));
                Assert.True(result.Outcome == FilingOutcome.Accepted, string.Join("; ", result.Problems.Select(p => p.Code)));
                returnIds.Add(result.Return!.Id);
            }

            // The broker is down: every return is stored and waits in the outbox until the bus is back.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(100, await world.ScalarAsync($"SELECT count(*) FROM outbox_messages WHERE message_type = '{Submitted}' AND dispatched_at IS NULL"));
            Assert.Equal(0, await AppliedAsync(returnIds));

            forwarder.Open();
            await Eventually.TrueAsync(async () => await AppliedAsync(returnIds) == 100, TimeSpan.FromSeconds(120), "all 100 returns applied");
            // Give a duplicate delivery the time to do harm, were it able to.
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM outbox_messages WHERE message_type = '{Submitted}' AND dispatched_at IS NULL"));
            var ids = string.Join(",", returnIds);
            Assert.Equal(100, await world.ScalarAsync($"SELECT count(*) FROM outbox_messages WHERE message_type = '{Applied}' AND (payload->>'returnId')::bigint IN ({ids})"));
            Assert.Equal(100, await world.ScalarAsync($"SELECT count(DISTINCT (payload->>'returnId')) FROM outbox_messages WHERE message_type = '{Applied}' AND (payload->>'returnId')::bigint IN ({ids})"));
            await using var db = world.CreateContext();
            var figures = await db.BuildingMonthFigures.Where(f => f.Period == ReturnsWorld.FilingPeriod).Select(f => f.ReturnId).ToListAsync();
            Assert.Equal(returnIds.Order(), figures.Order());
            Assert.Equal(0u, await Broker.MessageCountAsync(host.QueueOf<ApplyMonthlyReturnConsumer>() + "_error"));
            // Applying twice would have opened a second tenancy for an enterprise already in the building.
            Assert.Equal(0, await world.ScalarAsync("""
                SELECT count(*) FROM (SELECT building_id, enterprise_id FROM tenancies WHERE moved_out_on IS NULL
                GROUP BY building_id, enterprise_id HAVING count(*) > 1) d
                """));
        }
        finally
        {
            var applyQueue = host.QueueOf<ApplyMonthlyReturnConsumer>();
            var failureQueue = host.QueueOf<RecordReturnFailureConsumer>();
            await host.DisposeAsync();
            await Broker.DeleteReturnsEntitiesAsync(prefix, applyQueue, failureQueue);
        }
    }

    private async Task<long> AppliedAsync(List<long> returnIds) =>
        await world.ScalarAsync($"SELECT count(*) FROM monthly_returns WHERE status = 'Applied' AND id IN ({string.Join(",", returnIds)})");
}
