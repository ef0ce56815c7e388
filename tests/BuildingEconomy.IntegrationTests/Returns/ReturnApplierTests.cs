using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>Applying without a bus, for the orderings a bus can produce and the rules about which month moves the register.</summary>
public class ReturnApplierTests(ReturnsWorld world) : IClassFixture<ReturnsWorld>
{
    [Fact]
    public async Task A_version_arriving_after_a_later_one_was_applied_is_kept_as_history_only()
    {
        var buildingId = world.ReportingBuildings[30];
        var first = await world.FileAsync(await world.DraftAsync(buildingId));
        var correction = await world.DraftAsync(buildingId);
        correction.CorrectionReason = "员工人数更正";
        correction.Lines[0].Employees = (correction.Lines[0].Employees ?? 0) + 5;
        var second = await world.FileAsync(correction);
        Assert.Equal(2, second.Return!.Version);

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(second.Return.Id, buildingId));
        Assert.Equal(ApplyOutcome.Superseded, await ApplyAsync(first.Return!.Id, buildingId));
        Assert.Equal(ApplyOutcome.NothingToDo, await ApplyAsync(second.Return.Id, buildingId));

        await using var db = world.CreateContext();
        var figures = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == buildingId && f.Period == ReturnsWorld.FilingPeriod);
        Assert.Equal(second.Return.Id, figures.ReturnId);
        Assert.Equal(ReturnStatus.Superseded, (await db.MonthlyReturns.SingleAsync(r => r.Id == first.Return.Id)).Status);
        Assert.Equal(1, await world.ScalarAsync(
            $"SELECT count(*) FROM outbox_messages WHERE message_type = 'BuildingEconomy.Returns.MonthlyReturnApplied' AND (payload->>'buildingId')::int = {buildingId}"));
    }

    [Fact]
    public async Task Correcting_an_older_month_fixes_its_figures_without_winding_the_register_back()
    {
        var buildingId = world.ReportingBuildings[31];
        await using var db = world.CreateContext();
        var latest = await db.BuildingMonthFigures.Where(f => f.BuildingId == buildingId).MaxAsync(f => f.Period);
        var older = latest.AddMonths(-1);
        var draft = (await new ReturnDrafts(db).DraftAsync(buildingId, older))!;
        Assert.True(draft.IsCorrection);
        var submission = draft.Submission;
        var leaving = submission.Lines.First(l => l.State == TenantState.Resident);
        leaving.State = TenantState.MovedOut;
        if (leaving.Purchased) submission.SoldArea -= leaving.Area; else submission.LeasedArea -= leaving.Area;
        submission.ResidentArea -= leaving.Area;
        submission.CorrectionReason = "漏报迁出";
        var filed = await world.FileAsync(submission);
        Assert.Equal(FilingOutcome.Accepted, filed.Outcome);

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(filed.Return!.Id, buildingId));

        db.ChangeTracker.Clear();
        var figures = await db.BuildingMonthFigures.SingleAsync(f => f.BuildingId == buildingId && f.Period == older);
        Assert.Equal(filed.Return.Id, figures.ReturnId);
        Assert.Equal(submission.ResidentArea, figures.ResidentArea);
        Assert.True(await db.Tenancies.AnyAsync(t => t.BuildingId == buildingId && t.Enterprise!.CreditCode == leaving.CreditCode && t.MovedOutOn == null),
            "the register follows the latest month, which still lists the enterprise");
    }

    [Fact]
    public async Task An_enterprise_new_to_the_register_is_stored_and_audited_as_if_entered_by_hand_and_becomes_a_tenant()
    {
        var buildingId = world.ReportingBuildings[32];
        var submission = await world.DraftAsync(buildingId);
        var code = CreditCodeFor(buildingId, 77);
        submission.Lines.Add(new ReturnLineInput
        {
            CreditCode = code, EnterpriseName = "新入驻测试科技有限公司", Area = 50, State = TenantState.Signed, RegisteredLocally = true,
            IndustrySection = "I",
        });
        submission.ForRentArea += 50;
        submission.LeasedArea += 50;
        var filed = await world.FileAsync(submission);
        Assert.Equal(FilingOutcome.Accepted, filed.Outcome);

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(filed.Return!.Id, buildingId));

        await using var db = world.CreateContext();
        var district = await db.Buildings.Where(b => b.Id == buildingId).Select(b => b.District!.AdminCode).SingleAsync();
        var enterprise = await db.Enterprises.SingleAsync(e => e.CreditCode == code);
        Assert.Equal(("新入驻测试科技有限公司", "I", district), (enterprise.Name, enterprise.IndustrySection, enterprise.RegisteredDistrictCode));
        var tenancy = await db.Tenancies.SingleAsync(t => t.EnterpriseId == enterprise.Id);
        Assert.Equal((buildingId, 50m, (DateOnly?)null), (tenancy.BuildingId, tenancy.Area, tenancy.MovedOutOn));

        // The same enterprise entered through the change tracker, for the audit entry the log would otherwise hold.
        var byHand = new Enterprise { CreditCode = CreditCodeFor(buildingId, 78), Name = enterprise.Name, IndustrySection = "I", RegisteredDistrictCode = district };
        db.Enterprises.Add(byHand);
        await db.SaveChangesAsync();
        var entries = await db.AuditEntries
            .Where(a => a.EntityType == "Enterprise" && (a.EntityId == enterprise.Id.ToString() || a.EntityId == byHand.Id.ToString()))
            .ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditAction.Created, "system"), (e.Action, e.UserName)));
        var applied = System.Text.Json.Nodes.JsonNode.Parse(entries.Single(e => e.EntityId == enterprise.Id.ToString()).After!)!.AsObject();
        var entered = System.Text.Json.Nodes.JsonNode.Parse(entries.Single(e => e.EntityId == byHand.Id.ToString()).After!)!.AsObject();
        Assert.Equal(entered.Select(p => p.Key).Order(), applied.Select(p => p.Key).Order());
        Assert.Equal(code, (string?)applied["CreditCode"]);
        Assert.Equal(district, (string?)applied["RegisteredDistrictCode"]);

        var marked = await db.AuditEntries.SingleAsync(a => a.EntityType == "MonthlyReturn" && a.EntityId == filed.Return.Id.ToString() && a.Action == AuditAction.Updated);
        AssertJson("""{"AppliedAt":null,"Status":"Submitted"}""", marked.Before);
        AssertJson($$"""{"AppliedAt":"{{ReturnsWorld.Clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss}}+00:00","Status":"Applied"}""", marked.After);
    }

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual!)),
            $"expected {expected}, got {actual}");

    private static string CreditCodeFor(int buildingId, int number)
    {
        var first17 = FormattableString.Invariant($"91110000{buildingId:D7}{number:D2}");
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private async Task<ApplyOutcome> ApplyAsync(long returnId, int buildingId)
    {
        await using var db = world.CreateContext();
        return await new MonthlyReturnApplier(db, ReturnsWorld.Clock).ApplyAsync(returnId, buildingId);
    }
}
