using BuildingEconomy.Dashboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class BuildingMonthFiguresConfiguration : IEntityTypeConfiguration<BuildingMonthFigures>
{
    public void Configure(EntityTypeBuilder<BuildingMonthFigures> figures)
    {
        figures.HasKey(f => new { f.BuildingId, f.Period });
        figures.HasIndex(f => new { f.Period, f.SubdistrictId });
        figures.Property(f => f.TaxAmount).HasPrecision(18, 2);
        figures.HasOne<Buildings.Building>().WithMany().HasForeignKey(f => f.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}
