using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Returns;

/// <summary>Where a building's month stands, as its property contact sees it.</summary>
public enum MonthState
{
    /// <summary>The month is still running; its return may already be filed.</summary>
    Open,
    Due,
    Overdue,
    Submitted,
    Applied,

    /// <summary>Applied, in a version that corrected an earlier one.</summary>
    Corrected,

    /// <summary>The latest attempt (an API submission) was refused and nothing was accepted since.</summary>
    Rejected,

    /// <summary>Accepted but could not be applied; an administrator has been shown it.</summary>
    Failed,
}

public sealed record MonthCell(DateOnly Period, MonthState State, DateOnly DueDate, long? ReturnId, int? Version);

public sealed record BuildingMonths(int BuildingId, string BuildingName, string? SubdistrictName, IReadOnlyList<MonthCell> Months);

/// <summary>
/// The portal's "my buildings" grid and the reminders drawn from it: for each building the caller may file for, the
/// state of each recent month and when it is due (<see cref="ReturnsOptions.DueDay"/> of the following month).
/// </summary>
public sealed class ReturnStatusBoard(BuildingEconomyDbContext db)
{
    /// <summary>The months a contact sees: the running month and the five before it, oldest first.</summary>
    public static IReadOnlyList<DateOnly> RecentMonths(DateOnly today, int count = 6) =>
        Enumerable.Range(0, count).Select(i => ReturnsCalendar.MonthOf(today).AddMonths(i - count + 1)).ToList();

    public async Task<List<BuildingMonths>> ForBuildingsAsync(
        IQueryable<Building> buildings, IReadOnlyList<DateOnly> periods, int dueDay, DateOnly today, int limit = 300,
        CancellationToken cancellationToken = default)
    {
        var first = periods.Min();
        var last = periods.Max();
        var list = await buildings.Where(b => !b.Archived && b.RequiredToReport)
            .OrderBy(b => b.Subdistrict!.Name).ThenBy(b => b.Name)
            .Select(b => new { b.Id, b.Name, Subdistrict = b.Subdistrict!.Name, b.CompletionYear })
            .Take(limit)
            .ToListAsync(cancellationToken);
        var ids = list.Select(b => b.Id).ToList();
        var returns = await db.MonthlyReturns.AsNoTracking()
            .Where(r => ids.Contains(r.BuildingId) && r.Period >= first && r.Period <= last)
            .Select(r => new { r.Id, r.BuildingId, r.Period, r.Version, r.Status, r.FailedAt, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        var rejections = await db.ReturnRejections.AsNoTracking()
            .Where(r => r.BuildingId != null && ids.Contains(r.BuildingId.Value) && r.Period >= first && r.Period <= last)
            .GroupBy(r => new { r.BuildingId, r.Period })
            .Select(g => new { g.Key.BuildingId, g.Key.Period, Last = g.Max(r => r.SubmittedAt) })
            .ToListAsync(cancellationToken);

        return list.Select(b => new BuildingMonths(b.Id, b.Name, b.Subdistrict, periods
            .Where(p => b.CompletionYear is null || p.Year >= b.CompletionYear)
            .Select(period =>
            {
                var due = ReturnsCalendar.DueDate(period, dueDay);
                var latest = returns.Where(r => r.BuildingId == b.Id && r.Period == period && r.Status != ReturnStatus.Rejected)
                    .MaxBy(r => r.Version);
                var rejected = rejections.FirstOrDefault(r => r.BuildingId == b.Id && r.Period == period);
                var state = latest switch
                {
                    { Status: ReturnStatus.Applied, Version: > 1 } => MonthState.Corrected,
                    { Status: ReturnStatus.Applied } => MonthState.Applied,
                    { FailedAt: not null } => MonthState.Failed,
                    not null => MonthState.Submitted,
                    null when rejected is not null => MonthState.Rejected,
                    null when period >= ReturnsCalendar.MonthOf(today) => MonthState.Open,
                    null when today > due => MonthState.Overdue,
                    _ => MonthState.Due,
                };
                return new MonthCell(period, state, due, latest?.Id, latest?.Version);
            }).ToList())).ToList();
    }
}
