namespace BuildingEconomy.Returns;

/// <summary>The <c>Returns</c> configuration section.</summary>
public sealed class ReturnsOptions
{
    public const string SectionName = "Returns";

    /// <summary>A month's return is due on this day of the following month.</summary>
    public int DueDay { get; set; } = 10;

    /// <summary>How many returns one process consumes at once (the prefetch): enough to fill the apply groups.</summary>
    public int ApplyConcurrency { get; set; } = 200;

    /// <summary>Up to how many waiting returns are applied in one transaction.</summary>
    public int ApplyBatchSize { get; set; } = 100;

    /// <summary>How many groups are applied at once, each on its own database connection.</summary>
    public int ApplyWriters { get; set; } = 2;

    /// <summary>Waits between attempts to apply a return before it counts as failed; null takes the defaults.</summary>
    public TimeSpan[]? ApplyRetryIntervals { get; set; }

    public TimeSpan[] RetryIntervals => ApplyRetryIntervals is { Length: > 0 } given
        ? given
        : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];
}
