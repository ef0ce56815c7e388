using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Admin;

/// <summary>The audit log, newest first, filtered by entity, user, action and time.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AuditModel(BuildingEconomyDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The platform's users work in China time, whatever the server's zone.</summary>
    private static readonly TimeZoneInfo China = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone) ? zone : TimeZoneInfo.Utc;

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool HasMore { get; private set; }
    public static IEnumerable<string> Types => AuditedTypes.Names.Values.Order();

    public static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, China);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Type)) query = query.Where(e => e.EntityType == Type);
        if (!string.IsNullOrWhiteSpace(EntityId)) query = query.Where(e => e.EntityId == EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(UserName)) query = query.Where(e => e.UserName.StartsWith(UserName.Trim()));
        if (Action is { } action) query = query.Where(e => e.Action == action);
        if (From is { } from) query = query.Where(e => e.At >= StartOfDay(from));
        if (To is { } to) query = query.Where(e => e.At < StartOfDay(to.AddDays(1)));
        var page = await query.OrderByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
    }

    public IDictionary<string, string?> RouteFor(int page) => new Dictionary<string, string?>
    {
        ["Type"] = Type,
        ["EntityId"] = EntityId,
        ["UserName"] = UserName,
        ["Action"] = Action?.ToString(),
        ["From"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["To"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), China.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}
