using System.Text.Json;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BuildingEconomy.Data.Configurations;

internal sealed class ReturnRejectionConfiguration : IEntityTypeConfiguration<ReturnRejection>
{
    public void Configure(EntityTypeBuilder<ReturnRejection> rejection)
    {
        rejection.HasOne<Buildings.Building>().WithMany().HasForeignKey(r => r.BuildingId).OnDelete(DeleteBehavior.Cascade);
        rejection.HasIndex(r => new { r.BuildingId, r.Period });
        rejection.Property(r => r.SubmittedBy).HasMaxLength(100);
        // The problems are only ever shown as a whole, so one JSON document rather than a child table.
        rejection.Property(r => r.Problems)
            .HasColumnType("jsonb")
            .HasConversion(
                problems => JsonSerializer.Serialize(problems, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<ReturnProblem>>(json, JsonSerializerOptions.Web) ?? new List<ReturnProblem>(),
                new ValueComparer<List<ReturnProblem>>(
                    (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
                    problems => JsonSerializer.Serialize(problems, JsonSerializerOptions.Web).GetHashCode(),
                    problems => problems.ToList()));
        rejection.Property(r => r.IdempotencyKey).HasMaxLength(100);
        rejection.HasIndex(r => r.IdempotencyKey).IsUnique();
        rejection.Property(r => r.RequestFingerprint).HasMaxLength(64);
    }
}
