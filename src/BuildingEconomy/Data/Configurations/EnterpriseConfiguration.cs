using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> enterprise)
    {
        enterprise.Property(e => e.CreditCode).HasMaxLength(UnifiedSocialCreditCode.Length).IsFixedLength();
        enterprise.HasIndex(e => e.CreditCode).IsUnique();
        enterprise.Property(e => e.Name).HasMaxLength(150);
        enterprise.Property(e => e.IndustrySection).HasMaxLength(1).IsFixedLength();
        enterprise.Property(e => e.RegisteredDistrictCode).HasMaxLength(6).IsFixedLength();
        enterprise.Property(e => e.RegisteredPlace).HasMaxLength(100);
    }
}
