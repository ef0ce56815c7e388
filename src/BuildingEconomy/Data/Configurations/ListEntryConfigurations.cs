using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> theme)
    {
        ListEntryColumns.Configure(theme);
        theme.HasData(StandardLists.Themes);
    }
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> facility)
    {
        ListEntryColumns.Configure(facility);
        facility.HasData(StandardLists.Facilities);
    }
}

internal static class ListEntryColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> entry) where T : ListEntry
    {
        entry.Property(e => e.Code).HasMaxLength(40);
        entry.HasIndex(e => e.Code).IsUnique();
        entry.Property(e => e.Name).HasMaxLength(50);
        entry.Property(e => e.NameEn).HasMaxLength(100);
    }
}
