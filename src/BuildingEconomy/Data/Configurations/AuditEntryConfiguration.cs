using BuildingEconomy.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        // No foreign key to users: an entry outlives the user it names.
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.UserName).HasMaxLength(300);
        // Byte order ("C"): they are codes and ids, never sorted for people, and their index takes a bulk import's
        // million entries at a third of the cost of locale-aware comparison.
        entry.Property(e => e.EntityType).HasMaxLength(64).UseCollation("C");
        entry.Property(e => e.EntityId).HasMaxLength(200).UseCollation("C");
        entry.Property(e => e.Before).HasColumnType("jsonb");
        entry.Property(e => e.After).HasColumnType("jsonb");
        // The log page lists newest first by id and filters by entity and by time. Entries are only appended, so time
        // follows the table's physical order and a BRIN index serves time ranges at almost no cost per insert, which
        // matters when a bulk import writes a million entries. The page filters users by name, not by id.
        entry.HasIndex(e => e.At).HasMethod("brin");
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
    }
}
