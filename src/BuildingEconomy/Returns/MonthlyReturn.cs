using BuildingEconomy.Buildings;

namespace BuildingEconomy.Returns;

public enum ReturnStatus { Submitted, Applied, Rejected, Superseded }

public enum ReturnChannel { Web, Excel, Api, Import }

/// <summary>One building's figures for one month, from its property contact. A correction is a new version.</summary>
public sealed class MonthlyReturn
{
    public long Id { get; set; }
    public int BuildingId { get; set; }
    public Building? Building { get; set; }

    /// <summary>The first day of the month reported on.</summary>
    public DateOnly Period { get; set; }
    public int Version { get; set; } = 1;
    public ReturnStatus Status { get; set; }
    public long? SupersedesId { get; set; }
    public string? CorrectionReason { get; set; }
    public ReturnChannel Channel { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>SHA-256 of the request that carried <see cref="IdempotencyKey"/>: the same key with another body is refused.</summary>
    public string? RequestFingerprint { get; set; }

    /// <summary>
    /// When applying last failed for good (retries exhausted, message in the error queue); cleared when an
    /// administrator retries it. Recorded from the bus's fault event so the failed-returns page needs only the database.
    /// </summary>
    public DateTimeOffset? FailedAt { get; set; }
    public int FailureCount { get; set; }
    public string? LastFailure { get; set; }

    public decimal ForSaleArea { get; set; }
    public decimal ForRentArea { get; set; }
    public decimal SoldArea { get; set; }
    public decimal LeasedArea { get; set; }
    public decimal SelfUseArea { get; set; }
    public decimal ResidentArea { get; set; }

    public List<ReturnLine> Lines { get; set; } = [];
}
