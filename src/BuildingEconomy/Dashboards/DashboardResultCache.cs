using System.Collections.Concurrent;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// Dashboard results by request, valid while the data version they were computed at is still current: leaders
/// reopening or several leaders viewing the same month cost one query, and any committed change (a NOTIFY, see
/// <see cref="DashboardChangeListener"/>) makes every entry stale at once. Used only while the listener is
/// connected; without it nothing would tell the cache that the figures changed.
/// </summary>
public sealed class DashboardResultCache(DashboardDataVersion version)
{
    private const int MaxEntries = 1_000;
    private readonly ConcurrentDictionary<string, (string Version, object Result)> entries = new();

    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute) where T : class
    {
        if (!version.IsListening) return await compute();
        // Read before computing: a change committed meanwhile leaves the entry stale rather than wrongly current.
        var current = version.Current;
        if (entries.TryGetValue(key, out var entry) && entry.Version == current && entry.Result is T cached) return cached;
        var result = await compute();
        if (entries.Count >= MaxEntries) entries.Clear();
        entries[key] = (current, result);
        return result;
    }

    /// <summary>The part of a key that identifies what the caller may see.</summary>
    public static string ScopeKey(DashboardScope scope) => scope.BuildingIds is { } ids
        ? $"{ids.Count}:{HashOf(ids)}:{scope.CanSeeTax}"
        : $"all:{scope.CanSeeTax}";

    private static string HashOf(IReadOnlyList<int> ids)
    {
        var hash = new HashCode();
        foreach (var id in ids) hash.Add(id);
        return hash.ToHashCode().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }
}
