using System.Security.Claims;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>Which buildings each role sees and files for, straight from <see cref="AccessScope"/> over the sample district.</summary>
public class AccessScopeTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private int district, emptyDistrict, b1, b2, b3, outside;

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        if (!await db.Districts.AnyAsync()) await SampleDistricts.SeedAsync(db);
        district = await db.Districts.Where(d => d.Name == SampleDistricts.Name).Select(d => d.Id).SingleAsync();
        emptyDistrict = await db.Districts.Where(d => d.Name == SampleDistricts.EmptyName).Select(d => d.Id).SingleAsync();
        var ids = await db.Buildings.ToDictionaryAsync(b => b.ExternalKey, b => b.Id);
        (b1, b2, b3, outside) = (ids["B1"], ids["B2"], ids["B3"], ids["B5"]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_property_contact_sees_and_files_only_for_assigned_buildings()
    {
        var user = await UserAsync(Roles.PropertyContact, assigned: [(b1, AssignmentKind.PropertyContact)]);
        await using var db = database.CreateContext();
        var scope = new AccessScope(Principal(user, Roles.PropertyContact), db);

        Assert.Equal([b1], await Visible(scope, db));
        Assert.True(await scope.CanFileReturnsForAsync(b1));
        Assert.False(await scope.CanFileReturnsForAsync(b2));
        Assert.False(await scope.CanSeeBuildingAsync(b2));
        Assert.False(scope.CanSeeTax);
    }

    [Fact]
    public async Task A_contact_official_sees_assigned_buildings_but_files_for_none()
    {
        var user = await UserAsync(Roles.ContactOfficial, assigned: [(b2, AssignmentKind.ContactOfficial), (b3, AssignmentKind.ContactOfficial)]);
        await using var db = database.CreateContext();
        var scope = new AccessScope(Principal(user, Roles.ContactOfficial), db);

        Assert.Equal([b2, b3], await Visible(scope, db));
        Assert.False(await scope.CanFileReturnsForAsync(b2));
        Assert.True(scope.CanSeeTax);
    }

    [Fact]
    public async Task An_assignment_counts_only_while_the_user_holds_its_role()
    {
        // Assigned as property contact, but the property contact role has since been taken away.
        var user = await UserAsync(Roles.ContactOfficial, assigned: [(b1, AssignmentKind.PropertyContact)]);
        await using var db = database.CreateContext();
        var scope = new AccessScope(Principal(user, Roles.ContactOfficial), db);

        Assert.Empty(await Visible(scope, db));
        Assert.False(await scope.CanFileReturnsForAsync(b1));
    }

    [Fact]
    public async Task A_leader_sees_their_district_or_all_districts_when_none_is_set()
    {
        var ofDistrict = await UserAsync(Roles.Leader, districtId: district);
        var ofEmpty = await UserAsync(Roles.Leader, districtId: emptyDistrict);
        var ofAll = await UserAsync(Roles.Leader);
        await using var db = database.CreateContext();
        var inDistrict = await db.Buildings.Where(b => b.DistrictId == district).Select(b => b.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal(inDistrict, await Visible(new AccessScope(Principal(ofDistrict, Roles.Leader), db), db));
        Assert.DoesNotContain(outside, inDistrict);
        Assert.Empty(await Visible(new AccessScope(Principal(ofEmpty, Roles.Leader), db), db));
        Assert.Equal(await db.Buildings.CountAsync(), (await Visible(new AccessScope(Principal(ofAll, Roles.Leader), db), db)).Count);
        Assert.False(await new AccessScope(Principal(ofDistrict, Roles.Leader), db).CanFileReturnsForAsync(b1));
    }

    [Fact]
    public async Task Investment_officers_see_every_building_but_no_tax_and_file_nothing()
    {
        var user = await UserAsync(Roles.InvestmentOfficer);
        await using var db = database.CreateContext();
        var scope = new AccessScope(Principal(user, Roles.InvestmentOfficer), db);

        Assert.Equal(await db.Buildings.CountAsync(), (await Visible(scope, db)).Count);
        Assert.False(scope.CanSeeTax);
        Assert.False(await scope.CanFileReturnsForAsync(b1));
    }

    [Fact]
    public async Task Administrators_see_and_file_for_everything_and_see_tax()
    {
        var user = await UserAsync(Roles.Administrator);
        await using var db = database.CreateContext();
        var scope = new AccessScope(Principal(user, Roles.Administrator), db);

        Assert.Equal(await db.Buildings.CountAsync(), (await Visible(scope, db)).Count);
        Assert.True(await scope.CanFileReturnsForAsync(outside));
        Assert.True(scope.CanSeeTax);
    }

    [Fact]
    public async Task Nobody_signed_in_sees_nothing()
    {
        await using var db = database.CreateContext();
        var scope = new AccessScope(new ClaimsPrincipal(new ClaimsIdentity()), db);

        Assert.Null(scope.UserId);
        Assert.Empty(await Visible(scope, db));
        Assert.False(await scope.CanFileReturnsForAsync(b1));
        Assert.False(scope.CanSeeTax);
    }

    private static async Task<List<int>> Visible(IAccessScope scope, BuildingEconomyDbContext db) =>
        await scope.VisibleBuildings(db.Buildings).Select(b => b.Id).OrderBy(id => id).ToListAsync();

    private async Task<AppUser> UserAsync(string role, int? districtId = null, (int Building, AssignmentKind Kind)[]? assigned = null)
    {
        await using var db = database.CreateContext();
        var user = new AppUser { UserName = $"u{Guid.NewGuid():N}", DisplayName = "测试", DistrictId = districtId };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        db.BuildingAssignments.AddRange((assigned ?? []).Select(a => new BuildingAssignment { UserId = user.Id, BuildingId = a.Building, Kind = a.Kind }));
        await db.SaveChangesAsync();
        return user;
    }

    private static ClaimsPrincipal Principal(AppUser user, params string[] roles) =>
        new(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName!), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
