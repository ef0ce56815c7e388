using System.Globalization;
using System.Text;
using System.Text.Json;
using BuildingEconomy.Buildings;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace BuildingEconomy.Search;

/// <summary>The query-string names of a search: the API's parameters, the page's form fields and what a saved search stores.</summary>
public static class SearchParameters
{
    public const string Text = "q";
    public const string District = "district";
    public const string Subdistrict = "subdistrict";
    public const string Near = "near";
    public const string NearBuilding = "nearBuilding";
    public const string Radius = "radius";
    public const string Polygon = "polygon";
    public const string Bounds = "bbox";
    public const string CoordinateSystem = "crs";
    public const string Grade = "grade";
    public const string Use = "use";
    public const string ConstructionStatus = "constructionStatus";
    public const string Theme = "theme";
    public const string Facility = "facility";
    public const string Tenure = "tenure";
    public const string FitOut = "fitOut";
    public const string MinArea = "minArea";
    public const string MaxArea = "maxArea";
    public const string MinRent = "minRent";
    public const string MaxRent = "maxRent";
    public const string MinFloor = "minFloor";
    public const string MaxFloor = "maxFloor";
    public const string AvailableBy = "availableBy";
    public const string MinParkingRatio = "minParkingRatio";
    public const string Sort = "sort";
    public const string Page = "page";
    public const string PageSize = "pageSize";

    /// <summary>Every parameter a search understands; anything else is refused, so a misspelt filter is never silently ignored.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Text, District, Subdistrict, Near, NearBuilding, Radius, Polygon, Bounds, CoordinateSystem, Grade, Use,
        ConstructionStatus, Theme, Facility, Tenure, FitOut, MinArea, MaxArea, MinRent, MaxRent, MinFloor, MaxFloor,
        AvailableBy, MinParkingRatio, Sort, Page, PageSize,
    };

    /// <summary>Read by other parts of the request pipeline (the language choice), not by the search.</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal) { "culture", "ui-culture" };

    public static readonly IReadOnlyDictionary<SearchSort, string> SortNames = new Dictionary<SearchSort, string>
    {
        [SearchSort.Relevance] = "relevance",
        [SearchSort.RentAsc] = "rent-asc",
        [SearchSort.RentDesc] = "rent-desc",
        [SearchSort.AreaAsc] = "area-asc",
        [SearchSort.AreaDesc] = "area-desc",
        [SearchSort.Distance] = "distance",
        [SearchSort.Newest] = "newest",
    };
}

/// <summary>The outcome of reading a query string: a query, or the problems keyed by parameter name.</summary>
public sealed record SpaceSearchParseResult(SpaceSearchQuery? Query, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Query is not null;
}

