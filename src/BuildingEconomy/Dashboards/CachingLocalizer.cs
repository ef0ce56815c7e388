using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// Keeps the texts it has looked up, per UI culture: a summary by building formats tens of thousands of figures with a
/// handful of unit texts, and each resource lookup walks the culture fallback chain again.
/// </summary>
internal sealed class CachingLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> texts = new();

    public LocalizedString this[string name] => texts.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, inner) => inner[key.Name], inner);

    /// <summary>As ResourceManagerStringLocalizer formats: the arguments in the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
