using System.Net;
using System.Net.Http.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>A property contact asking for a building that is not theirs, by cookie and by API token, gets 404.</summary>
public class ObjectLevelAccessTests(ObjectLevelAccessTests.Factory app) : IClassFixture<ObjectLevelAccessTests.Factory>
{
    [Fact]
    public async Task Through_an_API_token_a_property_contact_reaches_only_their_building()
    {
        var client = app.BearerClient(app.ContactToken);

        using var own = await client.GetAsync($"/api/account/buildings/{app.Own}");
        using var other = await client.GetAsync($"/api/account/buildings/{app.Other}");
        var list = await client.GetFromJsonAsync<List<ScopedBuildingResponse>>("/api/account/buildings");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True((await own.Content.ReadFromJsonAsync<ScopedBuildingResponse>())!.CanFileReturns);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal([app.Own], list!.Select(b => b.Id));
    }

    [Fact]
    public async Task Through_the_sign_in_cookie_the_same_limits_hold()
    {
        var client = await app.SignedInClientAsync("contact");

        using var own = await client.GetAsync($"/api/account/buildings/{app.Own}");
        using var other = await client.GetAsync($"/api/account/buildings/{app.Other}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_token_carries_the_users_roles()
    {
        var me = await app.BearerClient(app.ContactToken).GetFromJsonAsync<CallerResponse>("/api/account/me");

        Assert.Equal("contact", me!.UserName);
        Assert.Equal([Roles.PropertyContact], me.Roles);
        Assert.False(me.CanSeeTax);
    }

    [Fact]
    public async Task A_property_contact_cannot_open_administration_pages_or_assign_themselves_a_building()
    {
        var client = await app.SignedInClientAsync("contact");
        await using var before = app.Database.CreateContext();
        var assignments = await before.BuildingAssignments.CountAsync();

        using var page = await client.GetAsync("/Admin/Assignments");
        // Even with a valid antiforgery token from a page they may see, the post is refused and nothing is stored.
        var (_, token) = await SignIn.GetFormAsync(client, "/Account/Manage");
        using var post = await client.PostAsync("/Admin/Assignments?handler=Add", new FormUrlEncodedContent(
        [
            new("NewUserId", app.ContactId), new("NewBuilding", app.Other.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("NewKind", nameof(AssignmentKind.PropertyContact)), new("__RequestVerificationToken", token),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains(AccountsSetup.AccessDeniedPath, page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains(AccountsSetup.AccessDeniedPath, post.Headers.Location?.OriginalString);
        await using var after = app.Database.CreateContext();
        Assert.Equal(assignments, await after.BuildingAssignments.CountAsync());
    }

    public sealed class Factory : WebAppFactory
    {
        public int Own { get; private set; }
        public int Other { get; private set; }
        public string ContactId { get; private set; } = "";
        public string ContactToken { get; private set; } = "";

        protected override async Task SeedAsync(BuildingEconomyDbContext db)
        {
            await SampleDistricts.SeedAsync(db);
            Own = await db.Buildings.Where(b => b.ExternalKey == "B1").Select(b => b.Id).SingleAsync();
            Other = await db.Buildings.Where(b => b.ExternalKey == "B2").Select(b => b.Id).SingleAsync();
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var contact = await this.CreateUserAsync("contact", Roles.PropertyContact);
            ContactId = contact.Id;
            await using var db = Database.CreateContext();
            db.BuildingAssignments.Add(new BuildingAssignment { UserId = contact.Id, BuildingId = Own, Kind = AssignmentKind.PropertyContact });
            await db.SaveChangesAsync();
            ContactToken = await SignIn.IssueTokenAsync(Database, contact.Id);
        }
    }
}
