using System.Globalization;

namespace BuildingEconomy.Localization;

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>The UI languages, the default first; the shared read-only instances, so no request can alter them.</summary>
    public static readonly IReadOnlyList<CultureInfo> Supported = [CultureInfo.GetCultureInfo(Chinese), CultureInfo.GetCultureInfo(English)];

    public static bool IsEnglish(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == English;
}
