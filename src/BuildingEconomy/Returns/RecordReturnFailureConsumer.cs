using BuildingEconomy.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BuildingEconomy.Returns;

/// <summary>
/// Records on the return that applying it failed for good, so the failed-returns page reads the database instead of
/// the broker's error queue. The message itself stays in the error queue; the page's retry publishes a fresh one.
/// </summary>
public sealed partial class RecordReturnFailureConsumer(BuildingEconomyDbContext db, TimeProvider time, ILogger<RecordReturnFailureConsumer> logger)
    : IConsumer<Fault<MonthlyReturnSubmitted>>
{
    public async Task Consume(ConsumeContext<Fault<MonthlyReturnSubmitted>> context)
    {
        var returnId = context.Message.Message.ReturnId;
        var error = string.Join("; ", context.Message.Exceptions.Select(Describe));
        if (error.Length > 2000) error = error[..2000];
        var now = time.GetUtcNow();
        var recorded = await db.MonthlyReturns
            .Where(r => r.Id == returnId && r.Status == ReturnStatus.Submitted)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.FailedAt, now)
                .SetProperty(r => r.FailureCount, r => r.FailureCount + 1)
                .SetProperty(r => r.LastFailure, error), context.CancellationToken);
        LogFailed(returnId, recorded > 0, error);
    }

    /// <summary>The exception and its inner ones: a DbUpdateException alone says little, its cause says what to fix.</summary>
    private static string Describe(ExceptionInfo exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException) parts.Add($"{e.ExceptionType}: {e.Message}");
        return string.Join(" ← ", parts);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monthly return {ReturnId} could not be applied (recorded: {Recorded}): {Error}")]
    private partial void LogFailed(long returnId, bool recorded, string error);
}
