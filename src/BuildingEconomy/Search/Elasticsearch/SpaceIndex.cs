using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Search.Elasticsearch;

/// <summary>An index definition from search-mappings/: settings and mappings as Elasticsearch takes them.</summary>
public sealed record SpaceIndexDefinition(int Version, string Json)
{
    private static readonly Regex FileName = new(@"^search-mappings/spaces\.v(\d+)\.json$", RegexOptions.CultureInvariant);

    /// <summary>The newest spaces.vN.json embedded in the library.</summary>
    public static SpaceIndexDefinition Current { get; } = LoadNewest();

    private static SpaceIndexDefinition LoadNewest()
    {
        var assembly = typeof(SpaceIndexDefinition).Assembly;
        var newest = assembly.GetManifestResourceNames()
            .Select(name => (Name: name, Match: FileName.Match(name)))
            .Where(r => r.Match.Success)
            .MaxBy(r => int.Parse(r.Match.Groups[1].Value, CultureInfo.InvariantCulture));
        if (newest.Name is null) throw new InvalidOperationException("No search-mappings/spaces.vN.json is embedded in the library.");
        using var stream = assembly.GetManifestResourceStream(newest.Name)!;
        using var reader = new StreamReader(stream);
        return new SpaceIndexDefinition(int.Parse(newest.Match.Groups[1].Value, CultureInfo.InvariantCulture), reader.ReadToEnd());
    }
}

public sealed record RebuildReport(string Index, long Documents, IReadOnlyList<string> Replaced, int CaughtUpBuildings, TimeSpan Elapsed);

