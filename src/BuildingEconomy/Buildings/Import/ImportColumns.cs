namespace BuildingEconomy.Buildings.Import;

/// <summary>One column of an import file: the field it fills and the header the templates give it.</summary>
public sealed record ImportColumn(string Field, string Header, bool Required = false);

/// <summary>
/// The columns of the register's files. The same list makes the templates, reads the imports and writes the
/// exports, so the three cannot drift apart. Headers are Chinese (the files are filled in by Chinese offices);
/// a file may also use the field names (externalKey, name…) as headers, which is what GeoJSON properties usually do.
/// </summary>
public static class ImportColumns
{
    public const string BuildingsSheet = "楼宇";
    public const string SpacesSheet = "房源";

    public static readonly IReadOnlyList<ImportColumn> Buildings =
    [
        new("externalKey", "外部编号", Required: true),
        new("name", "名称", Required: true),
        new("aliases", "别名"),
        new("address", "地址", Required: true),
        new("longitude", "经度", Required: true),
        new("latitude", "纬度", Required: true),
        new("coordinateSystem", "坐标系"),
        new("grade", "等级"),
        new("use", "楼宇类型"),
        new("constructionStatus", "建设状态"),
        new("completionYear", "竣工年份"),
        new("grossFloorArea", "总建筑面积"),
        new("forSaleArea", "可售面积"),
        new("forRentArea", "可租面积"),
        new("selfUseArea", "自用面积"),
        new("leasableArea", "可租售面积"),
        new("floorsAboveGround", "地上层数"),
        new("floorsBelowGround", "地下层数"),
        new("passengerElevators", "客梯数"),
        new("freightElevators", "货梯数"),
        new("parkingAboveGround", "地上停车位"),
        new("parkingBelowGround", "地下停车位"),
        new("themeId", "主题"),
        new("facilityIds", "配套设施"),
        new("propertyCompany", "物业公司"),
        new("oneToOneContact", "一对一联系领导"),
        new("oneToOneContactPhone", "一对一联系领导电话"),
        new("propertyContacts", "物业联络员"),
        new("propertyContactPhone", "物业联络员电话"),
        new("requiredToReport", "需报送月报"),
    ];

    public static readonly IReadOnlyList<ImportColumn> Spaces =
    [
        new("buildingExternalKey", "楼宇外部编号", Required: true),
        new("externalKey", "外部编号", Required: true),
        new("floor", "楼层", Required: true),
        new("unit", "房号", Required: true),
        new("area", "面积", Required: true),
        new("tenure", "租售方式"),
        new("askingRent", "租金（元/m²/天）"),
        new("salePrice", "售价（元/m²）"),
        new("fitOut", "装修"),
        new("status", "状态"),
        new("availableFrom", "可入驻日期"),
        new("divisible", "可分割"),
        new("minDivisibleArea", "最小分割面积"),
    ];

    /// <summary>The field a header names, by its Chinese header or its field name; null for a column the register does not know.</summary>
    public static string? FieldOf(IReadOnlyList<ImportColumn> columns, string header)
    {
        var text = header.Trim().TrimStart('*').TrimEnd('*').Trim();
        return columns.FirstOrDefault(c => c.Header == text || string.Equals(c.Field, text, StringComparison.OrdinalIgnoreCase))?.Field;
    }

    public static string HeaderOf(IReadOnlyList<ImportColumn> columns, string field) =>
        columns.FirstOrDefault(c => c.Field == field)?.Header
        // Rules name a few fields the files spread over two columns.
        ?? field switch
        {
            "location" => "经度",
            _ => field,
        };
}
