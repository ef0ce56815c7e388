using BuildingEconomy.Buildings;
using BuildingEconomy.Returns;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// Filing to figures on the in-memory bus (the zero-setup default): stored with its outbox row, dispatched, applied,
/// announced; corrections, rejections and idempotency. The RabbitMQ classes repeat the parts that depend on a broker.
/// </summary>
public class ReturnPipelineTests(ReturnsWorld world) : IClassFixture<ReturnsWorld>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ReturnsHost host = null!;

    public async Task InitializeAsync() => host = await ReturnsHost.StartAsync(world, ReturnsHost.InMemory());

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_filed_return_becomes_the_buildings_figures_and_updates_its_tenants()
    {
        var buildingId = world.ReportingBuildings[0];
        var submission = await world.DraftAsync(buildingId);
        // Two changes, as a property contact would make them: a resident tenant leaves, a signed one moves in.
        var leaving = submission.Lines.First(l => l.State == TenantState.Resident && !l.Purchased);
        leaving.State = TenantState.MovedOut;
        submission.LeasedArea -= leaving.Area;
        submission.ResidentArea -= leaving.Area;
        var arriving = submission.Lines.FirstOrDefault(l => l.State == TenantState.Signed);
        if (arriving is not null)
        {
            arriving.State = TenantState.Resident;
            arriving.MovedInOn = new DateOnly(2026, 11, 20);
            submission.ResidentArea += arriving.Area;
        }

        var result = await host.FileAsync(submission);
        Assert.Equal(FilingOutcome.Accepted, result.Outcome);
        var returnId = result.Return!.Id;
        await Eventually.TrueAsync(() => IsAppliedAsync(returnId), Patience, $"return {returnId} applied");

        await using var db = world.CreateContext();
        var figures = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == buildingId && f.Period == ReturnsWorld.FilingPeriod);
        Assert.Equal(returnId, figures.ReturnId);
        Assert.Equal(submission.ResidentArea, figures.ResidentArea);
        Assert.Equal(submission.Lines.Count(l => l.State == TenantState.Resident), figures.ResidentEnterprises);
        var building = await db.Buildings.SingleAsync(b => b.Id == buildingId);
        Assert.Equal(building.SubdistrictId, figures.SubdistrictId);
        Assert.Equal(building.Grade, figures.Grade);

        var left = await db.Tenancies.Where(t => t.BuildingId == buildingId && t.Enterprise!.CreditCode == leaving.CreditCode)
            .OrderByDescending(t => t.SignedOn).FirstAsync();
        Assert.Equal(new DateOnly(2026, 11, 30), left.MovedOutOn);
        if (arriving is not null)
        {
            var moved = await db.Tenancies.SingleAsync(t => t.BuildingId == buildingId && t.Enterprise!.CreditCode == arriving.CreditCode && t.MovedOutOn == null);
            Assert.Equal(new DateOnly(2026, 11, 20), moved.MovedInOn);
        }
        Assert.Equal(1, await world.ScalarAsync(
            $"SELECT count(*) FROM outbox_messages WHERE message_type = 'BuildingEconomy.Returns.MonthlyReturnApplied' AND (payload->>'returnId')::bigint = {returnId}"));
    }

    [Fact]
    public async Task A_redelivered_message_changes_nothing()
    {
        var buildingId = world.ReportingBuildings[1];
        var result = await host.FileAsync(await world.DraftAsync(buildingId));
        var returnId = result.Return!.Id;
        await Eventually.TrueAsync(() => IsAppliedAsync(returnId), Patience, $"return {returnId} applied");
        var before = await SnapshotAsync(buildingId, returnId);

        // The same message three more times, as a broker redelivers after a lost acknowledgement.
        var bus = host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 3; i++) await bus.Publish(new MonthlyReturnSubmitted(returnId, buildingId, ReturnsWorld.FilingPeriod, 1));
        await Task.Delay(1_000);

        Assert.Equal(before, await SnapshotAsync(buildingId, returnId));
    }

    [Fact]
    public async Task A_correction_is_a_new_version_with_a_reason_and_supersedes_the_applied_one()
    {
        var buildingId = world.ReportingBuildings[2];
        var first = await host.FileAsync(await world.DraftAsync(buildingId));
        await Eventually.TrueAsync(() => IsAppliedAsync(first.Return!.Id), Patience, "first version applied");

        var correction = await world.DraftAsync(buildingId);
        var withoutReason = await host.FileAsync(correction);
        Assert.Equal(FilingOutcome.Rejected, withoutReason.Outcome);
        Assert.Equal("CorrectionReasonRequired", Assert.Single(withoutReason.Problems).Code);

        correction.CorrectionReason = "入驻面积填报有误";
        var resident = correction.Lines.First(l => l.State == TenantState.Resident);
        resident.Area -= 10;
        correction.ResidentArea -= 10;
        if (resident.Purchased) correction.SoldArea -= 10; else correction.LeasedArea -= 10;
        var second = await host.FileAsync(correction);
        Assert.Equal(FilingOutcome.Accepted, second.Outcome);
        Assert.Equal(2, second.Return!.Version);
        Assert.Equal(first.Return!.Id, second.Return.SupersedesId);
        await Eventually.TrueAsync(() => IsAppliedAsync(second.Return.Id), Patience, "correction applied");

        await using var db = world.CreateContext();
        var history = await db.MonthlyReturns.Where(r => r.BuildingId == buildingId && r.Period == ReturnsWorld.FilingPeriod)
            .OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([ReturnStatus.Superseded, ReturnStatus.Applied], history.Select(r => r.Status));
        Assert.Equal("入驻面积填报有误", history[1].CorrectionReason);
        var figures = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == buildingId && f.Period == ReturnsWorld.FilingPeriod);
        Assert.Equal(second.Return.Id, figures.ReturnId);
        Assert.Equal(correction.ResidentArea, figures.ResidentArea);
    }

    [Fact]
    public async Task A_rejected_return_stores_nothing_and_gives_every_reason()
    {
        var buildingId = world.ReportingBuildings[3];
        var submission = await world.DraftAsync(buildingId);
        submission.SoldArea = submission.ForSaleArea + 100;
        submission.Lines[0].CreditCode = submission.Lines[0].CreditCode![..17] + (submission.Lines[0].CreditCode![17] == '0' ? '1' : '0');
        // Other tests in this class file returns at the same time: count only this building's messages.
        var outboxOfBuilding = $"SELECT count(*) FROM outbox_messages WHERE payload->>'buildingId' = '{buildingId}'";
        var outboxBefore = await world.ScalarAsync(outboxOfBuilding);

        var result = await host.FileAsync(submission);
        Assert.Equal(FilingOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Problems, p => p.Code == "SoldExceedsForSale");
        Assert.Contains(result.Problems, p => p.Code == "CreditCodeWrongCheckCharacter" && p.Row == 1);

        await using var db = world.CreateContext();
        Assert.False(await db.MonthlyReturns.AnyAsync(r => r.BuildingId == buildingId && r.Period == ReturnsWorld.FilingPeriod));
        Assert.False(await db.BuildingMonthFigures.AnyAsync(f => f.BuildingId == buildingId && f.Period == ReturnsWorld.FilingPeriod));
        Assert.Equal(outboxBefore, await world.ScalarAsync(outboxOfBuilding));
        Assert.False(await db.ReturnRejections.AnyAsync(r => r.BuildingId == buildingId), "a person at the form sees the reasons; nothing is kept");

        var viaApi = await host.FileAsync(submission, ReturnChannel.Api);
        Assert.Equal(FilingOutcome.Rejected, viaApi.Outcome);
        var kept = await db.ReturnRejections.SingleAsync(r => r.BuildingId == buildingId);
        Assert.Equal(viaApi.Problems.Select(p => p.Code), kept.Problems.Select(p => p.Code));
    }

    [Fact]
    public async Task The_same_idempotency_key_stores_one_return_even_when_sent_at_once()
    {
        var buildingId = world.ReportingBuildings[4];
        var submission = await world.DraftAsync(buildingId);
        var key = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => world.FileAsync(submission, ReturnChannel.Api, key)));
        Assert.All(results, r => Assert.Equal(FilingOutcome.Accepted, r.Outcome));
        Assert.Single(results.Select(r => r.Return!.Id).Distinct());
        Assert.Equal(4, results.Count(r => r.Replayed));

        submission.ResidentArea -= 0.5m;
        var changed = await world.FileAsync(submission, ReturnChannel.Api, key);
        Assert.Equal("IdempotencyKeyReused", Assert.Single(changed.Problems).Code);

        await using var db = world.CreateContext();
        Assert.Equal(1, await db.MonthlyReturns.CountAsync(r => r.BuildingId == buildingId && r.Period == ReturnsWorld.FilingPeriod));
        Assert.Equal(1, await world.ScalarAsync(
            $"SELECT count(*) FROM outbox_messages WHERE message_type = 'BuildingEconomy.Returns.MonthlyReturnSubmitted' AND (payload->>'buildingId')::int = {buildingId}"));
    }

    private async Task<bool> IsAppliedAsync(long returnId)
    {
        await using var db = world.CreateContext();
        return await db.MonthlyReturns.AnyAsync(r => r.Id == returnId && r.Status == ReturnStatus.Applied);
    }

    /// <summary>Everything applying a return writes, so a second application would show.</summary>
    private async Task<string> SnapshotAsync(int buildingId, long returnId)
    {
        await using var db = world.CreateContext();
        var monthly = await db.MonthlyReturns.AsNoTracking().SingleAsync(r => r.Id == returnId);
        var figures = await db.BuildingMonthFigures.AsNoTracking().SingleAsync(f => f.BuildingId == buildingId && f.Period == monthly.Period);
        var tenancies = await db.Tenancies.AsNoTracking().Where(t => t.BuildingId == buildingId).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.MovedInOn, t.MovedOutOn, t.Area, t.UpdatedAt }).ToListAsync();
        var applied = await world.ScalarAsync(
            $"SELECT count(*) FROM outbox_messages WHERE message_type = 'BuildingEconomy.Returns.MonthlyReturnApplied' AND (payload->>'returnId')::bigint = {returnId}");
        return System.Text.Json.JsonSerializer.Serialize(new { monthly.Status, monthly.AppliedAt, figures, tenancies, applied });
    }
}
