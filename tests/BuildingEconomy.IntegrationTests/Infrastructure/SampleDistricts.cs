using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.IntegrationTests.Infrastructure;

/// <summary>
/// Two districts small enough to count by hand. Every kind of row the overview must leave out (archived,
/// not yet moved in, moved out, superseded, not required to report, outside every subdistrict) is here once.
/// </summary>
public static class SampleDistricts
{
    public const string Name = "滨江区";
    public const string NameEn = "Binjiang District";
    public const string EmptyName = "湖畔区";
    public const string EmptyNameEn = "Lakeside District";

    // Expected figures for 滨江区, counted from the rows below.
    public const int Subdistricts = 2;
    public const int Buildings = 3;
    public const int Spaces = 5;
    public const int AvailableSpaces = 3;
    public const decimal AvailableArea = 1000.25m + 200.50m + 80.00m;
    public const int ResidentEnterprises = 2;
    public static readonly DateOnly LatestPeriod = new(2026, 10, 1);
    public const int Filed = 1;
    public const int RequiredToReport = 2;

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    // Npgsql writes timestamptz only from UTC values.
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 1, 0, 0, TimeSpan.Zero);

    public static async Task<(int District, int EmptyDistrict)> SeedAsync(BuildingEconomyDbContext db)
    {
        var district = new District { AdminCode = "330108", Name = Name, NameEn = NameEn, Boundary = Square(120.0, 30.0, 0.2) };
        var west = new Subdistrict { Code = "330108001", Name = "西兴街道", NameEn = "Xixing", District = district, Boundary = Rectangle(120.0, 30.0, 120.1, 30.2) };
        var east = new Subdistrict { Code = "330108002", Name = "长河街道", NameEn = "Changhe", District = district, Boundary = Rectangle(120.1, 30.0, 120.2, 30.2) };
        var empty = new District { AdminCode = "330109", Name = EmptyName, NameEn = EmptyNameEn, Boundary = Square(121.0, 30.0, 0.1) };
        var lakeside = new Subdistrict { Code = "330109001", Name = "湖畔街道", NameEn = "Lakeside", District = empty, Boundary = Square(121.0, 30.0, 0.1) };
        db.AddRange(district, west, east, empty, lakeside);
        await db.SaveChangesAsync();

        // The database trigger puts each building in the subdistrict (and district) that covers its location.
        var b1 = NewBuilding("B1", 120.05, 30.1);
        b1.Spaces = [Space("101", 1000.25m, SpaceStatus.Available), Space("102", 200.50m, SpaceStatus.Available), Space("103", 50m, SpaceStatus.Leased)];
        var b2 = NewBuilding("B2", 120.15, 30.1);
        b2.Spaces = [Space("201", 80.00m, SpaceStatus.Available), Space("202", 999m, SpaceStatus.Available, archived: true)];
        var b3 = NewBuilding("B3", 120.15, 30.05);
        b3.RequiredToReport = false;
        b3.Spaces = [Space("301", 60m, SpaceStatus.Leased)];
        var archived = NewBuilding("B4", 120.05, 30.05);
        archived.Archived = true;
        archived.Spaces = [Space("401", 500m, SpaceStatus.Available)];
        var outside = NewBuilding("B5", 125.0, 35.0);
        outside.Spaces = [Space("501", 70m, SpaceStatus.Available)];
        db.AddRange(b1, b2, b3, archived, outside);

        var e1 = Enterprise(1);
        var e2 = Enterprise(2);
        var e3 = Enterprise(3);
        var e4 = Enterprise(4);
        var e5 = Enterprise(5);
        db.AddRange(e1, e2, e3, e4, e5);
        db.AddRange(
            Tenancy(b1, e1, movedIn: new(2024, 3, 1)),
            Tenancy(b2, e1, movedIn: new(2025, 1, 1)), // the same enterprise in a second building of the district
            Tenancy(b3, e2, movedIn: new(2024, 6, 1)),
            Tenancy(b1, e3, movedIn: null), // signed, not yet moved in
            Tenancy(b2, e4, movedIn: new(2023, 1, 1), movedOut: new(2025, 12, 31)),
            Tenancy(archived, e5, movedIn: new(2024, 1, 1)));

        var september = new DateOnly(2026, 9, 1);
        var corrected = Return(b1, LatestPeriod, ReturnStatus.Superseded);
        db.AddRange(
            Return(b1, september, ReturnStatus.Applied),
            corrected,
            Return(b2, september, ReturnStatus.Applied),
            Return(b2, LatestPeriod, ReturnStatus.Submitted), // not yet applied
            Return(b3, LatestPeriod, ReturnStatus.Applied), // filed though not required
            Return(archived, new DateOnly(2026, 11, 1), ReturnStatus.Applied));
        await db.SaveChangesAsync();

        var correction = Return(b1, LatestPeriod, ReturnStatus.Applied);
        correction.Version = 2;
        correction.SupersedesId = corrected.Id;
        db.Add(correction);
        await db.SaveChangesAsync();
        return (district.Id, empty.Id);
    }

    private static Building NewBuilding(string key, double lon, double lat) => new()
    {
        ExternalKey = key,
        Name = $"楼宇{key}",
        Address = $"测试路{key}号",
        Location = Wgs84.CreatePoint(new Coordinate(lon, lat)),
        Grade = BuildingGrade.A,
        ConstructionStatus = ConstructionStatus.Completed,
        UpdatedAt = Now,
    };

    private static Space Space(string unit, decimal area, SpaceStatus status, bool archived = false) => new()
    {
        ExternalKey = unit,
        Unit = unit,
        Floor = int.Parse(unit[..1], System.Globalization.CultureInfo.InvariantCulture),
        Area = area,
        Status = status,
        Archived = archived,
        UpdatedAt = Now,
    };

    private static Enterprise Enterprise(int n)
    {
        var first17 = $"91330108{n:D9}";
        return new Enterprise
        {
            CreditCode = first17 + UnifiedSocialCreditCode.CheckCharacter(first17),
            Name = $"测试企业{n}有限公司",
            UpdatedAt = Now,
        };
    }

    private static Tenancy Tenancy(Building building, Enterprise enterprise, DateOnly? movedIn, DateOnly? movedOut = null) => new()
    {
        Building = building,
        Enterprise = enterprise,
        Area = 100m,
        SignedOn = new DateOnly(2023, 1, 1),
        MovedInOn = movedIn,
        MovedOutOn = movedOut,
        UpdatedAt = Now,
    };

    private static MonthlyReturn Return(Building building, DateOnly period, ReturnStatus status) => new()
    {
        Building = building,
        Period = period,
        Status = status,
        Channel = ReturnChannel.Web,
        SubmittedAt = Now,
    };

    private static MultiPolygon Square(double lon, double lat, double size) => Rectangle(lon, lat, lon + size, lat + size);

    private static MultiPolygon Rectangle(double west, double south, double east, double north) =>
        Wgs84.CreateMultiPolygon([Wgs84.CreatePolygon([
            new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)])]);
}
