using BuildingEconomy.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class BuildingAssignmentConfiguration : IEntityTypeConfiguration<BuildingAssignment>
{
    public void Configure(EntityTypeBuilder<BuildingAssignment> assignment)
    {
        // Also the index the scope filter uses: user first, then the buildings.
        assignment.HasIndex(a => new { a.UserId, a.BuildingId, a.Kind }).IsUnique();
        assignment.HasIndex(a => a.BuildingId);
        assignment.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne(a => a.Building).WithMany().HasForeignKey(a => a.BuildingId).OnDelete(DeleteBehavior.Cascade);
    }
}