/// <summary>
/// Reads and writes a search as a query string. The page, the API and saved searches share it, so a URL copied
/// from the page is a valid API call and a saved search reruns exactly.
/// </summary>
public static class SpaceSearchQueryString
{
    private const int MaxTextLength = 100;
    private const int MaxTerms = 10;
    private const int MaxPolygonVertices = 2_000;
    private const int MaxCodeLength = 40;

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static SpaceSearchParseResult Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters, IStringLocalizer localizer) =>
        new Reader(parameters, localizer).Read();

    public static SpaceSearchParseResult Parse(string queryString, IStringLocalizer localizer) =>
        Parse(QueryHelpers.ParseQuery(queryString), localizer);

    /// <summary>A canonical query string (no leading '?'), WGS-84, defaults left out; parsing it gives the same query back.</summary>
    public static string Format(SpaceSearchQuery query, int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) pairs.Add(new(name, value));
        }
        void AddAll<T>(string name, IEnumerable<T> values)
        {
            foreach (var value in values) Add(name, value is Enum e ? EnumName(e) : Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        Add(SearchParameters.Text, string.Join(' ', query.Terms));
        AddAll(SearchParameters.District, query.Districts);
        AddAll(SearchParameters.Subdistrict, query.Subdistricts);
        if (query.NearBuilding is not null) Add(SearchParameters.NearBuilding, query.NearBuilding);
        else if (query.Near is { } near) Add(SearchParameters.Near, FormatPoint(near));
        Add(SearchParameters.Radius, Invariant(query.RadiusMetres));
        if (query.Polygon is not null) Add(SearchParameters.Polygon, new WKTWriter().Write(query.Polygon));
        if (query.Bounds is { } b) Add(SearchParameters.Bounds, string.Join(',', new[] { b.West, b.South, b.East, b.North }.Select(Coordinate)));
        AddAll(SearchParameters.Grade, query.Grades);
        AddAll(SearchParameters.Use, query.Uses);
        AddAll(SearchParameters.ConstructionStatus, query.ConstructionStatuses);
        AddAll(SearchParameters.Theme, query.Themes);
        AddAll(SearchParameters.Facility, query.Facilities);
        AddAll(SearchParameters.Tenure, query.Tenures);
        AddAll(SearchParameters.FitOut, query.FitOuts);
        Add(SearchParameters.MinArea, Invariant(query.MinArea));
        Add(SearchParameters.MaxArea, Invariant(query.MaxArea));
        Add(SearchParameters.MinRent, Invariant(query.MinRent));
        Add(SearchParameters.MaxRent, Invariant(query.MaxRent));
        Add(SearchParameters.MinFloor, Invariant(query.MinFloor));
        Add(SearchParameters.MaxFloor, Invariant(query.MaxFloor));
        Add(SearchParameters.AvailableBy, query.AvailableBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(SearchParameters.MinParkingRatio, Invariant(query.MinParkingRatio));
        if (query.Sort != SearchSort.Relevance) Add(SearchParameters.Sort, SearchParameters.SortNames[query.Sort]);
        var effectivePage = page ?? query.Page;
        if (effectivePage != 1) Add(SearchParameters.Page, effectivePage.ToString(CultureInfo.InvariantCulture));
        if (query.PageSize != SpaceSearchQuery.DefaultPageSize) Add(SearchParameters.PageSize, query.PageSize.ToString(CultureInfo.InvariantCulture));

        var builder = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (builder.Length > 0) builder.Append('&');
            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value!));
        }
        return builder.ToString();
    }

    public static string FormatPoint(GeoPoint point) => $"{Coordinate(point.Longitude)},{Coordinate(point.Latitude)}";

    internal static string EnumName(Enum value) => value.ToString();

    private static string Coordinate(double value) => Math.Round(value, 7).ToString("0.#######", CultureInfo.InvariantCulture);

    private static string? Invariant<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture);

    private sealed class Reader(IEnumerable<KeyValuePair<string, StringValues>> parameters, IStringLocalizer localizer)
    {
        private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StringValues> values = new(StringComparer.Ordinal);

        public SpaceSearchParseResult Read()
        {
            foreach (var (name, value) in parameters)
            {
                if (SearchParameters.Ignored.Contains(name)) continue;
                if (!SearchParameters.All.Contains(name))
                {
                    Fail(name, "Search.Error.UnknownParameter", name);
                    continue;
                }
                values[name] = values.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : value;
            }

            var crs = Single(SearchParameters.CoordinateSystem) is { } crsText
                ? ParseEnum<CoordinateSystem>(SearchParameters.CoordinateSystem, crsText)
                : CoordinateSystem.Wgs84;
            var terms = ReadTerms();
            var near = Single(SearchParameters.Near) is { } nearText ? ReadPoint(SearchParameters.Near, nearText, crs) : null;
            var nearBuilding = Single(SearchParameters.NearBuilding)?.Trim();
            if (nearBuilding is { Length: 0 }) nearBuilding = null;
            var radius = ReadInt(SearchParameters.Radius);
            var polygon = Single(SearchParameters.Polygon) is { } polygonText ? ReadPolygon(polygonText, crs ?? CoordinateSystem.Wgs84) : null;
            var bounds = Single(SearchParameters.Bounds) is { } boundsText ? ReadBounds(boundsText, crs ?? CoordinateSystem.Wgs84) : null;
            var sort = Single(SearchParameters.Sort) is { } sortText ? ReadSort(sortText) : SearchSort.Relevance;
            var page = ReadInt(SearchParameters.Page) ?? 1;
            var pageSize = ReadInt(SearchParameters.PageSize) ?? SpaceSearchQuery.DefaultPageSize;

            if (near is not null && nearBuilding is not null) Fail(SearchParameters.NearBuilding, "Search.Error.NearTwice", SearchParameters.Near, SearchParameters.NearBuilding);
            if (radius is { } r)
            {
                if (r <= 0) Fail(SearchParameters.Radius, "Search.Error.NotPositive", SearchParameters.Radius);
                else if (r > SpaceSearchQuery.MaxRadiusMetres) Fail(SearchParameters.Radius, "Search.Error.RadiusTooLarge", SearchParameters.Radius, SpaceSearchQuery.MaxRadiusMetres);
                if (near is null && nearBuilding is null && !Has(SearchParameters.Near)) Fail(SearchParameters.Radius, "Search.Error.RadiusWithoutCentre", SearchParameters.Radius, SearchParameters.Near, SearchParameters.NearBuilding);
            }
            if (sort == SearchSort.Distance && near is null && nearBuilding is null && !Has(SearchParameters.Near))
            {
                Fail(SearchParameters.Sort, "Search.Error.DistanceWithoutCentre", SearchParameters.Sort, SearchParameters.Near, SearchParameters.NearBuilding);
            }
            if (page < 1) Fail(SearchParameters.Page, "Search.Error.NotPositive", SearchParameters.Page);
            if (pageSize < 1 || pageSize > SpaceSearchQuery.MaxPageSize) Fail(SearchParameters.PageSize, "Search.Error.PageSize", SearchParameters.PageSize, SpaceSearchQuery.MaxPageSize);
            else if (page >= 1 && (long)page * pageSize > SpaceSearchQuery.MaxResultWindow) Fail(SearchParameters.Page, "Search.Error.PageWindow", SearchParameters.Page, SpaceSearchQuery.MaxResultWindow);

            var query = new SpaceSearchQuery
            {
                Terms = terms,
                Districts = Codes(SearchParameters.District),
                Subdistricts = Codes(SearchParameters.Subdistrict),
                Near = near,
                NearBuilding = nearBuilding,
                RadiusMetres = radius,
                Polygon = polygon,
                Bounds = bounds,
                Grades = Enums<BuildingGrade>(SearchParameters.Grade),
                Uses = Enums<BuildingUse>(SearchParameters.Use),
                ConstructionStatuses = Enums<ConstructionStatus>(SearchParameters.ConstructionStatus),
                Themes = Codes(SearchParameters.Theme),
                Facilities = Codes(SearchParameters.Facility),
                Tenures = Enums<Tenure>(SearchParameters.Tenure),
                FitOuts = Enums<FitOut>(SearchParameters.FitOut),
                MinArea = ReadRange(SearchParameters.MinArea, SearchParameters.MaxArea, out var maxArea),
                MaxArea = maxArea,
                MinRent = ReadRange(SearchParameters.MinRent, SearchParameters.MaxRent, out var maxRent),
                MaxRent = maxRent,
                MinFloor = ReadFloors(out var maxFloor),
                MaxFloor = maxFloor,
                AvailableBy = ReadDate(SearchParameters.AvailableBy),
                MinParkingRatio = ReadDecimal(SearchParameters.MinParkingRatio, allowNegative: false),
                Sort = sort,
                Page = page,
                PageSize = pageSize,
            };
            return errors.Count == 0
                ? new SpaceSearchParseResult(query, new Dictionary<string, string[]>())
                : new SpaceSearchParseResult(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        private void Fail(string parameter, string key, params object[] arguments)
        {
            if (!errors.TryGetValue(parameter, out var list)) errors[parameter] = list = [];
            list.Add(localizer[key, arguments].Value);
        }

        private bool Has(string name) => values.ContainsKey(name);

        /// <summary>Every value of a multi-valued parameter: repeated (grade=A&amp;grade=B) or comma-separated (grade=A,B).</summary>
        private List<string> Many(string name) =>
            values.TryGetValue(name, out var given)
                ? given.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList()
                : [];

        private string? Single(string name)
        {
            if (!values.TryGetValue(name, out var given)) return null;
            var nonEmpty = given.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            if (nonEmpty.Count > 1)
            {
                Fail(name, "Search.Error.Repeated", name);
                return null;
            }
            return nonEmpty.Count == 1 ? nonEmpty[0]!.Trim() : null;
        }

        private List<string> ReadTerms()
        {
            var text = Single(SearchParameters.Text);
            if (text is null) return [];
            if (text.Length > MaxTextLength)
            {
                Fail(SearchParameters.Text, "Search.Error.TooLong", SearchParameters.Text, MaxTextLength);
                return [];
            }
            var terms = text.ToLowerInvariant()
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (terms.Count > MaxTerms) Fail(SearchParameters.Text, "Search.Error.TooManyTerms", SearchParameters.Text, MaxTerms);
            return terms;
        }

        private List<string> Codes(string name)
        {
            var codes = Many(name);
            foreach (var code in codes.Where(c => c.Length > MaxCodeLength)) Fail(name, "Search.Error.TooLong", name, MaxCodeLength);
            return codes;
        }

        private List<T> Enums<T>(string name) where T : struct, Enum
        {
            var result = new List<T>();
            foreach (var text in Many(name))
            {
                if (ParseEnum<T>(name, text) is { } value && !result.Contains(value)) result.Add(value);
            }
            return result;
        }

        private T? ParseEnum<T>(string name, string text) where T : struct, Enum
        {
            // Enum.TryParse also accepts numbers ("1") and undefined combinations: only the names are part of the contract.
            var match = Enum.GetValues<T>().Where(v => string.Equals(v.ToString(), text, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1) return match[0];
            Fail(name, "Search.Error.UnknownValue", name, text, string.Join(", ", Enum.GetNames<T>()));
            return null;
        }

        private SearchSort ReadSort(string text)
        {
            foreach (var (sort, sortName) in SearchParameters.SortNames)
            {
                if (string.Equals(sortName, text, StringComparison.OrdinalIgnoreCase)) return sort;
            }
            Fail(SearchParameters.Sort, "Search.Error.UnknownValue", SearchParameters.Sort, text, string.Join(", ", SearchParameters.SortNames.Values));
            return SearchSort.Relevance;
        }

        private int? ReadInt(string name)
        {
            var text = Single(name);
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            Fail(name, "Search.Error.WholeNumber", name);
            return null;
        }

        private decimal? ReadDecimal(string name, bool allowNegative)
        {
            var text = Single(name);
            if (text is null) return null;
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || Math.Abs(value) > 1_000_000_000m)
            {
                Fail(name, "Search.Error.Number", name);
                return null;
            }
            if (!allowNegative && value < 0)
            {
                Fail(name, "Search.Error.Negative", name);
                return null;
            }
            return value;
        }

        private decimal? ReadRange(string minName, string maxName, out decimal? max)
        {
            var min = ReadDecimal(minName, allowNegative: false);
            max = ReadDecimal(maxName, allowNegative: false);
            if (min > max) Fail(minName, "Search.Error.Reversed", minName, maxName);
            return min;
        }

        private int? ReadFloors(out int? max)
        {
            var min = ReadInt(SearchParameters.MinFloor);
            max = ReadInt(SearchParameters.MaxFloor);
            if (min > max) Fail(SearchParameters.MinFloor, "Search.Error.Reversed", SearchParameters.MinFloor, SearchParameters.MaxFloor);
            return min;
        }

        private DateOnly? ReadDate(string name)
        {
            var text = Single(name);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Fail(name, "Search.Error.Date", name);
            return null;
        }

        private GeoPoint? ReadPoint(string name, string text, CoordinateSystem? crs)
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && TryCoordinate(parts[0], 180, out var lon) && TryCoordinate(parts[1], 90, out var lat))
            {
                return ToWgs84(new GeoPoint(lon, lat), crs ?? CoordinateSystem.Wgs84);
            }
            Fail(name, "Search.Error.Point", name);
            return null;
        }

        private GeoBox? ReadBounds(string text, CoordinateSystem crs)
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 4
                && TryCoordinate(parts[0], 180, out var west) && TryCoordinate(parts[1], 90, out var south)
                && TryCoordinate(parts[2], 180, out var east) && TryCoordinate(parts[3], 90, out var north)
                && west < east && south < north)
            {
                var southWest = ToWgs84(new GeoPoint(west, south), crs);
                var northEast = ToWgs84(new GeoPoint(east, north), crs);
                return new GeoBox(southWest.Longitude, southWest.Latitude, northEast.Longitude, northEast.Latitude);
            }
            Fail(SearchParameters.Bounds, "Search.Error.Bounds", SearchParameters.Bounds);
            return null;
        }

        private Geometry? ReadPolygon(string text, CoordinateSystem crs)
        {
            Geometry? geometry;
            try
            {
                geometry = text.StartsWith('{')
                    ? JsonSerializer.Deserialize<Geometry>(text, GeoJson)
                    : new WKTReader().Read(text);
            }
            catch (Exception e) when (e is JsonException or ParseException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
            {
                Fail(SearchParameters.Polygon, "Search.Error.Polygon", SearchParameters.Polygon, e.Message);
                return null;
            }
            if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
            {
                Fail(SearchParameters.Polygon, "Search.Error.PolygonType", SearchParameters.Polygon, geometry?.GeometryType ?? "null");
                return null;
            }
            if (geometry.NumPoints > MaxPolygonVertices)
            {
                Fail(SearchParameters.Polygon, "Search.Error.PolygonSize", SearchParameters.Polygon, MaxPolygonVertices);
                return null;
            }
            if (geometry.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y) || Math.Abs(c.X) > 180 || Math.Abs(c.Y) > 90))
            {
                Fail(SearchParameters.Polygon, "Search.Error.PolygonRange", SearchParameters.Polygon);
                return null;
            }
            var validity = new IsValidOp(geometry).ValidationError;
            if (validity is not null)
            {
                Fail(SearchParameters.Polygon, "Search.Error.Polygon", SearchParameters.Polygon, validity.Message);
                return null;
            }
            if (crs != CoordinateSystem.Wgs84)
            {
                geometry = geometry.Copy();
                geometry.Apply(new ToWgs84Filter(crs));
            }
            geometry.SRID = 4326;
            return geometry;
        }

        private static bool TryCoordinate(string text, double limit, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && Math.Abs(value) <= limit;

        private static GeoPoint ToWgs84(GeoPoint point, CoordinateSystem crs)
        {
            if (crs == CoordinateSystem.Wgs84) return point;
            var converted = CoordinateConversion.ToWgs84(new LonLat(point.Longitude, point.Latitude), crs);
            return new GeoPoint(converted.Longitude, converted.Latitude);
        }
    }

    private sealed class ToWgs84Filter(CoordinateSystem crs) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var converted = CoordinateConversion.ToWgs84(new LonLat(seq.GetX(i), seq.GetY(i)), crs);
                seq.SetX(i, converted.Longitude);
                seq.SetY(i, converted.Latitude);
            }
        }
    }
}
