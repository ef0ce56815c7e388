using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>The administration pages end to end, as an administrator would use them, and what they leave in the log.</summary>
public class AdministrationTests(AdministrationTests.Factory app) : IClassFixture<AdministrationTests.Factory>
{
    [Fact]
    public async Task An_administrator_creates_a_user_with_roles_who_can_then_sign_in()
    {
        var admin = await app.SignedInClientAsync("admin");

        using var created = await SignIn.PostFormAsync(admin, "/Admin/Users/Create", "/Admin/Users/Create",
            ("Input.UserName", "newleader"), ("Input.Password", "leader-pass-2026"), ("Input.DisplayName", "新领导"),
            ("Input.Roles", Roles.Leader), ("Input.Roles", Roles.ContactOfficial), ("Input.DistrictId", app.DistrictId.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "newleader");
        Assert.Equal(app.DistrictId, user.DistrictId);
        Assert.Equal([Roles.ContactOfficial, Roles.Leader], (await db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync()).Order());
        var entries = await db.AuditEntries.Where(e => e.EntityId.StartsWith(user.Id)).ToListAsync();
        Assert.Contains(entries, e => e.EntityType == "User" && e.Action == AuditAction.Created && e.UserName == "admin" && e.After!.Contains("\"PasswordHash\": \"***\""));
        Assert.Equal(2, entries.Count(e => e.EntityType == "UserRole" && e.Action == AuditAction.Created));
        Assert.DoesNotContain(entries, e => (e.After ?? "").Contains(user.PasswordHash!));

        var client = await app.SignedInClientAsync("newleader", "leader-pass-2026");
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_Chinese_and_no_user_is_stored()
    {
        var admin = await app.SignedInClientAsync("admin");

        using var refused = await SignIn.PostFormAsync(admin, "/Admin/Users/Create", "/Admin/Users/Create",
            ("Input.UserName", "weak"), ("Input.Password", "abcdefghij"), ("Input.DisplayName", "弱密码"), ("Input.Roles", Roles.Leader));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("密码须包含数字", await refused.Content.ReadAsStringAsync());
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "weak"));
    }

    [Fact]
    public async Task Locking_a_user_stops_their_sign_in_and_tokens_and_unlocking_restores_them()
    {
        var target = await app.CreateUserAsync("lockable", Roles.PropertyContact);
        var token = await SignIn.IssueTokenAsync(app.Database, target.Id);
        // Used once before the lock, so what the site keeps about the token must give way to the lock.
        using (var api = await app.BearerClient(token).GetAsync("/api/account/me"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }
        var admin = await app.SignedInClientAsync("admin");
        var page = $"/Admin/Users/Edit/{target.Id}";

        using var locked = await SignIn.PostFormAsync(admin, page, page + "?handler=Lock");
        Assert.Contains("已锁定", await locked.Content.ReadAsStringAsync());
        using (var refused = await SignIn.PostLoginAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "lockable", SignIn.Password))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }
        using (var api = await app.BearerClient(token).GetAsync("/api/account/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        using var unlocked = await SignIn.PostFormAsync(admin, page, page + "?handler=Unlock");
        Assert.Contains("已解除锁定", await unlocked.Content.ReadAsStringAsync());
        await app.SignedInClientAsync("lockable");
        using (var api = await app.BearerClient(token).GetAsync("/api/account/me"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }
        await using var db = app.Database.CreateContext();
        Assert.Contains(await db.AuditEntries.Where(e => e.EntityType == "User" && e.EntityId == target.Id).ToListAsync(),
            e => e.Action == AuditAction.Updated && e.After!.Contains("LockoutEnd") && e.UserName == "admin");
    }

    [Fact]
    public async Task Changing_roles_takes_effect_for_the_users_token_at_once()
    {
        var target = await app.CreateUserAsync("promoted", Roles.InvestmentOfficer);
        var token = await SignIn.IssueTokenAsync(app.Database, target.Id);
        Assert.Contains(Roles.InvestmentOfficer, await app.BearerClient(token).GetStringAsync("/api/account/me"));
        var admin = await app.SignedInClientAsync("admin");
        var page = $"/Admin/Users/Edit/{target.Id}";

        using var saved = await SignIn.PostFormAsync(admin, page, page + "?handler=Save",
            ("Input.DisplayName", "升职者"), ("Input.Roles", Roles.Leader), ("Input.DistrictId", ""));

        Assert.Contains("已保存", await saved.Content.ReadAsStringAsync());
        var me = await app.BearerClient(token).GetStringAsync("/api/account/me");
        Assert.Contains(Roles.Leader, me);
        Assert.DoesNotContain(Roles.InvestmentOfficer, me);
    }

    [Fact]
    public async Task Assignments_are_added_and_removed_and_logged()
    {
        var contact = await app.CreateUserAsync("assignee", Roles.PropertyContact);
        var admin = await app.SignedInClientAsync("admin");

        using var added = await SignIn.PostFormAsync(admin, "/Admin/Assignments", "/Admin/Assignments?handler=Add",
            ("NewUserId", contact.Id), ("NewBuilding", "B2"), ("NewKind", nameof(AssignmentKind.PropertyContact)));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            var assignment = await db.BuildingAssignments.SingleAsync(a => a.UserId == contact.Id);
            Assert.Equal(app.B2, assignment.BuildingId);
            var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == "BuildingAssignment" && e.EntityId == assignment.Id.ToString());
            Assert.Equal(AuditAction.Created, entry.Action);
            Assert.Equal("admin", entry.UserName);

            using var removed = await SignIn.PostFormAsync(admin, "/Admin/Assignments", $"/Admin/Assignments?handler=Remove&id={assignment.Id}");
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }
        await using var after = app.Database.CreateContext();
        Assert.False(await after.BuildingAssignments.AnyAsync(a => a.UserId == contact.Id));
        Assert.True(await after.AuditEntries.AnyAsync(e => e.EntityType == "BuildingAssignment" && e.Action == AuditAction.Deleted));
    }

