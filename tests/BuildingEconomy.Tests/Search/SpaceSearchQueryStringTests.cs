using BuildingEconomy.Buildings;
using BuildingEconomy.Localization;
using BuildingEconomy.Search;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Tests.Search;

/// <summary>Reading and writing a search as a query string: the contract the API, the page and saved searches share.</summary>
public class SpaceSearchQueryStringTests
{
    private static readonly IStringLocalizer Localizer =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static SpaceSearchQuery Valid(string queryString)
    {
        var result = SpaceSearchQueryString.Parse(queryString, Localizer);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Query!;
    }

    private static IReadOnlyDictionary<string, string[]> Errors(string queryString)
    {
        var result = SpaceSearchQueryString.Parse(queryString, Localizer);
        Assert.False(result.IsValid);
        return result.Errors;
    }

    [Fact]
    public void Reads_every_parameter()
    {
        var query = Valid("q=国贸  中心&district=449901&subdistrict=449901001,449901002&near=120.05,30.05&radius=2000" +
            "&grade=a&grade=Premium&use=Office&constructionStatus=UnderConstruction&theme=finance&facility=canteen,gym&tenure=Rent" +
            "&fitOut=Fine&minArea=200&maxArea=500.5&minRent=3&maxRent=8&minFloor=-2&maxFloor=30&availableBy=2026-12-31" +
            "&minParkingRatio=2.5&sort=rent-asc&page=2&pageSize=50&culture=en");

        Assert.Equal(["国贸", "中心"], query.Terms);
        Assert.Equal(["449901"], query.Districts);
        Assert.Equal(["449901001", "449901002"], query.Subdistricts);
        Assert.Equal(new GeoPoint(120.05, 30.05), query.Near);
        Assert.Equal(2000, query.RadiusMetres);
        Assert.Equal([BuildingGrade.A, BuildingGrade.Premium], query.Grades);
        Assert.Equal([ConstructionStatus.UnderConstruction], query.ConstructionStatuses);
        Assert.Equal(["canteen", "gym"], query.Facilities);
        Assert.Equal(500.5m, query.MaxArea);
        Assert.Equal(-2, query.MinFloor);
        Assert.Equal(new DateOnly(2026, 12, 31), query.AvailableBy);
        Assert.Equal(2.5m, query.MinParkingRatio);
        Assert.Equal(SearchSort.RentAsc, query.Sort);
        Assert.Equal((2, 50, 50), (query.Page, query.PageSize, query.Offset));
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=国贸&grade=A&minArea=200&maxArea=500&near=120.05,30.05&radius=2000&sort=distance&page=3")]
    [InlineData("polygon=POLYGON((120 30, 120.1 30, 120.1 30.1, 120 30.1, 120 30))&theme=finance&availableBy=2027-01-31")]
    [InlineData("nearBuilding=国贸中心&radius=1500&bbox=120,30,120.2,30.1&fitOut=Bare,Fine&minParkingRatio=3&pageSize=50")]
    public void Formatting_and_reading_again_gives_the_same_query(string queryString)
    {
        var query = Valid(queryString);
        var again = Valid(SpaceSearchQueryString.Format(query));
        Assert.True(query.SameAs(again), SpaceSearchQueryString.Format(query) + " / " + SpaceSearchQueryString.Format(again));
        Assert.Equal(SpaceSearchQueryString.Format(query), SpaceSearchQueryString.Format(again));
    }

    [Fact]
    public void A_polygon_may_be_GeoJSON_and_is_normalised_to_WKT()
    {
        var query = Valid("polygon=" + Uri.EscapeDataString("""{"type":"Polygon","coordinates":[[[120,30],[120.1,30],[120.1,30.1],[120,30]]]}"""));
        var polygon = Assert.IsType<Polygon>(query.Polygon);
        Assert.Equal(4326, polygon.SRID);
        Assert.StartsWith("polygon=POLYGON", Uri.UnescapeDataString(SpaceSearchQueryString.Format(query)));
    }

    [Fact]
    public void Chinese_map_coordinates_are_converted_to_WGS84()
    {
        var query = Valid("near=120.05,30.05&crs=Gcj02");
        var expected = CoordinateConversion.ToWgs84(new LonLat(120.05, 30.05), CoordinateSystem.Gcj02);
        Assert.Equal(expected.Longitude, query.Near!.Value.Longitude, 9);
        Assert.NotEqual(120.05, query.Near.Value.Longitude, 4);
    }

    [Theory]
    [InlineData("minArea=500&maxArea=200", "minArea")]
    [InlineData("minRent=-1", "minRent")]
    [InlineData("radius=60000&near=120,30", "radius")]
    [InlineData("radius=500", "radius")]
    [InlineData("near=120,30&nearBuilding=国贸中心", "nearBuilding")]
    [InlineData("polygon=LINESTRING(120 30, 121 31)", "polygon")]
    [InlineData("polygon=POLYGON((120 30, 121 31, 121 30, 120 31, 120 30))", "polygon")]
    [InlineData("polygon=not a shape", "polygon")]
    [InlineData("bbox=120,30,121", "bbox")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=101&pageSize=100", "page")]
    [InlineData("grade=1", "grade")]
    [InlineData("sort=distance", "sort")]
    [InlineData("q=a&q=b", "q")]
    [InlineData("availableBy=2026-13-01", "availableBy")]
    [InlineData("wat=1", "wat")]
    public void Bad_parameters_are_named(string queryString, string parameter)
    {
        var errors = Errors(queryString);
        Assert.True(errors.ContainsKey(parameter), string.Join("; ", errors.Keys));
        Assert.Contains(parameter, errors[parameter][0]);
    }

    [Fact]
    public void Messages_are_Chinese_by_default_and_English_on_request()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("minArea 不能大于 maxArea", Errors("minArea=5&maxArea=1")["minArea"][0]);
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            Assert.Equal("minArea must not be greater than maxArea", Errors("minArea=5&maxArea=1")["minArea"][0]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Distance_is_measured_on_the_same_sphere_as_both_engines()
    {
        // 0.01° of longitude at 30° N on a sphere of 6,371,008.7714 m.
        var metres = SpaceSearchEngineLimits.DistanceMetres(new GeoPoint(120.0, 30.0), 30.0, 120.01);
        Assert.Equal(963.0, metres, 0);
    }
}
