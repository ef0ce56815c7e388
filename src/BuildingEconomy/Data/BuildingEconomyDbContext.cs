using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Messaging;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Data;

// Identity's users and roles live in the same database, so assignments and the audit log can refer to them.
public sealed class BuildingEconomyDbContext(DbContextOptions<BuildingEconomyDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<Subdistrict> Subdistricts => Set<Subdistrict>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<Space> Spaces => Set<Space>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Tenancy> Tenancies => Set<Tenancy>();
    public DbSet<MonthlyReturn> MonthlyReturns => Set<MonthlyReturn>();
    public DbSet<ReturnLine> ReturnLines => Set<ReturnLine>();
    public DbSet<ReturnRejection> ReturnRejections => Set<ReturnRejection>();
    public DbSet<BuildingMonthFigures> BuildingMonthFigures => Set<BuildingMonthFigures>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<BuildingAssignment> BuildingAssignments => Set<BuildingAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Search.Lists.Shortlist> Shortlists => Set<Search.Lists.Shortlist>();
    public DbSet<Search.Lists.ShortlistItem> ShortlistItems => Set<Search.Lists.ShortlistItem>();
    public DbSet<Search.Lists.SavedSearch> SavedSearches => Set<Search.Lists.SavedSearch>();
    public DbSet<Search.Lists.SavedSearchMatch> SavedSearchMatches => Set<Search.Lists.SavedSearchMatch>();
    public DbSet<Search.Lists.Notification> Notifications => Set<Search.Lists.Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BuildingEconomyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that the database reads plainly and reordering an enum cannot corrupt data.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
    }
}
