using BuildingEconomy.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(50);
        user.HasOne(u => u.District).WithMany().OnDelete(DeleteBehavior.SetNull);
    }
}
