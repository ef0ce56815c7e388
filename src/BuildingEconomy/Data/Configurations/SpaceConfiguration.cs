using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class SpaceConfiguration : IEntityTypeConfiguration<Space>
{
    public void Configure(EntityTypeBuilder<Space> space)
    {
        space.Property(s => s.ExternalKey).HasMaxLength(64);
        space.HasIndex(s => new { s.BuildingId, s.ExternalKey }).IsUnique();
        space.Property(s => s.Unit).HasMaxLength(20);
        space.Property(s => s.AskingRent).HasPrecision(8, 2);
        space.Ignore(s => s.AskingRentPerMonth);
    }
}
