using BuildingEconomy.Buildings;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.IntegrationTests.Dashboards;

/// <summary>
/// Two districts whose dashboard figures are counted by hand in the tests. District A's West subdistrict holds
/// DESIGN.md's worked example (B1 + B2 in October); East holds a 亿元楼 (B4), a building that did not file in October
/// (B3), one completed this year (B7), one under construction, one planned and one archived. District B has B8.
/// </summary>
public sealed class DashboardWorld
{
    public static readonly DateOnly October = new(2026, 10, 1);
    public static readonly DateOnly September = new(2026, 9, 1);
    public const string Elsewhere = "上海市浦东新区";

    public int DistrictA { get; private set; }
    public int DistrictB { get; private set; }
    public int West { get; private set; }
    public int East { get; private set; }
    public int Lakeside { get; private set; }
    public Dictionary<string, Building> Buildings { get; } = [];
    public long B1OctoberReturnId { get; private set; }

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 2, 0, 0, TimeSpan.Zero);
    private long syntheticReturnId = 900_000;

    public int this[string key] => Buildings[key].Id;

    public static async Task<DashboardWorld> SeedAsync(BuildingEconomyDbContext db)
    {
        var world = new DashboardWorld();
        await world.SeedPlacesAsync(db);
        await world.SeedFiguresAsync(db);
        return world;
    }

    private async Task SeedPlacesAsync(BuildingEconomyDbContext db)
    {
        var a = new District { AdminCode = "330108", Name = "滨江区", NameEn = "Binjiang", Boundary = Rectangle(120.0, 30.0, 120.2, 30.2) };
        var west = new Subdistrict { Code = "330108001", Name = "西兴街道", NameEn = "Xixing", District = a, Boundary = Rectangle(120.0, 30.0, 120.1, 30.2) };
        var east = new Subdistrict { Code = "330108002", Name = "长河街道", NameEn = "Changhe", District = a, Boundary = Rectangle(120.1, 30.0, 120.2, 30.2) };
        var b = new District { AdminCode = "330109", Name = "湖畔区", NameEn = "Lakeside", Boundary = Rectangle(121.0, 30.0, 121.1, 30.1) };
        var lakeside = new Subdistrict { Code = "330109001", Name = "湖畔街道", NameEn = "Lakeside", District = b, Boundary = Rectangle(121.0, 30.0, 121.1, 30.1) };
        db.AddRange(a, west, east, b, lakeside);
        await db.SaveChangesAsync();
        (DistrictA, DistrictB, West, East, Lakeside) = (a.Id, b.Id, west.Id, east.Id, lakeside.Id);

        Add("B1", 120.05, 30.10, BuildingGrade.A, BuildingUse.Office, 1, 2010, 200_000m);
        Add("B2", 120.06, 30.11, BuildingGrade.B, BuildingUse.MixedUse, null, 2015, 120_000m);
        Add("B3", 120.15, 30.10, BuildingGrade.A, BuildingUse.Office, 2, 2005, 30_000m);
        Add("B4", 120.16, 30.11, BuildingGrade.Premium, BuildingUse.Complex, 1, 2018, 150_000m);
        Add("B5", 120.17, 30.12, BuildingGrade.A, BuildingUse.Office, null, 2027, 90_000m, ConstructionStatus.UnderConstruction, required: false);
        Add("B6", 120.18, 30.13, BuildingGrade.C, BuildingUse.Office, null, 2000, 10_000m, archived: true);
        Add("B7", 120.19, 30.14, BuildingGrade.C, BuildingUse.IndustrialPark, 4, 2026, 25_000m);
        Add("B8", 121.05, 30.05, BuildingGrade.A, BuildingUse.Office, 1, 2012, 60_000m);
        Add("B9", 120.12, 30.02, BuildingGrade.Ungraded, BuildingUse.Office, null, 2028, 70_000m, ConstructionStatus.Planned, required: false);
        db.AddRange(Buildings.Values);
        await db.SaveChangesAsync();
        // The trigger put each building in its subdistrict; read back what the read model copies.
        foreach (var building in Buildings.Values) await db.Entry(building).ReloadAsync();
    }

    private void Add(string key, double lon, double lat, BuildingGrade grade, BuildingUse use, int? theme, int year, decimal gfa,
        ConstructionStatus status = ConstructionStatus.Completed, bool required = true, bool archived = false) =>
        Buildings[key] = new Building
        {
            ExternalKey = key,
            Name = $"测试楼宇{key}",
            Address = $"测试路{key}号",
            Location = Wgs84.CreatePoint(new Coordinate(lon, lat)),
            Grade = grade,
            Use = use,
            ThemeId = theme,
            ConstructionStatus = status,
            CompletionYear = year,
            GrossFloorArea = gfa,
            RequiredToReport = required,
            Archived = archived,
            PropertyCompany = $"{key}物业",
            PropertyContacts = [new Contact { Name = $"{key}联络员", Phone = "13800000000" }],
            OneToOneContact = new Contact { Name = $"{key}领导" },
            UpdatedAt = Now,
        };

    private async Task SeedFiguresAsync(BuildingEconomyDbContext db)
    {
        // B1 and B2 in October are DESIGN.md's worked example: for sale 150,700 (sold 145,700), for rent 84,700
        // (leased 66,800), 322 resident enterprises of which 125 are registered elsewhere.
        Figures(db, "B1", September, forSale: 100_000m, forRent: 40_000m, sold: 97_000m, leased: 30_000m, resident: 120_000m, marketed: 15_000m,
            enterprises: 200, local: 120, localArea: 80_000m, tax: 600_000m);
        var b1October = await ReturnAsync(db, "B1", October, [Line(1, "local", 500m, local: true), Line(2, "far", 300m, local: false), Line(3, "signed", 200m, local: false, TenantState.Signed)]);
        B1OctoberReturnId = b1October.Id;
        Figures(db, "B1", October, forSale: 100_000m, forRent: 40_000m, sold: 98_000m, leased: 31_000m, resident: 121_000m, marketed: 12_000m,
            enterprises: 202, local: 122, localArea: 81_000m, tax: 600_000m, returnId: b1October.Id);
        var b2October = await ReturnAsync(db, "B2", October, [Line(1, "bj", 1_000m, local: false, place: "北京市朝阳区")]);
        Figures(db, "B2", October, forSale: 50_700m, forRent: 44_700m, sold: 47_700m, leased: 35_800m, resident: 80_000m, marketed: 14_000m,
            enterprises: 120, local: 75, localArea: 50_000m, returnId: b2October.Id);
        var b3September = await ReturnAsync(db, "B3", September, [Line(1, "b3", 150m, local: false)]);
        Figures(db, "B3", September, forSale: 0m, forRent: 20_000m, sold: 0m, leased: 15_000m, resident: 14_000m, marketed: 6_000m,
            enterprises: 30, local: 10, localArea: 4_000m, returnId: b3September.Id);
        // B4: 8.4 million yuan a month from November 2025, so its 12 months to October 2026 are 100.8 million.
        for (var month = new DateOnly(2025, 11, 1); month <= October; month = month.AddMonths(1))
        {
            Figures(db, "B4", month, forSale: 0m, forRent: 60_000m, sold: 0m, leased: 54_000m, resident: month == October ? 52_000m : 50_000m,
                marketed: 7_000m, enterprises: 80, local: 70, localArea: 47_000m, tax: 8_400_000m);
        }
        // B7 was completed this year and first filed in June.
        for (var month = new DateOnly(2026, 6, 1); month <= October; month = month.AddMonths(1))
        {
            Figures(db, "B7", month, forSale: 0m, forRent: 10_000m, sold: 0m, leased: 4_000m, resident: month == October ? 3_500m : 3_000m,
                marketed: 6_000m, enterprises: 10, local: 9, localArea: 3_200m);
        }
        Figures(db, "B8", September, forSale: 0m, forRent: 30_000m, sold: 0m, leased: 27_000m, resident: 24_000m, marketed: 3_000m, enterprises: 50, local: 20, localArea: 10_000m);
        var b8October = await ReturnAsync(db, "B8", October, [Line(1, "lake", 400m, local: true)]);
        Figures(db, "B8", October, forSale: 0m, forRent: 30_000m, sold: 0m, leased: 27_000m, resident: 25_000m, marketed: 3_000m, enterprises: 50, local: 20, localArea: 10_000m,
            returnId: b8October.Id);
        await db.SaveChangesAsync();
    }

    public BuildingMonthFigures Figures(BuildingEconomyDbContext db, string key, DateOnly period, decimal forSale, decimal forRent, decimal sold, decimal leased,
        decimal resident, decimal marketed, int enterprises, int local, decimal localArea, decimal? tax = null, long? returnId = null)
    {
        var building = Buildings[key];
        var row = new BuildingMonthFigures
        {
            BuildingId = building.Id,
            Period = period,
            ReturnId = returnId ?? ++syntheticReturnId,
            DistrictId = building.DistrictId,
            SubdistrictId = building.SubdistrictId,
            Grade = building.Grade,
            Use = building.Use,
            ThemeId = building.ThemeId,
            ForSaleArea = forSale,
            ForRentArea = forRent,
            SoldArea = sold,
            LeasedArea = leased,
            ResidentArea = resident,
            MarketedArea = marketed,
            ResidentEnterprises = enterprises,
            LocallyRegisteredEnterprises = local,
            LocallyRegisteredArea = localArea,
            TaxAmount = tax,
            TaxBasis = tax is null ? null : TaxBasis.AllTaxes,
        };
        db.Add(row);
        return row;
    }

    public async Task<MonthlyReturn> ReturnAsync(BuildingEconomyDbContext db, string key, DateOnly period, List<ReturnLine> lines, int version = 1)
    {
        var monthly = new MonthlyReturn
        {
            BuildingId = Buildings[key].Id,
            Period = period,
            Version = version,
            Status = ReturnStatus.Applied,
            Channel = ReturnChannel.Web,
            SubmittedAt = Now,
            AppliedAt = Now,
            Lines = lines,
        };
        db.Add(monthly);
        await db.SaveChangesAsync();
        return monthly;
    }

    public static ReturnLine Line(int number, string name, decimal area, bool local, TenantState state = TenantState.Resident, string place = Elsewhere)
    {
        var first17 = $"9133010800000{number:D4}";
        return new ReturnLine
        {
            LineNumber = number,
            CreditCode = first17 + UnifiedSocialCreditCode.CheckCharacter(first17),
            EnterpriseName = $"{name}企业{number}有限公司",
            Area = area,
            State = state,
            MovedInOn = state == TenantState.Resident ? new DateOnly(2024, 1, 1) : null,
            RegisteredLocally = local,
            RegisteredPlace = local ? "滨江区" : place,
            Employees = 10,
        };
    }

    private static MultiPolygon Rectangle(double west, double south, double east, double north) =>
        Wgs84.CreateMultiPolygon([Wgs84.CreatePolygon([
            new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)])]);
}
