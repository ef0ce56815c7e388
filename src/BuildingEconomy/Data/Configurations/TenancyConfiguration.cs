using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class TenancyConfiguration : IEntityTypeConfiguration<Tenancy>
{
    public void Configure(EntityTypeBuilder<Tenancy> tenancy)
    {
        tenancy.Property(t => t.Units).HasMaxLength(100);
        tenancy.Ignore(t => t.Resident);
        tenancy.HasOne(t => t.Building).WithMany().OnDelete(DeleteBehavior.Restrict);
        tenancy.HasOne(t => t.Enterprise).WithMany().OnDelete(DeleteBehavior.Restrict);
        tenancy.HasOne(t => t.Space).WithMany().OnDelete(DeleteBehavior.SetNull);
        tenancy.HasIndex(t => t.BuildingId);
        tenancy.HasIndex(t => t.EnterpriseId);
    }
}
