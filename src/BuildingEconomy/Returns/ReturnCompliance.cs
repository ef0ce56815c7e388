using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Returns;

/// <summary>A building that had no accepted return by the due date; <see cref="FiledAt"/> when it filed late.</summary>
public sealed record MissingReturn(int BuildingId, string BuildingName, string? SubdistrictName, string? PropertyContact, string? OneToOneContact, DateTimeOffset? FiledAt);

/// <summary>
/// A subdistrict's reporting rate for the month (填报率): buildings with an accepted return over buildings required
/// to report, with the on-time count beside it. A subdistrict with nothing to report has no rate, not 0 %.
/// </summary>
public sealed record SubdistrictFiling(int? SubdistrictId, string? SubdistrictName, int Required, int Filed, int OnTime)
{
    public decimal? Rate => Required == 0 ? null : (decimal)Filed / Required;
}

public sealed record ComplianceReport(DateOnly Period, DateOnly DueDate, IReadOnlyList<MissingReturn> Missing, IReadOnlyList<SubdistrictFiling> Subdistricts)
{
    public SubdistrictFiling Total => new(null, null, Subdistricts.Sum(s => s.Required), Subdistricts.Sum(s => s.Filed), Subdistricts.Sum(s => s.OnTime));
}

/// <summary>Who has not filed by the due date, and the filing rate per subdistrict, over the buildings the caller may see.</summary>
public sealed class ReturnCompliance(BuildingEconomyDbContext db)
{
    /// <summary>The latest month whose due date has passed: the one a compliance check is about by default.</summary>
    public static DateOnly LatestDuePeriod(DateOnly today, int dueDay)
    {
        var period = ReturnsCalendar.MonthOf(today).AddMonths(-1);
        return today > ReturnsCalendar.DueDate(period, dueDay) ? period : period.AddMonths(-1);
    }

    public async Task<ComplianceReport> ForPeriodAsync(IQueryable<Building> visible, DateOnly period, int dueDay, CancellationToken cancellationToken = default)
    {
        var due = ReturnsCalendar.DueDate(period, dueDay);
        // The due date is a day in China: returns filed until its midnight (UTC+8) are on time.
        var deadline = new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), ReturnsCalendar.ChinaOffset);
        var required = await visible
            .Where(b => b.RequiredToReport && !b.Archived && (b.CompletionYear == null || b.CompletionYear <= period.Year))
            .Select(b => new { b.Id, b.Name, b.SubdistrictId, Subdistrict = b.Subdistrict!.Name })
            .ToListAsync(cancellationToken);
        var ids = required.Select(b => b.Id).ToList();
        var filed = await db.MonthlyReturns.AsNoTracking()
            .Where(r => r.Period == period && ids.Contains(r.BuildingId) && r.Status != ReturnStatus.Rejected)
            .GroupBy(r => r.BuildingId)
            .Select(g => new { BuildingId = g.Key, First = g.Min(r => r.SubmittedAt) })
            .ToDictionaryAsync(x => x.BuildingId, x => x.First, cancellationToken);
        var lateIds = required.Where(b => !filed.TryGetValue(b.Id, out var at) || at >= deadline).Select(b => b.Id).ToList();
        // Contacts are owned JSON on the building: loaded with it, for the few buildings listed.
        var contacts = await db.Buildings.AsNoTracking().Where(b => lateIds.Contains(b.Id))
            .Select(b => new { b.Id, b.OneToOneContact, b.PropertyContacts })
            .ToDictionaryAsync(b => b.Id, cancellationToken);

        var missing = required.Where(b => lateIds.Contains(b.Id))
            .OrderBy(b => b.Subdistrict).ThenBy(b => b.Name)
            .Select(b => new MissingReturn(b.Id, b.Name, b.Subdistrict,
                contacts[b.Id].PropertyContacts.FirstOrDefault() is { } contact ? $"{contact.Name} {contact.Phone}".Trim() : null,
                contacts[b.Id].OneToOneContact is { } official ? official.Name : null,
                filed.TryGetValue(b.Id, out var at) ? at : null))
            .ToList();
        var subdistricts = required.GroupBy(b => new { b.SubdistrictId, b.Subdistrict })
            .OrderBy(g => g.Key.Subdistrict)
            .Select(g => new SubdistrictFiling(g.Key.SubdistrictId, g.Key.Subdistrict, g.Count(),
                g.Count(b => filed.ContainsKey(b.Id)), g.Count(b => filed.TryGetValue(b.Id, out var at) && at < deadline)))
            .ToList();
        return new ComplianceReport(period, due, missing, subdistricts);
    }
}
