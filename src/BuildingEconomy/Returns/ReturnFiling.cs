using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BuildingEconomy.Returns;

/// <summary>Who files and how: the same filing path serves the web form, the Excel upload and the API.</summary>
public sealed record FilingRequest(ReturnChannel Channel, string? SubmittedBy, string? IdempotencyKey = null);

public enum FilingOutcome { Accepted, Rejected }

/// <param name="Replayed">The Idempotency-Key was seen before: this is the stored answer, nothing new was stored.</param>
public sealed record FilingResult(FilingOutcome Outcome, MonthlyReturn? Return, IReadOnlyList<ReturnProblem> Problems, bool Replayed = false)
{
    public static FilingResult Rejected(IReadOnlyList<ReturnProblem> problems, bool replayed = false) => new(FilingOutcome.Rejected, null, problems, replayed);
}

/// <summary>
/// Accepts monthly returns. A valid return is stored with its roster and an outbox row announcing it in one
/// transaction, so once the caller hears "accepted" the return will be applied, whatever happens to the broker or this
/// process; an invalid one stores nothing but, for the API, the reasons (see <see cref="ReturnRejection"/>).
/// </summary>
/// <param name="http">Who files, for the audit log; absent where the CLI or a worker files.</param>
public sealed class ReturnFiling(BuildingEconomyDbContext db, OutboxSignal signal, TimeProvider time, IHttpContextAccessor? http = null)
{
    public async Task<FilingResult> FileAsync(ReturnSubmission submission, FilingRequest request, CancellationToken cancellationToken = default)
    {
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        var fingerprint = key is null ? null : Fingerprint(submission);
        if (key is not null)
        {
            if (key.Length > 100) return FilingResult.Rejected([ReturnProblem.Of("IdempotencyKeyTooLong", "Idempotency-Key", 100)]);
            if (await ReplayAsync(key, fingerprint!, cancellationToken) is { } replay) return replay;
        }

        var building = await db.Buildings.AsNoTracking()
            .Where(b => b.Id == submission.BuildingId && !b.Archived)
            .Select(b => new BuildingFacts(b.Id, b.ConstructionStatus, b.CompletionYear))
            .SingleOrDefaultAsync(cancellationToken);
        var (valid, problems) = ReturnValidator.Validate(submission, building, ReturnsCalendar.Today(time));
        if (valid is null) return await RejectAsync(submission, request, key, fingerprint, building is null ? null : submission.BuildingId, problems, cancellationToken);

        try
        {
            var result = await StoreAsync(valid, request, key, fingerprint, cancellationToken);
            if (result.Replayed) return result;
            if (result.Outcome == FilingOutcome.Rejected)
                return await RejectAsync(submission, request, key, fingerprint, valid.BuildingId, result.Problems, cancellationToken);
            signal.Notify();
            return result;
        }
        catch (PostgresException exception) when (key is not null && exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The same key arrived twice at once and the other request stored first: answer what it stored.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(key, fingerprint!, cancellationToken) is { } stored) return stored;
            throw;
        }
    }

    private async Task<FilingResult> StoreAsync(ValidatedReturn valid, FilingRequest request, string? key, string? fingerprint, CancellationToken cancellationToken)
    {
        var submittedBy = request.SubmittedBy is { Length: > 100 } by ? by[..100] : request.SubmittedBy;
        var written = await FiledReturnWriter.WriteAsync(
            db, valid, request.Channel, submittedBy, key, fingerprint, time.GetUtcNow(), AuditInterceptor.ActorOf(http?.HttpContext?.User), cancellationToken);
        if (written.Return is { } monthly) return new FilingResult(FilingOutcome.Accepted, monthly, []);
        // The same request arrived twice at once and the other one stored first: what stands is its return.
        if (key is not null && await ReplayAsync(key, fingerprint!, cancellationToken) is { } replay) return replay;
        return FilingResult.Rejected([ReturnProblem.Of("CorrectionReasonRequired", "correctionReason", ReturnValidator.FormatPeriod(valid.Period), written.Current!.Value)]);
    }

    /// <summary>
    /// Only API rejections are kept: a person at the form or upload sees the reasons at once, while a machine
    /// client's refusal must stay visible to the person responsible, and must replay for a retried request.
    /// </summary>
    private async Task<FilingResult> RejectAsync(
        ReturnSubmission submission, FilingRequest request, string? key, string? fingerprint, int? buildingId,
        IReadOnlyList<ReturnProblem> problems, CancellationToken cancellationToken)
    {
        if (request.Channel != ReturnChannel.Api) return FilingResult.Rejected(problems);
        var period = ReturnValidator.ParsePeriod(submission.Period, []);
        db.ReturnRejections.Add(new ReturnRejection
        {
            BuildingId = buildingId,
            Period = period,
            Channel = request.Channel,
            SubmittedBy = request.SubmittedBy is { Length: > 100 } by ? by[..100] : request.SubmittedBy,
            SubmittedAt = time.GetUtcNow(),
            Problems = [.. problems],
            IdempotencyKey = key,
            RequestFingerprint = fingerprint,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (key is not null && exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            if (await ReplayAsync(key, fingerprint!, cancellationToken) is { } stored) return stored;
            throw;
        }
        return FilingResult.Rejected(problems);
    }

    private async Task<FilingResult?> ReplayAsync(string key, string fingerprint, CancellationToken cancellationToken)
    {
        var stored = await db.MonthlyReturns.AsNoTracking().SingleOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken);
        if (stored is not null)
        {
            return stored.RequestFingerprint == fingerprint
                ? new FilingResult(FilingOutcome.Accepted, stored, [], Replayed: true)
                : FilingResult.Rejected([ReturnProblem.Of("IdempotencyKeyReused", "Idempotency-Key")], replayed: true);
        }
        var rejected = await db.ReturnRejections.AsNoTracking().SingleOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken);
        if (rejected is not null)
        {
            return rejected.RequestFingerprint == fingerprint
                ? FilingResult.Rejected(rejected.Problems, replayed: true)
                : FilingResult.Rejected([ReturnProblem.Of("IdempotencyKeyReused", "Idempotency-Key")], replayed: true);
        }
        return null;
    }

    /// <summary>
    /// Publishes a failed return again (the administrator's retry button), through the outbox like a new filing.
    /// False when the return is no longer waiting to be applied.
    /// </summary>
    public async Task<bool> RetryAsync(long returnId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var monthly = await db.MonthlyReturns
            .FromSql($"SELECT * FROM monthly_returns WHERE id = {returnId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (monthly is not { Status: ReturnStatus.Submitted }) return false;
        monthly.FailedAt = null;
        db.OutboxMessages.Add(Outbox.Message(new MonthlyReturnSubmitted(monthly.Id, monthly.BuildingId, monthly.Period, monthly.Version), time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    /// <summary>SHA-256 over the submission as JSON: equal requests give equal fingerprints.</summary>
    public static string Fingerprint(ReturnSubmission submission) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(submission, JsonSerializerOptions.Web))));
}
