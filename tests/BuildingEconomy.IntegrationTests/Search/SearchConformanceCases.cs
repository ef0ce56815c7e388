using BuildingEconomy.Search;

namespace BuildingEconomy.IntegrationTests.Search;

/// <summary>A search over <see cref="SearchSample"/> and what any engine must answer.</summary>
public sealed record ConformanceCase(string Name, string Query, Action<SpaceSearchResult> Check)
{
    public override string ToString() => Name;
}

/// <summary>
/// The conformance suite: the same cases for every engine (PostgreSQL always; Elasticsearch live when
/// ELASTICSEARCH_URL is set). Expectations are worked out by hand from <see cref="SearchSample"/>.
/// </summary>
public static class SearchConformanceCases
{
    private const string B1 = "国贸中心", B2 = "国际金融广场", B3 = "星河科技园", B4 = "天合大厦", B6 = "贸易中心";

    public static readonly IReadOnlyList<ConformanceCase> All =
    [
        new("everything searchable, nothing else", "", r =>
        {
            Assert.Equal(10, r.TotalSpaces);
            Assert.Equal(5, r.TotalBuildings);
            // Without text every group scores the same: building order (ids follow insertion).
            Assert.Equal([B1, B2, B3, B4, B6], Names(r));
            Assert.Equal(["101", "102", "103"], Units(r, B1));
            Assert.Equal(3, r.Buildings[0].MatchingSpaces);
        }),
        new("facets count matching spaces", "", r =>
        {
            Assert.Equal([("Premium", 3L), ("A", 4L), ("B", 2L), ("C", 1L)], Buckets(r.Facets.Grade));
            Assert.Equal([("finance", 6L), ("technology", 2L)], Buckets(r.Facets.Theme));
            Assert.Equal([(SearchSample.West, 7L), (SearchSample.East, 3L)], Buckets(r.Facets.Subdistrict));
            Assert.Equal([("Bare", 2L), ("Basic", 2L), ("Fine", 5L), ("Furnished", 1L)], Buckets(r.Facets.FitOut));
            Assert.Equal([("0-100", 2L), ("100-200", 1L), ("200-500", 3L), ("500-1000", 2L), ("1000-2000", 1L), ("2000-", 1L)], Buckets(r.Facets.AreaBand));
            Assert.Equal([("0-3", 3L), ("3-5", 1L), ("5-8", 3L), ("8-12", 1L), ("12-", 1L)], Buckets(r.Facets.RentBand));
        }),
        new("facets follow the filters", "grade=A", r =>
        {
            Assert.Equal([("A", 4L)], Buckets(r.Facets.Grade));
            Assert.Equal([(SearchSample.West, 3L), (SearchSample.East, 1L)], Buckets(r.Facets.Subdistrict));
        }),
        new("two-character Chinese term: name, alias, address, property company", "q=国贸", r =>
        {
            Assert.Equal(new[] { B1, B2, B4 }.Order(), Names(r).Order());
            Assert.Equal(B1, r.Buildings[0].Name); // in the name (and an alias) outranks the address or the company
        }),
        new("longer term is a substring match", "q=国贸中心", r => Assert.Equal([B1], Names(r))),
        new("an alias alone finds the building", "q=国贸大厦", r => Assert.Equal([B1], Names(r))),
        new("one character", "q=贸", r => Assert.Equal(new[] { B1, B2, B4, B6 }.Order(), Names(r).Order())),
        new("every word must match", "q=星河 科技", r => Assert.Equal([B3], Names(r))),
        new("words matching different buildings match none", "q=国贸 科技", r => Assert.Empty(r.Buildings)),
        new("address words", "q=科技路", r => Assert.Equal([B3], Names(r))),
        new("radius around a point", "near=120.05,30.05&radius=2000", r => Assert.Equal([B1, B2], Names(r))),
        new("radius around a named building, by distance", "nearBuilding=国贸中心&radius=2000&sort=distance", r =>
        {
            Assert.Equal([B1, B2], Names(r));
            Assert.Equal(0, r.Buildings[0].DistanceMetres!.Value, 1);
            Assert.InRange(r.Buildings[1].DistanceMetres!.Value, 980, 1000);
        }),
        new("a named building by its alias", "nearBuilding=国贸大厦&radius=1500", r => Assert.Equal([B1, B2], Names(r))),
        new("distance order without a radius", "near=120.05,30.05&sort=distance", r => Assert.Equal([B1, B2, B6, B3, B4], Names(r))),
        new("polygon as WKT", "polygon=" + Uri.EscapeDataString("POLYGON((120.0 30.0, 120.1 30.0, 120.1 30.1, 120.0 30.1, 120.0 30.0))"),
            r => Assert.Equal([B1, B2, B6], Names(r))),
        new("polygon as GeoJSON", "polygon=" + Uri.EscapeDataString("""{"type":"Polygon","coordinates":[[[120.055,30.04],[120.07,30.04],[120.07,30.06],[120.055,30.06],[120.055,30.04]]]}"""),
            r => Assert.Equal([B2], Names(r))),
        new("multipolygon", "polygon=" + Uri.EscapeDataString("MULTIPOLYGON(((120.01 30.01, 120.03 30.01, 120.03 30.03, 120.01 30.03, 120.01 30.01)),((120.14 30.04, 120.16 30.04, 120.16 30.06, 120.14 30.06, 120.14 30.04)))"),
            r => Assert.Equal([B3, B6], Names(r))),
        new("map view", "bbox=120.12,30.0,120.2,30.1", r => Assert.Equal([B3, B4], Names(r))),
        new("subdistrict", $"subdistrict={SearchSample.East}", r => Assert.Equal([B3, B4], Names(r))),
        new("district", $"district={SearchSample.DistrictCode}", r => Assert.Equal(5, r.TotalBuildings)),
        new("grade", "grade=A", r =>
        {
            Assert.Equal([B1, B4], Names(r));
            Assert.Equal(4, r.TotalSpaces);
        }),
        new("several grades", "grade=Premium,C", r => Assert.Equal([B2, B6], Names(r))),
        new("use", "use=IndustrialPark", r => Assert.Equal([B3], Names(r))),
        new("theme", "theme=finance", r => Assert.Equal([B1, B2], Names(r))),
        new("facilities, all of them", "facility=canteen&facility=gym", r => Assert.Equal([B1, B2], Names(r))),
        new("facilities, all of them, comma-separated", "facility=conference-centre,canteen", r => Assert.Equal([B2], Names(r))),
        new("area range respects divisible spaces", "minArea=200&maxArea=500", r =>
        {
            Assert.Equal([B1, B2, B3, B4], Names(r));
            Assert.Equal(new[] { "101", "102", "202", "3-2", "4-1" }.Order(), AllUnits(r).Order());
            Assert.Equal(200m, r.Buildings[0].Spaces.Single(s => s.Unit == "102").MinDivisibleArea);
        }),
        new("rent range", "minRent=5&maxRent=8", r =>
        {
            Assert.Equal([B1], Names(r));
            Assert.Equal(["101", "102", "103"], Units(r, B1));
        }),
        new("floor range", "minFloor=15&maxFloor=21", r => Assert.Equal(new[] { "103", "201", "202" }, AllUnits(r))),
        new("basements", "maxFloor=1", r => Assert.Equal(new[] { "3-1", "B1-01" }, AllUnits(r))),
        new("fit-out", "fitOut=Furnished", r => Assert.Equal(new[] { "202" }, AllUnits(r))),
        new("available by a date takes spaces becoming free", "availableBy=2026-12-31", r =>
        {
            Assert.Equal(8, r.TotalSpaces);
            Assert.Contains("103", AllUnits(r));
            Assert.DoesNotContain("202", AllUnits(r));
            Assert.DoesNotContain(B4, Names(r));
        }),
        new("available by an earlier date", "availableBy=2026-11-30", r => Assert.Equal(7, r.TotalSpaces)),
        new("minimum parking ratio, inclusive", "minParkingRatio=6", r => Assert.Equal([B1, B2], Names(r))),
        new("under construction for pre-leasing", "constructionStatus=UnderConstruction", r => Assert.Equal([B4], Names(r))),
        new("for sale", "tenure=Sale", r => Assert.Equal(new[] { "203" }, AllUnits(r))),
        new("rent, cheapest first", "sort=rent-asc", r =>
        {
            Assert.Equal([B6, B3, B4, B1, B2], Names(r));
            Assert.Equal(["202", "201", "203"], Units(r, B2)); // a space without a rent comes last
        }),
        new("rent, dearest first", "sort=rent-desc", r =>
        {
            Assert.Equal([B2, B1, B4, B3, B6], Names(r));
            Assert.Equal(["103", "102", "101"], Units(r, B1));
        }),
        new("area, largest first", "sort=area-desc", r => Assert.Equal([B3, B2, B1, B4, B6], Names(r))),
        new("area, smallest first", "sort=area-asc", r =>
        {
            Assert.Equal([B6, B3, B1, B4, B2], Names(r));
            Assert.Equal(["103", "101", "102"], Units(r, B1));
        }),
        new("newest", "sort=newest", r =>
        {
            Assert.Equal([B6, B4, B3, B2, B1], Names(r));
            Assert.Equal(["203", "202", "201"], Units(r, B2));
        }),
        new("paging over building groups", "sort=area-asc&pageSize=2&page=2", r =>
        {
            Assert.Equal([B1, B4], Names(r));
            Assert.Equal(5, r.TotalBuildings);
            Assert.Equal(10, r.TotalSpaces);
            Assert.Equal(3, r.TotalPages);
        }),
        new("last page", "sort=area-asc&pageSize=2&page=3", r => Assert.Equal([B2], Names(r))),
        new("past the last page", "pageSize=2&page=4", r =>
        {
            Assert.Empty(r.Buildings);
            Assert.Equal(5, r.TotalBuildings);
        }),
        new("groups carry the building's facts", "q=国贸中心", r =>
        {
            var group = Assert.Single(r.Buildings);
            Assert.Equal("测试区中心路1号", group.Address);
            Assert.Equal(global::BuildingEconomy.Buildings.BuildingGrade.A, group.Grade);
            Assert.Equal("finance", group.Theme);
            Assert.Equal(SearchSample.West, group.Subdistrict);
            Assert.Equal(10.00m, group.ParkingRatio);
            Assert.Equal(30.05, group.Latitude, 6);
            Assert.Equal(120.05, group.Longitude, 6);
            var leased = group.Spaces.Single(s => s.Unit == "103");
            Assert.Equal(global::BuildingEconomy.Buildings.SpaceStatus.Leased, leased.Status);
            Assert.Equal(new DateOnly(2026, 12, 1), leased.AvailableFrom);
            Assert.Equal(7.0m, leased.AskingRent);
            Assert.Equal(212.92m, leased.AskingRentPerMonth);
        }),
        new("everything at once", "q=国贸&grade=A,Premium&minArea=200&maxArea=1000&near=120.05,30.05&radius=3000&theme=finance&facility=gym&availableBy=2027-12-31&sort=rent-asc", r =>
        {
            Assert.Equal([B1, B2], Names(r));
            Assert.Equal(["101", "102"], Units(r, B1));
            Assert.Equal(["202", "203"], Units(r, B2));
        }),
    ];

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static ConformanceCase Named(string name) => All.Single(c => c.Name == name);

    private static List<string> Names(SpaceSearchResult result) => [.. result.Buildings.Select(b => b.Name)];

    private static List<string> Units(SpaceSearchResult result, string building) =>
        [.. result.Buildings.Single(b => b.Name == building).Spaces.Select(s => s.Unit)];

    private static List<string> AllUnits(SpaceSearchResult result) => [.. result.Buildings.SelectMany(b => b.Spaces).Select(s => s.Unit)];

    private static List<(string, long)> Buckets(IEnumerable<FacetBucket> buckets) => [.. buckets.Select(b => (b.Key, b.Count))];
}
