using BuildingEconomy.Accounts;
using BuildingEconomy.Search.Lists;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class ShortlistConfiguration : IEntityTypeConfiguration<Shortlist>
{
    public void Configure(EntityTypeBuilder<Shortlist> shortlist)
    {
        shortlist.Property(s => s.Name).HasMaxLength(100);
        shortlist.HasIndex(s => new { s.OwnerId, s.Name }).IsUnique();
        // A deleted user's lists go with them: nobody else can see them.
        shortlist.HasOne<AppUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
        shortlist.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.ShortlistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShortlistItemConfiguration : IEntityTypeConfiguration<ShortlistItem>
{
    public void Configure(EntityTypeBuilder<ShortlistItem> item)
    {
        item.HasKey(i => new { i.ShortlistId, i.SpaceId });
        item.HasOne(i => i.Space).WithMany().HasForeignKey(i => i.SpaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> search)
    {
        search.Property(s => s.Name).HasMaxLength(100);
        search.Property(s => s.Query).HasMaxLength(8_000);
        search.HasIndex(s => s.OwnerId);
        search.HasOne<AppUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
        search.HasMany(s => s.Matches).WithOne().HasForeignKey(m => m.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedSearchMatchConfiguration : IEntityTypeConfiguration<SavedSearchMatch>
{
    public void Configure(EntityTypeBuilder<SavedSearchMatch> match)
    {
        match.HasKey(m => new { m.SavedSearchId, m.SpaceId });
        match.HasOne<Buildings.Space>().WithMany().HasForeignKey(m => m.SpaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Kind).HasMaxLength(50);
        notification.Property(n => n.Text).HasMaxLength(500);
        notification.Property(n => n.Link).HasMaxLength(2_000);
        // The bell asks for a user's unread ones, newest first.
        notification.HasIndex(n => new { n.UserId, n.Read, n.CreatedAt });
        notification.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
