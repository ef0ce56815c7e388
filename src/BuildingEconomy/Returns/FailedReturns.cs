using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Returns;

/// <summary>A return that could not be applied after its retries: its message sits in the error queue.</summary>
public sealed record FailedReturn(
    long ReturnId, int BuildingId, string BuildingName, DateOnly Period, int Version, string? SubmittedBy,
    DateTimeOffset SubmittedAt, DateTimeOffset FailedAt, int FailureCount, string? LastFailure);

/// <summary>What the failed-returns page lists, read from the database (see <see cref="RecordReturnFailureConsumer"/>).</summary>
public sealed class FailedReturns(BuildingEconomyDbContext db)
{
    public Task<List<FailedReturn>> ListAsync(CancellationToken cancellationToken = default) =>
        db.MonthlyReturns.AsNoTracking()
            .Where(r => r.FailedAt != null && r.Status == ReturnStatus.Submitted)
            .OrderByDescending(r => r.FailedAt)
            .Select(r => new FailedReturn(r.Id, r.BuildingId, r.Building!.Name, r.Period, r.Version, r.SubmittedBy,
                r.SubmittedAt, r.FailedAt!.Value, r.FailureCount, r.LastFailure))
            .Take(500)
            .ToListAsync(cancellationToken);
}