    [Fact]
    public async Task An_assignment_needs_the_matching_role()
    {
        var officer = await app.CreateUserAsync("notacontact", Roles.InvestmentOfficer, Roles.ContactOfficial);
        var admin = await app.SignedInClientAsync("admin");

        using var refused = await SignIn.PostFormAsync(admin, "/Admin/Assignments", "/Admin/Assignments?handler=Add",
            ("NewUserId", officer.Id), ("NewBuilding", "B1"), ("NewKind", nameof(AssignmentKind.PropertyContact)));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("没有“物业联络员”角色", await refused.Content.ReadAsStringAsync());
        await using var db = app.Database.CreateContext();
        Assert.False(await db.BuildingAssignments.AnyAsync(a => a.UserId == officer.Id));
    }

    [Fact]
    public async Task A_token_is_shown_once_stored_as_its_hash_works_and_stops_when_revoked()
    {
        var owner = await app.CreateUserAsync("machine", Roles.PropertyContact);
        var admin = await app.SignedInClientAsync("admin");

        using var issued = await SignIn.PostFormAsync(admin, "/Admin/Tokens", "/Admin/Tokens?handler=Issue",
            ("Input.UserId", owner.Id), ("Input.Name", "物业系统"), ("Input.ExpiresInDays", ""));
        var page = await new HtmlParser().ParseDocumentAsync(await issued.Content.ReadAsStringAsync());
        var secret = page.QuerySelector("[data-test='issued-token']")?.TextContent.Trim();

        Assert.StartsWith(ApiTokenDefaults.Prefix, secret);
        Assert.Contains("no-store", issued.Headers.CacheControl?.ToString());
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.UserId == owner.Id);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret!))), stored.Hash);
            Assert.DoesNotContain(secret!, stored.Hash + stored.Prefix + stored.Name);
            var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == "ApiToken" && e.EntityId == stored.Id.ToString());
            Assert.Contains("\"Hash\": \"***\"", entry.After);
            Assert.DoesNotContain(stored.Hash, entry.After);
        }
        // The secret is in no later page.
        Assert.DoesNotContain(secret!, await admin.GetStringAsync("/Admin/Tokens"));

        var machine = app.BearerClient(secret!);
        using (var works = await machine.GetAsync("/api/account/me"))
        {
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        int id;
        await using (var db = app.Database.CreateContext()) id = await db.ApiTokens.Where(t => t.UserId == owner.Id).Select(t => t.Id).SingleAsync();
        using var revoked = await SignIn.PostFormAsync(admin, "/Admin/Tokens", $"/Admin/Tokens?handler=Revoke&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        using var refused = await machine.GetAsync("/api/account/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task The_audit_page_lists_entries_and_filters_them_by_type()
    {
        var admin = await app.SignedInClientAsync("admin");
        await app.CreateUserAsync("audited", Roles.Leader);

        var all = await Parse(await admin.GetStringAsync("/Admin/Audit"));
        var users = await Parse(await admin.GetStringAsync("/Admin/Audit?Type=User&UserName=system"));

        Assert.NotEmpty(all.QuerySelectorAll("[data-test='audit-entries'] tbody tr"));
        var rows = users.QuerySelectorAll("[data-test='audit-entries'] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("用户", row.QuerySelector("[data-test='type']")?.TextContent));
    }

    private static async Task<IHtmlDocument> Parse(string html) => await new HtmlParser().ParseDocumentAsync(html);

    public sealed class Factory : WebAppFactory
    {
        public int DistrictId { get; private set; }
        public int B2 { get; private set; }

        protected override async Task SeedAsync(BuildingEconomyDbContext db)
        {
            (DistrictId, _) = await SampleDistricts.SeedAsync(db);
            B2 = await db.Buildings.Where(b => b.ExternalKey == "B2").Select(b => b.Id).SingleAsync();
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await this.CreateUserAsync("admin", Roles.Administrator);
        }
    }
}
