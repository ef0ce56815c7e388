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

        // Enterprise lists are ordered by name; at two million rows a page must not sort them all.
        enterprise.HasIndex(e => new { e.Name, e.Id });
        // Name terms of 3+ characters (ILIKE '%长青建筑%'); 2-character terms use the pieces index of the
        // EnterpriseNameSearch migration, which EF cannot describe (an expression index).
        enterprise.HasIndex(e => e.Name, "NameTrigram").HasDatabaseName("ix_enterprises_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        // Credit-code prefixes (LIKE '9144990100%'): the database collation is not C, so the unique index cannot serve LIKE.
        enterprise.HasIndex(e => e.CreditCode, "CreditCodePrefix").HasDatabaseName("ix_enterprises_credit_code_prefix").HasOperators("bpchar_pattern_ops");
    }
}
