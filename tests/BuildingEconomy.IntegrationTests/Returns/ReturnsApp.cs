using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Web;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>The web app over a small generated district whose history ends last month, and a property contact with a token.</summary>
public sealed class ReturnsApp : WebAppFactory
{
    private string? token;
    private AppUser? contact;

    public DateOnly Period { get; } = ReturnsCalendar.MonthOf(ReturnsCalendar.Today(TimeProvider.System));
    public IReadOnlyList<int> BuildingIds { get; private set; } = [];
    public int UnassignedBuildingId { get; private set; }

    protected override async Task SeedAsync(BuildingEconomyDbContext db)
    {
        await DemoLoader.LoadAsync(Database.DataSource, db, new DemoGenerator(DemoSize.Tiny, ReturnsCalendar.Today(TimeProvider.System)).Generate());
        var reporting = await db.MonthlyReturns.Where(r => r.Period == Period.AddMonths(-1) && r.Status == ReturnStatus.Applied && r.Lines.Any())
            .Select(r => r.BuildingId).Distinct().OrderBy(id => id).ToListAsync();
        BuildingIds = reporting.Take(4).ToList();
        UnassignedBuildingId = reporting[4];
    }

    /// <summary>The property contact assigned to <see cref="BuildingIds"/>, created on first use.</summary>
    public async Task<AppUser> ContactAsync()
    {
        if (contact is null)
        {
            contact = await this.CreateUserAsync("contact-" + Guid.NewGuid().ToString("N")[..8], Roles.PropertyContact);
            await using var db = Database.CreateContext();
            db.BuildingAssignments.AddRange(BuildingIds.Select(id => new BuildingAssignment
            {
                UserId = contact.Id, BuildingId = id, Kind = AssignmentKind.PropertyContact, CreatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync();
        }
        return contact;
    }

    /// <summary>The contact's property-management system: an API token.</summary>
    public async Task<HttpClient> ContactClientAsync()
    {
        token ??= await SignIn.IssueTokenAsync(Database, (await ContactAsync()).Id);
        return this.BearerClient(token);
    }

    /// <summary>The contact in a browser: signed in through the login form, with cookies.</summary>
    public async Task<HttpClient> ContactBrowserAsync() => await this.SignedInClientAsync((await ContactAsync()).UserName!);

    public async Task<ReturnSubmission> DraftAsync(int buildingId)
    {
        await using var db = Database.CreateContext();
        return (await new ReturnDrafts(db).DraftAsync(buildingId, Period))!.Submission;
    }
}
