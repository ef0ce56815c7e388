using System.Globalization;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace BuildingEconomy.Search.Lists;

/// <summary>A shortlisted space with what an Excel sheet or the list page shows of it.</summary>
public sealed record ShortlistRow(
    long SpaceId, int BuildingId, string Building, string Address, string? Subdistrict, BuildingGrade Grade,
    int Floor, string Unit, decimal Area, decimal? MinDivisibleArea, Tenure Tenure, decimal? AskingRent, decimal? SalePrice,
    FitOut FitOut, SpaceStatus Status, DateOnly? AvailableFrom, bool Archived)
{
    public decimal? AskingRentPerMonth => Space.PerMonth(AskingRent);
}

public sealed record ShortlistSummary(long Id, string Name, int Spaces, DateTimeOffset CreatedAt);

/// <summary>
/// Shortlists, saved searches and notifications of one officer. Every method takes the owner's id and touches only
/// that owner's rows, so one officer can never read or change another's lists by guessing an id.
/// </summary>
public sealed class SearchLists(BuildingEconomyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxNameLength = 100;

    public Task<List<ShortlistSummary>> ShortlistsAsync(string ownerId, CancellationToken cancellationToken) =>
        db.Shortlists.Where(s => s.OwnerId == ownerId)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new ShortlistSummary(s.Id, s.Name, s.Items.Count, s.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Adds the spaces to the named list, creating it if the officer has none by that name; returns its id.</summary>
    public async Task<long> AddToShortlistAsync(string ownerId, string name, IReadOnlyCollection<long> spaceIds, CancellationToken cancellationToken)
    {
        name = name.Trim();
        var shortlist = await db.Shortlists.Include(s => s.Items).SingleOrDefaultAsync(s => s.OwnerId == ownerId && s.Name == name, cancellationToken);
        if (shortlist is null)
        {
            shortlist = new Shortlist { OwnerId = ownerId, Name = name, CreatedAt = clock.GetUtcNow() };
            db.Shortlists.Add(shortlist);
        }
        var existing = await db.Spaces.Where(s => spaceIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var spaceId in existing.Where(id => shortlist.Items.All(i => i.SpaceId != id)))
        {
            shortlist.Items.Add(new ShortlistItem { SpaceId = spaceId, AddedAt = clock.GetUtcNow() });
        }
        await db.SaveChangesAsync(cancellationToken);
        return shortlist.Id;
    }

    public async Task<(Shortlist List, List<ShortlistRow> Rows)?> ShortlistAsync(string ownerId, long id, CancellationToken cancellationToken)
    {
        var shortlist = await db.Shortlists.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.OwnerId == ownerId, cancellationToken);
        if (shortlist is null) return null;
        var rows = await db.ShortlistItems.AsNoTracking()
            .Where(i => i.ShortlistId == id)
            .OrderBy(i => i.Space!.Building!.Name).ThenBy(i => i.Space!.Floor).ThenBy(i => i.Space!.Unit)
            .Select(i => new ShortlistRow(
                i.SpaceId, i.Space!.BuildingId, i.Space.Building!.Name, i.Space.Building.Address,
                i.Space.Building.Subdistrict == null ? null : i.Space.Building.Subdistrict.Name,
                i.Space.Building.Grade, i.Space.Floor, i.Space.Unit, i.Space.Area,
                i.Space.Divisible ? i.Space.MinDivisibleArea : null, i.Space.Tenure, i.Space.AskingRent, i.Space.SalePrice,
                i.Space.FitOut, i.Space.Status, i.Space.AvailableFrom, i.Space.Archived || i.Space.Building.Archived))
            .ToListAsync(cancellationToken);
        return (shortlist, rows);
    }

    public async Task<bool> RemoveFromShortlistAsync(string ownerId, long id, long spaceId, CancellationToken cancellationToken) =>
        await db.ShortlistItems.Where(i => i.ShortlistId == id && i.SpaceId == spaceId && db.Shortlists.Any(s => s.Id == id && s.OwnerId == ownerId))
            .ExecuteDeleteAsync(cancellationToken) > 0;

    public async Task<bool> DeleteShortlistAsync(string ownerId, long id, CancellationToken cancellationToken) =>
        await db.Shortlists.Where(s => s.Id == id && s.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The shortlist as an .xlsx a prospect can open: one row per space, headings in the officer's language.</summary>
    public async Task<(string FileName, byte[] Content)?> ExportShortlistAsync(string ownerId, long id, CancellationToken cancellationToken)
    {
        if (await ShortlistAsync(ownerId, id, cancellationToken) is not { } found) return null;
        string T(string key) => localizer[key].Value;
        var rows = found.Rows.Select(r => new Dictionary<string, object?>
        {
            [T("Search.Column.Building")] = r.Building,
            [T("Search.Column.Address")] = r.Address,
            [T("Search.Column.Subdistrict")] = r.Subdistrict,
            [T("Search.Column.Grade")] = T($"Search.Grade.{r.Grade}"),
            [T("Search.Column.Floor")] = r.Floor,
            [T("Search.Column.Unit")] = r.Unit,
            [T("Search.Column.Area")] = r.Area,
            [T("Search.Column.MinDivisibleArea")] = r.MinDivisibleArea,
            [T("Search.Column.Tenure")] = T($"Search.Tenure.{r.Tenure}"),
            [T("Search.Column.RentPerDay")] = r.AskingRent,
            [T("Search.Column.RentPerMonth")] = r.AskingRentPerMonth,
            [T("Search.Column.SalePrice")] = r.SalePrice,
            [T("Search.Column.FitOut")] = T($"Search.FitOut.{r.FitOut}"),
            [T("Search.Column.Status")] = r.Archived ? T("Search.Status.Withdrawn") : T($"Search.Status.{r.Status}"),
            [T("Search.Column.AvailableFrom")] = r.AvailableFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: T("Search.ShortlistSheet"), cancellationToken: cancellationToken);
        var fileName = $"{found.List.Name}-{clock.GetUtcNow():yyyyMMdd}.xlsx";
        return (fileName, stream.ToArray());
    }

    public Task<List<SavedSearch>> SavedSearchesAsync(string ownerId, CancellationToken cancellationToken) =>
        db.SavedSearches.AsNoTracking().Where(s => s.OwnerId == ownerId).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Keeps a search. What it matches now is recorded as already seen: the officer is told only about spaces that
    /// start matching from here on.
    /// </summary>
    public async Task<long> SaveSearchAsync(string ownerId, string name, string canonicalQuery, IReadOnlyCollection<long> currentMatches, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var saved = new SavedSearch { OwnerId = ownerId, Name = name.Trim(), Query = canonicalQuery, CreatedAt = now };
        saved.Matches.AddRange(currentMatches.Distinct().Select(id => new SavedSearchMatch { SpaceId = id, FirstMatchedAt = now }));
        db.SavedSearches.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return saved.Id;
    }

    public async Task<bool> DeleteSavedSearchAsync(string ownerId, long id, CancellationToken cancellationToken) =>
        await db.SavedSearches.Where(s => s.Id == id && s.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<List<Notification>> NotificationsAsync(string userId, int take, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(cancellationToken);

    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.UserId == userId && !n.Read, cancellationToken);

    public Task<int> MarkReadAsync(string userId, CancellationToken cancellationToken) =>
        db.Notifications.Where(n => n.UserId == userId && !n.Read).ExecuteUpdateAsync(n => n.SetProperty(x => x.Read, true), cancellationToken);
}
