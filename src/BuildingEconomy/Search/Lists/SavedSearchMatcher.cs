using System.Globalization;
using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using BuildingEconomy.Returns;
using MassTransit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Search.Lists;

/// <summary>
/// Tells officers when a space newly matches one of their saved searches: after a building or space changes (an
/// edit, a new vacancy) or a return is applied, every saved search is rerun over that building alone, and spaces
/// it has never matched before raise one notification per search. Matches are remembered, so a redelivered message
/// or a space that drops out and comes back announces nothing twice.
/// </summary>
public sealed class SavedSearchMatcher(
    BuildingEconomyDbContext db,
    SpaceSearchService search,
    PostgresSpaceSearchEngine engine,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : IConsumer<BuildingChanged>, IConsumer<SpaceChanged>, IConsumer<MonthlyReturnApplied>
{
    public const string Kind = "search.new-match";

    public Task Consume(ConsumeContext<BuildingChanged> context) => CheckBuildingAsync(context.Message.BuildingId, context.CancellationToken);

    public Task Consume(ConsumeContext<SpaceChanged> context) => CheckBuildingAsync(context.Message.BuildingId, context.CancellationToken);

    public Task Consume(ConsumeContext<MonthlyReturnApplied> context) => CheckBuildingAsync(context.Message.BuildingId, context.CancellationToken);

    /// <returns>How many notifications were written.</returns>
    public async Task<int> CheckBuildingAsync(int buildingId, CancellationToken cancellationToken)
    {
        var saved = await db.SavedSearches.AsNoTracking().Where(s => s.Notify).ToListAsync(cancellationToken);
        if (saved.Count == 0) return 0;
        var building = await db.Buildings.AsNoTracking().Where(b => b.Id == buildingId).Select(b => b.Name).SingleOrDefaultAsync(cancellationToken);
        if (building is null) return 0;

        // Notifications are stored once, in the platform's default language.
        var previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Cultures.Chinese);
        try
        {
            var written = 0;
            var now = clock.GetUtcNow();
            foreach (var savedSearch in saved)
            {
                var prepared = await search.PrepareAsync(QueryHelpers.ParseQuery(savedSearch.Query), cancellationToken);
                // A saved search that no longer reads (a theme code retired, a building renamed) simply stops matching.
                if (prepared.Query is not { } query) continue;
                var matching = await engine.MatchingSpaceIdsAsync(query, prepared.Reference, [buildingId], 10_000, cancellationToken);
                if (matching.Count == 0) continue;
                var seen = await db.SavedSearchMatches
                    .Where(m => m.SavedSearchId == savedSearch.Id && matching.Contains(m.SpaceId))
                    .Select(m => m.SpaceId).ToListAsync(cancellationToken);
                var fresh = matching.Except(seen).ToList();
                if (fresh.Count == 0) continue;

                db.SavedSearchMatches.AddRange(fresh.Select(id => new SavedSearchMatch { SavedSearchId = savedSearch.Id, SpaceId = id, FirstMatchedAt = now }));
                db.Notifications.Add(new Notification
                {
                    UserId = savedSearch.OwnerId,
                    Kind = Kind,
                    Text = localizer["Search.Notification.NewMatches", savedSearch.Name, fresh.Count, building].Value,
                    Link = "/Search?" + savedSearch.Query,
                    CreatedAt = now,
                });
                written++;
            }
            // One transaction: matches and notifications together, so a retry after a failure starts from the same state.
            await db.SaveChangesAsync(cancellationToken);
            return written;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }
}
