using BuildingEconomy.Buildings;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.IntegrationTests.Data;

/// <summary>The database assigns every building to the subdistrict whose boundary contains it, whoever writes.</summary>
public class SubdistrictAssignmentTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly GeometryFactory Geometry = new(new PrecisionModel(), 4326);
    private static int instances;

    // Tests of a class share one database; each test draws its district somewhere no other test has.
    private readonly double x0 = 100 + Interlocked.Increment(ref instances);
    private District district = null!;
    private Subdistrict west = null!, east = null!;

    public async Task InitializeAsync()
    {
        await using var context = database.CreateContext();
        district = new District { AdminCode = $"{Random.Shared.Next(100_000, 999_999)}", Name = "测试区", NameEn = "Test District", Boundary = Square(x0 + 0.00, 22.0, x0 + 0.20, 22.1) };
        west = new Subdistrict { District = district, Code = Guid.NewGuid().ToString("N")[..12], Name = "西街道", NameEn = "West", Boundary = Square(x0 + 0.00, 22.0, x0 + 0.10, 22.1) };
        east = new Subdistrict { District = district, Code = Guid.NewGuid().ToString("N")[..12], Name = "东街道", NameEn = "East", Boundary = Square(x0 + 0.10, 22.0, x0 + 0.20, 22.1) };
        context.AddRange(district, west, east);
        await context.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Saving_a_building_assigns_its_subdistrict_and_district()
    {
        await using var context = database.CreateContext();
        var building = NewBuilding(x0 + 0.05, 22.05);
        context.Buildings.Add(building);
        await context.SaveChangesAsync();

        Assert.Equal(west.Id, building.SubdistrictId);
        Assert.Equal(district.Id, building.DistrictId);
    }

    [Fact]
    public async Task Moving_a_building_reassigns_it()
    {
        await using var context = database.CreateContext();
        var building = NewBuilding(x0 + 0.05, 22.05);
        context.Buildings.Add(building);
        await context.SaveChangesAsync();

        building.Location = Geometry.CreatePoint(new Coordinate(x0 + 0.15, 22.05));
        await context.SaveChangesAsync();

        await using var fresh = database.CreateContext();
        Assert.Equal(east.Id, (await fresh.Buildings.SingleAsync(b => b.Id == building.Id)).SubdistrictId);
    }

    [Fact]
    public async Task A_building_outside_every_subdistrict_has_none()
    {
        await using var context = database.CreateContext();
        var building = NewBuilding(x0 + 0.5, 23.5);
        context.Buildings.Add(building);
        await context.SaveChangesAsync();

        Assert.Null(building.SubdistrictId);
        Assert.Null(building.DistrictId);
    }

    [Fact]
    public async Task Redrawing_a_boundary_reassigns_the_buildings_it_moves()
    {
        await using var context = database.CreateContext();
        var building = NewBuilding(x0 + 0.09, 22.05);
        context.Buildings.Add(building);
        await context.SaveChangesAsync();
        Assert.Equal(west.Id, building.SubdistrictId);

        await context.Subdistricts.Where(s => s.Id == west.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Boundary, Square(x0 + 0.00, 22.0, x0 + 0.08, 22.1)));
        await context.Subdistricts.Where(s => s.Id == east.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Boundary, Square(x0 + 0.08, 22.0, x0 + 0.20, 22.1)));

        await using var fresh = database.CreateContext();
        Assert.Equal(east.Id, (await fresh.Buildings.SingleAsync(b => b.Id == building.Id)).SubdistrictId);
    }

    private static MultiPolygon Square(double minX, double minY, double maxX, double maxY) =>
        Geometry.CreateMultiPolygon([Geometry.CreatePolygon([new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)])]);

    private static Building NewBuilding(double longitude, double latitude) => new()
    {
        ExternalKey = Guid.NewGuid().ToString("N"),
        Name = "测试大厦",
        Address = "测试路1号",
        Location = Geometry.CreatePoint(new Coordinate(longitude, latitude)),
        Grade = BuildingGrade.A,
        GrossFloorArea = 10_000,
        ForRentArea = 7_000,
        PropertyContacts = [new Contact { Name = "王伟", Phone = "13800000000" }],
        OneToOneContact = new Contact { Name = "李强", Title = "街道办事处主任" },
    };
}
