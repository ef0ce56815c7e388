using System.Security.Claims;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Search;
using BuildingEconomy.Search.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using NetTopologySuite.IO.Converters;

namespace BuildingEconomy.Web.Pages.Search;

/// <summary>
/// The investment search page. The filter form is a GET form, so the URL always holds the whole query: it can be
/// shared, bookmarked and saved, and the back button steps through earlier searches. The map's drawing tools only
/// fill hidden fields of the same form.
/// </summary>
[Authorize(Policy = Policies.SearchSpace)]
public sealed class IndexModel(SpaceSearchService search, PostgresSpaceSearchEngine postgres, SearchLists lists, IConfiguration configuration) : PageModel
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public SpaceSearchQuery Query { get; private set; } = new();
    public SpaceSearchResult? Result { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public SearchReferenceData Reference { get; private set; } = null!;
    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    /// <summary>The tile URL template (Tianditu, AMap…); empty means boundaries only.</summary>
    public string TileUrl => configuration["Map:TileUrl"] ?? "";

    /// <summary>The query as the page submitted it, canonical, for links, the map's data and saving.</summary>
    public string CanonicalQuery { get; private set; } = "";

    /// <summary>A raw parameter as the user typed it, to refill the form after a validation error.</summary>
    public string Raw(string name) => Request.Query[name].ToString();

    public bool IsChecked(string name, string value) =>
        Request.Query[name].SelectMany(v => (v ?? "").Split(',')).Any(v => string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase));

    public string? PolygonGeoJson => Query.Polygon is { } polygon ? JsonSerializer.Serialize(polygon, GeoJson) : null;

    public string PageUrl(int page) => Url.Page("/Search/Index")! + "?" + SpaceSearchQueryString.Format(Query, page);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var prepared = await search.PrepareAsync(Request.Query, cancellationToken);
        Reference = prepared.Reference;
        Shortlists = await lists.ShortlistsAsync(UserId, cancellationToken);
        if (prepared.Query is not { } query)
        {
            Errors = prepared.Errors;
            return;
        }
        Query = query;
        CanonicalQuery = SpaceSearchQueryString.Format(query with { Page = 1 });
        Result = await search.SearchAsync(query, prepared.Reference, cancellationToken);
    }

    /// <summary>Adds the ticked spaces to a shortlist (new or existing by name) and returns to the same search.</summary>
    public async Task<IActionResult> OnPostShortlistAsync(long[] spaceIds, string? shortlistName, string? newShortlistName, string? returnQuery, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(newShortlistName) ? shortlistName : newShortlistName;
        if (spaceIds.Length == 0 || string.IsNullOrWhiteSpace(name) || name.Trim().Length > SearchLists.MaxNameLength)
        {
            TempData["SearchMessage"] = "Search.Shortlist.Nothing";
            return Back(returnQuery);
        }
        var id = await lists.AddToShortlistAsync(UserId, name, spaceIds, cancellationToken);
        TempData["SearchMessage"] = "Search.Shortlist.Added";
        TempData["SearchShortlistId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Back(returnQuery);
    }

    /// <summary>Keeps the search; what matches it now counts as seen, so only later matches are announced.</summary>
    public async Task<IActionResult> OnPostSaveSearchAsync(string? name, string? returnQuery, CancellationToken cancellationToken)
    {
        var prepared = await search.PrepareAsync(QueryHelpers.ParseQuery(returnQuery ?? ""), cancellationToken);
        if (prepared.Query is not { } query || string.IsNullOrWhiteSpace(name) || name.Trim().Length > SearchLists.MaxNameLength)
        {
            TempData["SearchMessage"] = "Search.Saved.Invalid";
            return Back(returnQuery);
        }
        var current = await postgres.MatchingSpaceIdsAsync(query, prepared.Reference, null, 100_000, cancellationToken);
        await lists.SaveSearchAsync(UserId, name, SpaceSearchQueryString.Format(query with { Page = 1 }), current, cancellationToken);
        TempData["SearchMessage"] = "Search.Saved.Done";
        return Back(returnQuery);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id.");

    private LocalRedirectResult Back(string? query) =>
        LocalRedirect(Url.Page("/Search/Index")! + (string.IsNullOrEmpty(query) ? "" : "?" + query.TrimStart('?')));
}
