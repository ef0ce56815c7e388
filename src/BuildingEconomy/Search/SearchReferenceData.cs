using System.Globalization;
using BuildingEconomy.Localization;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>A maintained list entry or a place as the search sees it: its id in the register, its stable code, its names.</summary>
public sealed record SearchCode(int Id, string Code, string Name, string NameEn, int SortOrder = 0)
{
    public string NameIn(CultureInfo culture) => Cultures.IsEnglish(culture) ? NameEn : Name;
}

/// <summary>
/// The codes a search may name (themes, facilities, subdistricts, districts) and their names for labels. Searches
/// speak in codes, which never change; the PostgreSQL engine needs the ids behind them.
/// </summary>
public sealed class SearchReferenceData(
    IReadOnlyList<SearchCode> themes, IReadOnlyList<SearchCode> facilities,
    IReadOnlyList<SearchCode> subdistricts, IReadOnlyList<SearchCode> districts)
{
    public IReadOnlyList<SearchCode> Themes { get; } = themes;
    public IReadOnlyList<SearchCode> Facilities { get; } = facilities;
    public IReadOnlyList<SearchCode> Subdistricts { get; } = subdistricts;
    public IReadOnlyList<SearchCode> Districts { get; } = districts;

    private readonly Dictionary<string, SearchCode> themeByCode = themes.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SearchCode> facilityByCode = facilities.ToDictionary(f => f.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SearchCode> subdistrictByCode = subdistricts.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SearchCode> districtByCode = districts.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, SearchCode> themeById = themes.ToDictionary(t => t.Id);
    private readonly Dictionary<int, SearchCode> subdistrictById = subdistricts.ToDictionary(s => s.Id);

    public SearchCode? Theme(string code) => themeByCode.GetValueOrDefault(code);
    public SearchCode? Facility(string code) => facilityByCode.GetValueOrDefault(code);
    public SearchCode? Subdistrict(string code) => subdistrictByCode.GetValueOrDefault(code);
    public SearchCode? District(string code) => districtByCode.GetValueOrDefault(code);
    public SearchCode? ThemeById(int? id) => id is { } value ? themeById.GetValueOrDefault(value) : null;
    public SearchCode? SubdistrictById(int? id) => id is { } value ? subdistrictById.GetValueOrDefault(value) : null;

    public static async Task<SearchReferenceData> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        // Retired themes and facilities stay searchable: buildings may still carry them.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, code, name, name_en, sort_order FROM themes ORDER BY sort_order, code"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, code, name, name_en, sort_order FROM facilities ORDER BY sort_order, code"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, code, name, name_en, 0 FROM subdistricts ORDER BY code"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, admin_code, name, name_en, 0 FROM districts ORDER BY admin_code"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var lists = new List<List<SearchCode>>();
        do
        {
            var list = new List<SearchCode>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new SearchCode(reader.GetInt32(0), reader.GetString(1).Trim(), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
            }
            lists.Add(list);
        } while (await reader.NextResultAsync(cancellationToken));
        return new SearchReferenceData(lists[0], lists[1], lists[2], lists[3]);
    }
}

/// <summary>
/// Keeps the reference data for a short while: every search needs it, it changes only when an administrator edits a
/// list, and a minute's delay before a new theme is searchable is acceptable.
/// </summary>
public sealed class SearchReferenceDataCache(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim loading = new(1, 1);
    private (SearchReferenceData Data, DateTimeOffset LoadedAt)? current;

    public async Task<SearchReferenceData> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < Lifetime) return fresh.Data;
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && clock.GetUtcNow() - again.LoadedAt < Lifetime) return again.Data;
            var data = await SearchReferenceData.LoadAsync(dataSource, cancellationToken);
            current = (data, clock.GetUtcNow());
            return data;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>After a list was edited, so the next search sees it at once.</summary>
    public void Invalidate() => current = null;
}
