using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>Writes through EF Core land in the audit log without the writing code doing anything.</summary>
public class AuditLogTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        if (!await db.Districts.AnyAsync()) await SampleDistricts.SeedAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_each_kind_of_register_and_return_row_is_logged_with_its_database_key()
    {
        await using var db = database.CreateContext();
        var created = await db.AuditEntries.Where(e => e.Action == AuditAction.Created).ToListAsync();

        foreach (var (type, ids) in new Dictionary<string, List<string>>
        {
            ["District"] = await db.Districts.Select(x => x.Id.ToString()).ToListAsync(),
            ["Subdistrict"] = await db.Subdistricts.Select(x => x.Id.ToString()).ToListAsync(),
            ["Building"] = await db.Buildings.Select(x => x.Id.ToString()).ToListAsync(),
            ["Space"] = await db.Spaces.Select(x => x.Id.ToString()).ToListAsync(),
            ["Enterprise"] = await db.Enterprises.Select(x => x.Id.ToString()).ToListAsync(),
            ["Tenancy"] = await db.Tenancies.Select(x => x.Id.ToString()).ToListAsync(),
            ["MonthlyReturn"] = await db.MonthlyReturns.Select(x => x.Id.ToString()).ToListAsync(),
        })
        {
            // Other tests here delete rows; every row still there must have its entry.
            Assert.NotEmpty(ids);
            Assert.Subset(created.Where(e => e.EntityType == type).Select(e => e.EntityId).ToHashSet(), ids.ToHashSet());
        }
        var building = created.First(e => e.EntityType == "Building");
        Assert.Equal("system", building.UserName);
        Assert.Null(building.UserId);
        Assert.Null(building.Before);
        using var after = JsonDocument.Parse(building.After!);
        Assert.StartsWith("楼宇B", after.RootElement.GetProperty("Name").GetString());
        Assert.StartsWith("POINT (", after.RootElement.GetProperty("Location").GetString());
        Assert.Equal("A", after.RootElement.GetProperty("Grade").GetString());
    }

    [Fact]
    public async Task An_update_logs_only_what_changed_before_and_after_including_owned_contacts()
    {
        int id;
        await using (var db = database.CreateContext())
        {
            var building = await db.Buildings.SingleAsync(b => b.ExternalKey == "B2");
            id = building.Id;
            building.Name = "新名称大厦";
            building.OneToOneContact = new Contact { Name = "赵六", Phone = "13800000000" };
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var entry = await check.AuditEntries.Where(e => e.EntityType == "Building" && e.EntityId == id.ToString() && e.Action == AuditAction.Updated)
            .OrderByDescending(e => e.Id).FirstAsync();
        using var before = JsonDocument.Parse(entry.Before!);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.True(after.RootElement.TryGetProperty("OneToOneContact.Name", out _), entry.After);
        Assert.Equal("楼宇B2", before.RootElement.GetProperty("Name").GetString());
        Assert.Equal("新名称大厦", after.RootElement.GetProperty("Name").GetString());
        Assert.Equal("赵六", after.RootElement.GetProperty("OneToOneContact.Name").GetString());
        Assert.Equal("13800000000", after.RootElement.GetProperty("OneToOneContact.Phone").GetString());
        Assert.False(after.RootElement.TryGetProperty("Address", out _));
    }

    [Fact]
    public async Task A_delete_logs_what_was_there()
    {
        long spaceId;
        await using (var db = database.CreateContext())
        {
            var space = await db.Spaces.SingleAsync(s => s.ExternalKey == "501");
            spaceId = space.Id;
            db.Spaces.Remove(space);
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var entry = await check.AuditEntries.SingleAsync(e => e.EntityType == "Space" && e.EntityId == spaceId.ToString() && e.Action == AuditAction.Deleted);
        Assert.Null(entry.After);
        using var before = JsonDocument.Parse(entry.Before!);
        Assert.Equal(70m, before.RootElement.GetProperty("Area").GetDecimal());
    }

    [Fact]
    public async Task A_save_that_fails_logs_nothing_and_a_retry_logs_once()
    {
        await using var db = database.CreateContext();
        var entriesBefore = await db.AuditEntries.CountAsync();
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync();
        var duplicate = new Enterprise { CreditCode = enterprise.CreditCode, Name = "重复企业", UpdatedAt = DateTimeOffset.UtcNow };
        db.Enterprises.Add(duplicate);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(entriesBefore, await db.AuditEntries.CountAsync());

        duplicate.CreditCode = "91330108000000099" + UnifiedSocialCreditCode.CheckCharacter("91330108000000099");
        await db.SaveChangesAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityType == "Enterprise" && e.EntityId == duplicate.Id.ToString()));
    }

    [Fact]
    public async Task The_log_cannot_be_changed_or_emptied()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        foreach (var sql in new[] { "UPDATE audit_entries SET user_name = 'x'", "DELETE FROM audit_entries", "TRUNCATE audit_entries" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText);
        }
    }
}
