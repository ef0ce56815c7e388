using BuildingEconomy.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.MessageType).HasMaxLength(200);
        message.Property(m => m.Payload).HasColumnType("jsonb");
        message.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher only ever looks for what is still outstanding.
        message.HasIndex(m => m.Id).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_outbox_messages_outstanding");
    }
}