/// <summary>
/// The spaces index: full rebuilds behind the alias and per-building refreshes. A rebuild fills a new index while
/// searches keep using the old one, then moves the alias in one atomic _aliases call (no downtime), catches up the
/// buildings that changed meanwhile, and drops the old index.
/// </summary>
public sealed class SpaceIndex(
    ElasticsearchClient client,
    SpaceDocumentSource source,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    ILogger<SpaceIndex> logger)
{
    private const int BulkSize = 1_000;

    public string Alias => options.Value.Elasticsearch.Alias;

    public async Task<RebuildReport> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var definition = SpaceIndexDefinition.Current;
        var index = $"{Alias}-v{definition.Version}-{started:yyyyMMddHHmmssfff}";

        await LowLevelAsync(HttpMethod.PUT, $"/{index}", definition.Json, cancellationToken);
        long documents = 0;
        var batch = new List<SpaceDocument>(BulkSize);
        await foreach (var document in source.ReadAllAsync(cancellationToken))
        {
            batch.Add(document);
            if (batch.Count == BulkSize)
            {
                await BulkIndexAsync(index, batch, waitForRefresh: false, cancellationToken);
                documents += batch.Count;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await BulkIndexAsync(index, batch, waitForRefresh: false, cancellationToken);
            documents += batch.Count;
        }
        await LowLevelAsync(HttpMethod.POST, $"/{index}/_refresh", null, cancellationToken);

        var previous = await IndicesBehindAliasAsync(cancellationToken);
        var actions = new List<object> { new { add = new { index, alias = Alias } } };
        actions.AddRange(previous.Select(old => (object)new { remove = new { index = old, alias = Alias } }));
        await LowLevelAsync(HttpMethod.POST, "/_aliases", JsonSerializer.Serialize(new { actions }), cancellationToken);

        // Changes committed while the new index was filling went to the old one: read those buildings again.
        var changed = await source.BuildingsChangedSinceAsync(started.AddSeconds(-1), cancellationToken);
        if (changed.Count > 0) await RefreshBuildingsAsync(changed, cancellationToken);

        foreach (var old in previous) await DeleteIndexAsync(old, cancellationToken);
        var report = new RebuildReport(index, documents, previous, changed.Count, clock.GetUtcNow() - started);
        logger.LogInformation("Rebuilt search index {Index} with {Documents} spaces; alias {Alias} moved from [{Previous}].",
            index, documents, Alias, string.Join(", ", previous));
        return report;
    }

    /// <summary>
    /// Makes the index agree with PostgreSQL for these buildings: their searchable spaces are written (by space id,
    /// so repeating it changes nothing) and any other document of theirs is deleted. Idempotent, and safe to run
    /// in any order: it never applies a message's content, only the current state of the register.
    /// </summary>
    public async Task RefreshBuildingsAsync(IReadOnlyCollection<int> buildingIds, CancellationToken cancellationToken)
    {
        if (buildingIds.Count == 0) return;
        var documents = await source.ReadBuildingsAsync(buildingIds, cancellationToken);
        foreach (var chunk in documents.Chunk(BulkSize)) await BulkIndexAsync(Alias, chunk, waitForRefresh: true, cancellationToken);

        var keep = documents.Select(d => FieldValue.Long(d.SpaceId)).ToList();
        var stale = new BoolQuery
        {
            Filter = [new TermsQuery { Field = "building_id", Terms = new TermsQueryField([.. buildingIds.Select(id => FieldValue.Long(id))]) }],
            MustNot = keep.Count > 0 ? [new TermsQuery { Field = "space_id", Terms = new TermsQueryField(keep) }] : null,
        };
        await ElasticSpaceSearchEngine.CallAsync(() => client.DeleteByQueryAsync(new DeleteByQueryRequest(Alias)
        {
            Query = stale,
            Refresh = true,
            Conflicts = Conflicts.Proceed,
        }, cancellationToken));
    }

    public async Task<IReadOnlyList<string>> IndicesBehindAliasAsync(CancellationToken cancellationToken)
    {
        var response = await client.Transport.RequestAsync<StringResponse>(HttpMethod.GET, $"/_alias/{Alias}", cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 404) return [];
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
        {
            throw new SearchEngineUnavailableException($"Reading alias {Alias} failed: {response.ApiCallDetails.OriginalException?.Message ?? response.Body}");
        }
        using var json = JsonDocument.Parse(response.Body);
        return [.. json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    public Task DeleteIndexAsync(string index, CancellationToken cancellationToken) =>
        LowLevelAsync(HttpMethod.DELETE, $"/{index}", null, cancellationToken);

    private async Task BulkIndexAsync(string index, IEnumerable<SpaceDocument> documents, bool waitForRefresh, CancellationToken cancellationToken)
    {
        var request = new BulkRequest(index)
        {
            Operations = [.. documents.Select(d => new BulkIndexOperation<SpaceDocument>(d) { Id = d.SpaceId.ToString(CultureInfo.InvariantCulture) })],
            Refresh = waitForRefresh ? Refresh.WaitFor : null,
        };
        var response = await ElasticSpaceSearchEngine.CallAsync(() => client.BulkAsync(request, cancellationToken));
        if (response.Errors)
        {
            var first = response.ItemsWithErrors.FirstOrDefault();
            throw new SearchEngineUnavailableException($"Bulk indexing into {index} failed: {first?.Error?.Reason ?? "unknown error"}");
        }
    }

    /// <summary>Index creation and alias moves send the JSON as written in search-mappings/, not a re-serialised copy.</summary>
    private async Task<string> LowLevelAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        StringResponse response;
        try
        {
            response = body is null
                ? await client.Transport.RequestAsync<StringResponse>(method, path, cancellationToken)
                : await client.Transport.RequestAsync<StringResponse>(method, path, PostData.String(body), cancellationToken);
        }
        catch (Exception e) when (e is TransportException or HttpRequestException or TaskCanceledException)
        {
            throw new SearchEngineUnavailableException($"{method} {path} failed: {e.Message}", e);
        }
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
        {
            throw new SearchEngineUnavailableException(
                $"{method} {path} failed: HTTP {response.ApiCallDetails.HttpStatusCode} {response.ApiCallDetails.OriginalException?.Message} {response.Body}");
        }
        return response.Body;
    }
}
