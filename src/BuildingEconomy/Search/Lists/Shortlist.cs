using BuildingEconomy.Buildings;

namespace BuildingEconomy.Search.Lists;

/// <summary>An officer's named selection of spaces for one prospect, exported to Excel for them.</summary>
public sealed class Shortlist
{
    public long Id { get; set; }

    /// <summary>The officer (AppUser.Id) who owns it; only they see it.</summary>
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ShortlistItem> Items { get; set; } = [];
}

public sealed class ShortlistItem
{
    public long ShortlistId { get; set; }
    public long SpaceId { get; set; }
    public Space? Space { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// A search an officer keeps: it reruns from <see cref="Query"/> (the canonical query string), and when a space
/// starts matching that had not matched before, the officer is notified.
/// </summary>
public sealed class SavedSearch
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public bool Notify { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public List<SavedSearchMatch> Matches { get; set; } = [];
}

/// <summary>A space that has matched a saved search, so it is announced once, not at every check.</summary>
public sealed class SavedSearchMatch
{
    public long SavedSearchId { get; set; }
    public long SpaceId { get; set; }
    public DateTimeOffset FirstMatchedAt { get; set; }
}

/// <summary>An in-app message to one user (shown under the bell in the header); any feature may write them.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }

    /// <summary>What raised it, e.g. "search.new-match"; features filter and style by it.</summary>
    public required string Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>A local URL to open from the notification.</summary>
    public string? Link { get; set; }
    public bool Read { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
