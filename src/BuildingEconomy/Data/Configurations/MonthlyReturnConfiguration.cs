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
        monthlyReturn.Property(r => r.SubmittedBy).HasMaxLength(100);
        monthlyReturn.HasOne(r => r.Building).WithMany().OnDelete(DeleteBehavior.Restrict);
        monthlyReturn.HasOne<MonthlyReturn>().WithMany().HasForeignKey(r => r.SupersedesId).OnDelete(DeleteBehavior.Restrict);
        monthlyReturn.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId).OnDelete(DeleteBehavior.Cascade);
    }
}
