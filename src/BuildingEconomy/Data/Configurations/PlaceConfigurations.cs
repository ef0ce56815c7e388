using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> district)
    {
        district.Property(d => d.AdminCode).HasMaxLength(6).IsFixedLength();
        district.HasIndex(d => d.AdminCode).IsUnique();
        district.Property(d => d.Name).HasMaxLength(50);
        district.Property(d => d.NameEn).HasMaxLength(100);
        district.Property(d => d.Boundary).HasColumnType("geometry (multipolygon, 4326)");
        district.HasIndex(d => d.Boundary).HasMethod("gist");
    }
}

internal sealed class SubdistrictConfiguration : IEntityTypeConfiguration<Subdistrict>
{
    public void Configure(EntityTypeBuilder<Subdistrict> subdistrict)
    {
        subdistrict.Property(s => s.Code).HasMaxLength(12);
        subdistrict.HasIndex(s => s.Code).IsUnique();
        subdistrict.Property(s => s.Name).HasMaxLength(50);
        subdistrict.Property(s => s.NameEn).HasMaxLength(100);
        subdistrict.Property(s => s.Boundary).HasColumnType("geometry (multipolygon, 4326)");
        subdistrict.HasIndex(s => s.Boundary).HasMethod("gist");
        subdistrict.HasOne(s => s.District).WithMany(d => d.Subdistricts).OnDelete(DeleteBehavior.Restrict);
    }
}
