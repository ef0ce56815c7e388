using BuildingEconomy.Accounts;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace BuildingEconomy.IntegrationTests.Accounts;

public class DemoAccountsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_demo_loader_path_creates_one_account_per_role_with_its_scope_once()
    {
        await using (var db = database.CreateContext())
        {
            await DemoLoader.LoadAsync(database.DataSource, db, new DemoGenerator(DemoSize.Tiny, new DateOnly(2026, 11, 15)).Generate());
            await DemoAccounts.CreateAsync(db);
        }
        await using (var again = database.CreateContext())
        {
            await DemoAccounts.CreateAsync(again);
        }

        await using var check = database.CreateContext();
        var users = await check.Users.ToDictionaryAsync(u => u.UserName!);
        // Another test here adds a user of its own. The second call adding a demo account again would have thrown
        // (user names are unique).
        Assert.Subset(users.Keys.ToHashSet(), DemoAccounts.All.Select(a => a.UserName).ToHashSet());
        Assert.Equal(Roles.All.Order(), DemoAccounts.All.Select(a => a.Role).Order());
        var hasher = new PasswordHasher<AppUser>();
        foreach (var account in DemoAccounts.All)
        {
            var user = users[account.UserName];
            Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, user.PasswordHash!, account.Password));
            Assert.Equal([account.Role], await check.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync());
        }
        Assert.Equal(await check.Districts.MinAsync(d => d.Id), users["leader"].DistrictId);
        var contactBuildings = await check.BuildingAssignments.Where(a => a.UserId == users["contact"].Id && a.Kind == AssignmentKind.PropertyContact).Select(a => a.BuildingId).ToListAsync();
        var officialBuildings = await check.BuildingAssignments.Where(a => a.UserId == users["liaison"].Id && a.Kind == AssignmentKind.ContactOfficial).Select(a => a.BuildingId).ToListAsync();
        Assert.Equal(DemoAccounts.PropertyContactBuildings, contactBuildings.Count);
        Assert.Equal(DemoAccounts.ContactOfficialBuildings, officialBuildings.Count);
        Assert.Empty(contactBuildings.Intersect(officialBuildings));
        Assert.True(await check.Buildings.Where(b => contactBuildings.Contains(b.Id)).AllAsync(b => b.RequiredToReport));
    }

    [Fact]
    public void The_README_lists_every_demo_account_with_its_password()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BuildingEconomy.sln"))) directory = directory.Parent;
        var readme = File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
        var section = readme[readme.IndexOf("## Demo accounts", StringComparison.Ordinal)..];

        Assert.All(DemoAccounts.All, account => Assert.Contains($"| `{account.UserName}` | `{account.Password}` |", section));
    }

    [Fact]
    public async Task The_first_administrator_of_a_real_deployment_comes_from_the_command_line()
    {
        await using var db = database.CreateContext();
        var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["user"] = "chief",
            ["password"] = "chief-pass-2026",
            ["name"] = "总管",
        }).Build();

        Assert.Equal(0, await AddUserCommand.RunAsync(db, options, TextWriter.Null, TextWriter.Null));
        Assert.Equal(1, await AddUserCommand.RunAsync(db, options, TextWriter.Null, TextWriter.Null));

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "chief");
        Assert.Equal("总管", user.DisplayName);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, "chief-pass-2026"));
        Assert.Equal([Roles.Administrator], await db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync());
        Assert.False(await DemoAccounts.AreMissingFromDemoAsync(db));
    }
}
