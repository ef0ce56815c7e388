namespace BuildingEconomy.Returns;

/// <summary>Dates as the districts see them: China Standard Time (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ReturnsCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    public static DateOnly EndOfMonth(DateOnly period) => MonthOf(period).AddMonths(1).AddDays(-1);

    /// <summary>The day a month's return is due: <paramref name="dueDay"/> of the following month (clamped to its length).</summary>
    public static DateOnly DueDate(DateOnly period, int dueDay)
    {
        var next = MonthOf(period).AddMonths(1);
        return next.AddDays(Math.Clamp(dueDay, 1, DateTime.DaysInMonth(next.Year, next.Month)) - 1);
    }
}
