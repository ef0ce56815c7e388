namespace BuildingEconomy.Search;

/// <summary>The <c>Search</c> configuration section.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>PostgreSql needs no server beyond the database, so a fresh checkout searches as is.</summary>
    public SearchEngineKind Engine { get; set; } = SearchEngineKind.PostgreSql;

    public ElasticsearchOptions Elasticsearch { get; set; } = new();
}

public sealed class ElasticsearchOptions
{
    /// <summary>e.g. http://127.0.0.1:9200; required when <see cref="SearchOptions.Engine"/> is Elasticsearch.</summary>
    public Uri? Url { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The alias searches go through; rebuilds create a new index behind it and swap.</summary>
    public string Alias { get; set; } = "be-spaces";

    /// <summary>A search waits this long before answering from PostgreSQL instead.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After a failure, searches go straight to PostgreSQL for this long before trying Elasticsearch again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
