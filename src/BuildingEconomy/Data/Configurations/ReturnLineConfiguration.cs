using BuildingEconomy.Buildings;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class ReturnLineConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> line)
    {
        line.HasIndex(l => new { l.ReturnId, l.LineNumber }).IsUnique();
        line.Property(l => l.CreditCode).HasMaxLength(UnifiedSocialCreditCode.Length).IsFixedLength();
        line.Property(l => l.EnterpriseName).HasMaxLength(150);
        line.Property(l => l.Units).HasMaxLength(100);
        line.Property(l => l.RegisteredPlace).HasMaxLength(100);
        line.Property(l => l.IndustrySection).HasMaxLength(1).IsFixedLength();
    }
}
