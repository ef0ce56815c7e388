using BuildingEconomy.Buildings;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Messaging;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Data;

public sealed class BuildingEconomyDbContext(DbContextOptions<BuildingEconomyDbContext> options) : DbContext(options)
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
    public DbSet<BuildingMonthFigures> BuildingMonthFigures => Set<BuildingMonthFigures>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
