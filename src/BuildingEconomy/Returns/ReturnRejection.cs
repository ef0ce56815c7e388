namespace BuildingEconomy.Returns;

/// <summary>
/// A return submitted through the API that failed validation. Nothing of it reaches the figures; it is kept so that
/// the property contact can see in the portal why their system's submission was refused, and so that a retried
/// request with the same Idempotency-Key gets the same answer.
/// </summary>
public sealed class ReturnRejection
{
    public long Id { get; set; }

    /// <summary>Null when the submission named no building the caller may file for.</summary>
    public int? BuildingId { get; set; }
    public DateOnly? Period { get; set; }
    public ReturnChannel Channel { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public List<ReturnProblem> Problems { get; set; } = [];
    public string? IdempotencyKey { get; set; }
    public string? RequestFingerprint { get; set; }
}
