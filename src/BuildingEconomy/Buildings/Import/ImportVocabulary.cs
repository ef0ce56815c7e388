using System.Globalization;

namespace BuildingEconomy.Buildings.Import;

/// <summary>
/// How import files write enumerations, yes/no, numbers and dates. Files are a fixed exchange format: Chinese labels
/// as people type them in spreadsheets, and the English code names too, whatever the UI language. Export writes the
/// Chinese labels, so an exported file imports back unchanged.
/// </summary>
public static class ImportVocabulary
{
    public static readonly IReadOnlyDictionary<BuildingGrade, string> Grades = new Dictionary<BuildingGrade, string>
    {
        [BuildingGrade.Premium] = "超甲级", [BuildingGrade.A] = "甲级", [BuildingGrade.B] = "乙级", [BuildingGrade.C] = "丙级", [BuildingGrade.Ungraded] = "未评级",
    };

    public static readonly IReadOnlyDictionary<BuildingUse, string> Uses = new Dictionary<BuildingUse, string>
    {
        [BuildingUse.Office] = "纯写字楼", [BuildingUse.MixedUse] = "商住两用", [BuildingUse.Complex] = "商业综合体", [BuildingUse.IndustrialPark] = "产业园",
    };

    public static readonly IReadOnlyDictionary<ConstructionStatus, string> ConstructionStatuses = new Dictionary<ConstructionStatus, string>
    {
        [ConstructionStatus.Planned] = "规划", [ConstructionStatus.UnderConstruction] = "在建", [ConstructionStatus.Completed] = "已建",
    };

    public static readonly IReadOnlyDictionary<Tenure, string> Tenures = new Dictionary<Tenure, string>
    {
        [Tenure.Rent] = "出租", [Tenure.Sale] = "出售",
    };

    public static readonly IReadOnlyDictionary<SpaceStatus, string> SpaceStatuses = new Dictionary<SpaceStatus, string>
    {
        [SpaceStatus.Available] = "可租售", [SpaceStatus.Leased] = "已租", [SpaceStatus.Sold] = "已售", [SpaceStatus.SelfUse] = "自用",
    };

    public static readonly IReadOnlyDictionary<FitOut, string> FitOuts = new Dictionary<FitOut, string>
    {
        [FitOut.Bare] = "毛坯", [FitOut.Basic] = "简装", [FitOut.Fine] = "精装", [FitOut.Furnished] = "带家具",
    };

    public static readonly IReadOnlyDictionary<CoordinateSystem, string> CoordinateSystems = new Dictionary<CoordinateSystem, string>
    {
        [CoordinateSystem.Wgs84] = "WGS-84", [CoordinateSystem.Gcj02] = "GCJ-02", [CoordinateSystem.Bd09] = "BD-09",
    };

    // Other spellings people use for the same values.
    private static readonly Dictionary<string, CoordinateSystem> CoordinateAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WGS84"] = CoordinateSystem.Wgs84, ["GPS"] = CoordinateSystem.Wgs84, ["GCJ02"] = CoordinateSystem.Gcj02, ["高德"] = CoordinateSystem.Gcj02,
        ["腾讯"] = CoordinateSystem.Gcj02, ["火星坐标"] = CoordinateSystem.Gcj02, ["BD09"] = CoordinateSystem.Bd09, ["百度"] = CoordinateSystem.Bd09,
    };

    private static readonly Dictionary<string, SpaceStatus> StatusAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["空置"] = SpaceStatus.Available, ["待租"] = SpaceStatus.Available, ["待售"] = SpaceStatus.Available,
    };

    public static bool TryParse<TEnum>(string text, IReadOnlyDictionary<TEnum, string> labels, out TEnum value) where TEnum : struct, Enum
    {
        text = text.Trim();
        foreach (var (candidate, label) in labels)
        {
            if (label == text) { value = candidate; return true; }
        }
        if (typeof(TEnum) == typeof(CoordinateSystem) && CoordinateAliases.TryGetValue(text, out var system)) { value = (TEnum)(object)system; return true; }
        if (typeof(TEnum) == typeof(SpaceStatus) && StatusAliases.TryGetValue(text, out var status)) { value = (TEnum)(object)status; return true; }
        // Code names (Premium, A, Office…), never numbers: "3" in a grade column is a mistake, not the fourth grade.
        if (!text.Any(char.IsAsciiDigit) && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value)) return true;
        value = default;
        return false;
    }

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "是" or "y" or "yes" or "true" or "1" or "√":
                value = true; return true;
            case "否" or "n" or "no" or "false" or "0" or "×":
                value = false; return true;
            default:
                value = false; return false;
        }
    }

    public static bool TryParseDecimal(string text, out decimal value) =>
        decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt(string text, out int value)
    {
        // Spreadsheets hand whole numbers over as 12 or 12.0.
        if (TryParseDecimal(text, out var number) && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }
        value = 0;
        return false;
    }

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Lists in one cell: 、 , ， ; ； or /.</summary>
    public static string[] SplitList(string text) =>
        text.Split(['、', ',', '，', ';', '；', '/', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Yes(bool value) => value ? "是" : "否";
}
