using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.Search;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>
/// A district small enough that every search's answer can be worked out by hand (the expectations in
/// <see cref="SearchConformanceCases"/>). Two subdistricts side by side: 西城 (lon 120.0–120.1) and 东城
/// (120.1–120.2), lat 30.0–30.1. Ten searchable spaces in five buildings, plus one of each kind that must never
/// show: a leased space without a date, an archived space, an archived building.
/// </summary>
public static class SearchSample
{
    public const string DistrictCode = "330199";
    public const string West = "330199001";
    public const string East = "330199002";

    public static readonly GeoPoint GuomaoCentre = new(120.05, 30.05);

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly DateTimeOffset Base = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task SeedAsync(BuildingEconomyDbContext db)
    {
        var district = new District { AdminCode = DistrictCode, Name = "测试区", NameEn = "Test District", Boundary = Rectangle(120.0, 30.0, 120.2, 30.1) };
        db.AddRange(
            district,
            new Subdistrict { Code = West, Name = "西城街道", NameEn = "Xicheng", District = district, Boundary = Rectangle(120.0, 30.0, 120.1, 30.1) },
            new Subdistrict { Code = East, Name = "东城街道", NameEn = "Dongcheng", District = district, Boundary = Rectangle(120.1, 30.0, 120.2, 30.1) });
        await db.SaveChangesAsync();

        var facilities = await db.Facilities.ToDictionaryAsync(f => f.Code);
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code);

        var b1 = Building("B1", "国贸中心", 120.05, 30.05, BuildingGrade.A, BuildingUse.Office, "测试区中心路1号", "华信物业管理有限公司");
        b1.Aliases = ["国贸大厦"];
        b1.Theme = themes["finance"];
        b1.Facilities = [facilities["canteen"], facilities["gym"]];
        (b1.GrossFloorArea, b1.ParkingAboveGround, b1.ParkingBelowGround) = (50_000m, 20, 480); // 10.00
        b1.Spaces =
        [
            Space("101", 10, 300m, 5.5m, FitOut.Fine, SpaceStatus.Available),
            Space("102", 12, 800m, 6.0m, FitOut.Fine, SpaceStatus.Available, minDivisible: 200m),
            Space("103", 15, 150m, 7.0m, FitOut.Bare, SpaceStatus.Leased, availableFrom: new DateOnly(2026, 12, 1)),
            Space("104", 16, 250m, 4.0m, FitOut.Fine, SpaceStatus.Leased), // leased with no date: never searchable
            Space("105", 18, 400m, 5.0m, FitOut.Fine, SpaceStatus.Available, archived: true),
        ];

        var b2 = Building("B2", "国际金融广场", 120.06, 30.052, BuildingGrade.Premium, BuildingUse.Office, "测试区国贸路8号", "嘉禾物业");
        b2.Theme = themes["finance"];
        b2.Facilities = [facilities["canteen"], facilities["gym"], facilities["conference-centre"]];
        (b2.GrossFloorArea, b2.ParkingAboveGround, b2.ParkingBelowGround) = (100_000m, 100, 500); // 6.00
        b2.Spaces =
        [
            Space("201", 20, 1200m, 12.5m, FitOut.Fine, SpaceStatus.Available),
            Space("202", 21, 480m, 11.0m, FitOut.Furnished, SpaceStatus.Available, availableFrom: new DateOnly(2027, 3, 1)),
            Space("203", 22, 600m, null, FitOut.Fine, SpaceStatus.Available, salePrice: 60_000m),
        ];

        var b3 = Building("B3", "星河科技园", 120.15, 30.05, BuildingGrade.B, BuildingUse.IndustrialPark, "测试区科技路3号", "星河物业");
        b3.Theme = themes["technology"];
        b3.Facilities = [facilities["ev-charging"]];
        (b3.GrossFloorArea, b3.ParkingAboveGround, b3.ParkingBelowGround) = (20_000m, 40, 0); // 2.00
        b3.Spaces =
        [
            Space("3-1", 1, 90m, 2.5m, FitOut.Bare, SpaceStatus.Available),
            Space("3-2", 2, 2500m, 2.8m, FitOut.Basic, SpaceStatus.Available, minDivisible: 500m),
        ];

        var b4 = Building("B4", "天合大厦", 120.16, 30.08, BuildingGrade.A, BuildingUse.Office, "测试区东环路4号", "国贸物业有限公司");
        b4.ConstructionStatus = ConstructionStatus.UnderConstruction;
        b4.Spaces = [Space("4-1", 5, 350m, 4.5m, FitOut.Fine, SpaceStatus.Available, availableFrom: new DateOnly(2027, 6, 1))];

        var b5 = Building("B5", "国贸旧楼", 120.04, 30.04, BuildingGrade.B, BuildingUse.Office, "测试区旧街5号", null);
        b5.Archived = true;
        b5.Spaces = [Space("5-1", 3, 300m, 3.0m, FitOut.Basic, SpaceStatus.Available)];

        var b6 = Building("B6", "贸易中心", 120.02, 30.02, BuildingGrade.C, BuildingUse.Complex, "测试区南路6号", null);
        b6.Spaces = [Space("B1-01", -1, 60m, 1.5m, FitOut.Basic, SpaceStatus.Available)];

        // Each space a minute newer than the one listed before it, so "newest" has one right answer.
        var minute = 0;
        foreach (var space in new[] { b1, b2, b3, b4, b5, b6 }.SelectMany(b => b.Spaces)) space.UpdatedAt = Base.AddMinutes(++minute);
        db.AddRange(b1, b2, b3, b4, b5, b6);
        await db.SaveChangesAsync();
    }

    private static Building Building(string key, string name, double lon, double lat, BuildingGrade grade, BuildingUse use, string address, string? company) => new()
    {
        ExternalKey = key,
        Name = name,
        Address = address,
        PropertyCompany = company,
        Location = Wgs84.CreatePoint(new Coordinate(lon, lat)),
        Grade = grade,
        Use = use,
        ConstructionStatus = ConstructionStatus.Completed,
        UpdatedAt = Base,
    };

    private static Space Space(string unit, int floor, decimal area, decimal? rent, FitOut fitOut, SpaceStatus status,
        decimal? minDivisible = null, DateOnly? availableFrom = null, bool archived = false, decimal? salePrice = null) => new()
    {
        ExternalKey = unit,
        Unit = unit,
        Floor = floor,
        Area = area,
        Tenure = salePrice is null ? Tenure.Rent : Tenure.Sale,
        AskingRent = rent,
        SalePrice = salePrice,
        FitOut = fitOut,
        Status = status,
        AvailableFrom = availableFrom,
        Divisible = minDivisible is not null,
        MinDivisibleArea = minDivisible,
        Archived = archived,
        UpdatedAt = Base,
    };

    private static MultiPolygon Rectangle(double west, double south, double east, double north) =>
        Wgs84.CreateMultiPolygon([Wgs84.CreatePolygon([new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)])]);
}
