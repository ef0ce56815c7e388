using System.Collections;
using System.Text.Json;

namespace BuildingEconomy.Search;

/// <summary>
/// A page of building groups as PostgreSQL wrote them, already in the API's JSON: the search API copies the text to
/// the response as it is (see <see cref="SearchResultJson"/>), while code that looks at the groups gets them
/// deserialized once, on first use. Reading and re-writing every group cost more than the rest of the API's own work.
/// </summary>
public sealed class BuildingGroupsJson(string json) : IReadOnlyList<BuildingGroup>
{
    private readonly Lazy<List<BuildingGroup>> groups = new(() =>
        JsonSerializer.Deserialize<List<BuildingGroup>>(json, JsonSerializerOptions.Web)
        ?? throw new JsonException("The building groups are null."));

    public string Json => json;

    public int Count => groups.Value.Count;

    public BuildingGroup this[int index] => groups.Value[index];

    public IEnumerator<BuildingGroup> GetEnumerator() => groups.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
