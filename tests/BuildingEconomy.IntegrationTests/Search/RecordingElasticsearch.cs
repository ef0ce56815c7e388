using System.Text;
using System.Text.Json.Nodes;
using BuildingEconomy.Search;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>A request the client sent: method, path with query string, and the body as JSON (null for none).</summary>
public sealed record SentRequest(string Method, string PathAndQuery, string? Body)
{
    /// <summary>The path with a leading '/' (the client keeps it relative to the node's URL), without the query string.</summary>
    public string Path => "/" + PathAndQuery.Split('?')[0].TrimStart('/');

    /// <summary>Bulk bodies are several JSON lines; everything else one document.</summary>
    public JsonNode? Json => Body is null ? null : JsonNode.Parse(Body);
    public List<JsonNode> Lines => Body is null ? [] : [.. Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];
}

/// <summary>
/// Elasticsearch without a server: the client's own in-memory transport, recording every request body (the client
/// streams them otherwise, hence DisableDirectStreaming) and answering each from <see cref="Respond"/>. Responses
/// carry x-elastic-product, without which the 9.x client refuses them.
/// </summary>
public sealed class RecordingInvoker : IRequestInvoker
{
    // Builds responses the way the client's in-memory transport does (its RequestAsync can only answer one canned body).
    private readonly InMemoryRequestInvoker inner = new([], 200, null, "application/json",
        new Dictionary<string, IEnumerable<string>> { ["x-elastic-product"] = ["Elasticsearch"] });
    private readonly List<SentRequest> requests = [];

    public ResponseFactory ResponseFactory => inner.ResponseFactory;

    public void Dispose() => (inner as IDisposable)?.Dispose();

    public IReadOnlyList<SentRequest> Requests
    {
        get
        {
            lock (requests) return [.. requests];
        }
    }

    /// <summary>Status and body for a request; by default 200 with an empty search answer.</summary>
    public Func<SentRequest, (int Status, string Body)> Respond { get; set; } = _ => (200, EmptySearchResponse);

    public void Clear()
    {
        lock (requests) requests.Clear();
    }

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        string? body = null;
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            await postData.WriteAsync(stream, boundConfiguration.ConnectionSettings, disableDirectStreaming: true, cancellationToken);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }
        var sent = new SentRequest(endpoint.Method.ToString(), endpoint.PathAndQuery, body);
        lock (requests) requests.Add(sent);
        var (status, responseBody) = Respond(sent);
        return await inner.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken,
            Encoding.UTF8.GetBytes(responseBody), status, "application/json");
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        RequestAsync<TResponse>(endpoint, boundConfiguration, postData, CancellationToken.None).GetAwaiter().GetResult();

    public const string EmptySearchResponse = """
        {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}
        """;

    public static ElasticsearchClient Client(RecordingInvoker invoker, string alias = "be-spaces") =>
        SearchSetup.CreateClient(new ElasticsearchOptions { Url = new Uri("http://es.test:9200"), Alias = alias }, invoker);
}
