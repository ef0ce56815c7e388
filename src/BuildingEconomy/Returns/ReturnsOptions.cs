namespace BuildingEconomy.Returns;

/// <summary>The <c>Returns</c> configuration section.</summary>
public sealed class ReturnsOptions
{
    public const string SectionName = "Returns";

    /// <summary>A month's return is due on this day of the following month.</summary>
    public int DueDay { get; set; } = 10;

    /// <summary>How many returns one consumer instance applies at once.</summary>
    public int ApplyConcurrency { get; set; } = 8;

    /// <summary>Waits between attempts to apply a return before it counts as failed; null takes the defaults.</summary>
    public TimeSpan[]? ApplyRetryIntervals { get; set; }

    public TimeSpan[] RetryIntervals => ApplyRetryIntervals is { Length: > 0 } given
        ? given
        : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];
}
