using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> building)
    {
        building.Property(b => b.ExternalKey).HasMaxLength(64);
        building.HasIndex(b => b.ExternalKey).IsUnique();
        building.Property(b => b.Name).HasMaxLength(100);
        // Duplicate detection and name search compare names by trigram similarity (pg_trgm).
        building.HasIndex(b => b.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_buildings_name_trgm");
        building.Property(b => b.Address).HasMaxLength(200);
        building.Property(b => b.PropertyCompany).HasMaxLength(100);

        building.Property(b => b.Location).HasColumnType("geography (point, 4326)");
        building.HasIndex(b => b.Location).HasMethod("gist");
        building.Property(b => b.Footprint).HasColumnType("geometry (multipolygon, 4326)");

        // A trigger fills these from the subdistrict boundary that contains the location (see migration AssignSubdistrictOnSave).
        building.Property(b => b.SubdistrictId).ValueGeneratedOnAddOrUpdate();
        building.Property(b => b.DistrictId).ValueGeneratedOnAddOrUpdate();
        building.HasOne(b => b.Subdistrict).WithMany().OnDelete(DeleteBehavior.Restrict);
        building.HasOne(b => b.District).WithMany().OnDelete(DeleteBehavior.Restrict);
        building.HasIndex(b => b.SubdistrictId);
        building.HasIndex(b => b.DistrictId);

        building.Ignore(b => b.LeasableArea);
        building.Ignore(b => b.ParkingRatio);

        building.HasOne(b => b.Theme).WithMany().OnDelete(DeleteBehavior.Restrict);
        building.HasMany(b => b.Facilities).WithMany().UsingEntity("building_facilities");

        building.OwnsOne(b => b.OneToOneContact, contact => contact.ToJson());
        building.OwnsMany(b => b.PropertyContacts, contact => contact.ToJson());

        building.HasMany(b => b.Spaces).WithOne(s => s.Building).OnDelete(DeleteBehavior.Restrict);
    }
}
