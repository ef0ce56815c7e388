namespace BuildingEconomy.Demo;

/// <summary>How much a generated data set holds; <c>Enterprises</c> tops the register up with enterprises registered in
/// the districts but not (or no longer) in any of their buildings. The three presets are the demo district and the two benchmark sizes of DESIGN.md §5.</summary>
public sealed record DemoSize(
    string Name,
    int Districts,
    int SubdistrictsPerDistrict,
    int Buildings,
    int SpacesPerBuilding,
    int Months,
    int RosterMonths,
    int Enterprises)
{
    public static readonly DemoSize Demo = new("demo", 1, 8, 300, 36, 24, 24, 12_000);
    public static readonly DemoSize City = new("city", 6, 8, 5_000, 30, 24, 3, 200_000);
    public static readonly DemoSize National = new("national", 50, 8, 50_000, 17, 24, 1, 2_000_000);

    /// <summary>A handful of buildings, for tests that need the whole pipeline quickly.</summary>
    public static readonly DemoSize Tiny = new("tiny", 1, 4, 24, 12, 6, 6, 0);

    public static DemoSize Parse(string name) => name.ToLowerInvariant() switch
    {
        "demo" => Demo,
        "city" => City,
        "national" => National,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"Unknown data set size '{name}'; use demo, city, national or tiny.", nameof(name)),
    };
}
