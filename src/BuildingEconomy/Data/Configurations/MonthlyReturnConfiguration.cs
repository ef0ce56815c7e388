using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class MonthlyReturnConfiguration : IEntityTypeConfiguration<MonthlyReturn>
{
    public void Configure(EntityTypeBuilder<MonthlyReturn> monthlyReturn)
    {
        monthlyReturn.HasIndex(r => new { r.BuildingId, r.Period, r.Version }).IsUnique();
        monthlyReturn.Property(r => r.CorrectionReason).HasMaxLength(500);
        monthlyReturn.Property(r => r.IdempotencyKey).HasMaxLength(100);
        monthlyReturn.HasIndex(r => r.IdempotencyKey).IsUnique();
        monthlyReturn.Property(r => r.RequestFingerprint).HasMaxLength(64);
        monthlyReturn.Property(r => r.LastFailure).HasMaxLength(2000);
        // At most one applied version per building and month: the database itself refuses a double application.
        monthlyReturn.HasIndex(r => new { r.BuildingId, r.Period }).IsUnique()
            .HasFilter("status = 'Applied'").HasDatabaseName("ix_monthly_returns_one_applied_per_month");
        monthlyReturn.HasIndex(r => r.FailedAt).HasFilter("failed_at IS NOT NULL").HasDatabaseName("ix_monthly_returns_failed");
        monthlyReturn.Property(r => r.SubmittedBy).HasMaxLength(100);
        monthlyReturn.HasOne(r => r.Building).WithMany().OnDelete(DeleteBehavior.Restrict);
        monthlyReturn.HasOne<MonthlyReturn>().WithMany().HasForeignKey(r => r.SupersedesId).OnDelete(DeleteBehavior.Restrict);
        monthlyReturn.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId).OnDelete(DeleteBehavior.Cascade);
    }
}
