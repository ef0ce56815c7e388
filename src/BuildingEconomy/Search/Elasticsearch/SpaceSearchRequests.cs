using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Search.Elasticsearch;

/// <summary>
/// Translates a search into Elasticsearch's query DSL, mirroring <see cref="PostgresSpaceSearchEngine"/> clause by
/// clause: one document per space, collapsed on building_id for the groups (the top document of each group, by
/// the sort, ranks it, as the best space ranks a group in SQL), inner hits for the spaces, aggregations for facets.
/// </summary>
public static class SpaceSearchRequests
{
    public const string SpacesInnerHits = "spaces";
    public const string BuildingsAggregation = "buildings";

    private static readonly string[] CjkFields = ["building_name^3", "aliases^2", "address", "property_company"];
    private static readonly string[] CharFields = ["building_name.chars^3", "aliases.chars^2", "address.chars", "property_company.chars"];

    /// <summary>The building's facts a group shows, read from its top document.</summary>
    private static readonly string[] GroupSource =
    [
        "building_id", "building_name", "address", "location", "subdistrict", "grade", "use", "construction_status",
        "completion_year", "theme", "parking_ratio",
    ];

    private static readonly string[] SpaceSource =
    [
        "space_id", "floor", "unit", "area", "min_divisible_area", "tenure", "asking_rent", "sale_price", "fit_out", "status", "available_from",
    ];

    public static SearchRequest Search(SpaceSearchQuery query, string index) => new(index)
    {
        Query = Query(query),
        From = query.Offset,
        Size = query.PageSize,
        TrackTotalHits = new TrackHits(true),
        Sort = GroupSort(query),
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(GroupSource) }),
        Collapse = new FieldCollapse
        {
            Field = "building_id",
            InnerHits =
            [
                new InnerHits
                {
                    Name = SpacesInnerHits,
                    Size = SpaceSearchEngineLimits.SpacesPerBuilding,
                    Sort = SpaceSort(query.Sort),
                    Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(SpaceSource) }),
                },
            ],
        },
        Aggregations = new Dictionary<string, Aggregation>
        {
            // Exact below the threshold (40,000 is the maximum); a national search over more buildings is an estimate.
            [BuildingsAggregation] = new CardinalityAggregation { Field = "building_id", PrecisionThreshold = 40_000 },
            ["grade"] = new TermsAggregation { Field = "grade", Size = 20 },
            ["theme"] = new TermsAggregation { Field = "theme", Size = 500 },
            ["subdistrict"] = new TermsAggregation { Field = "subdistrict", Size = 1_000 },
            ["fit_out"] = new TermsAggregation { Field = "fit_out", Size = 20 },
            ["area_band"] = Bands("area", SearchBands.Area),
            ["rent_band"] = Bands("asking_rent", SearchBands.Rent),
        },
    };

    /// <summary>Every matching building once (its first space by id), for the map.</summary>
    public static SearchRequest Locate(SpaceSearchQuery query, string index) => new(index)
    {
        Query = Query(query),
        Size = SpaceSearchEngineLimits.MapPoints,
        TrackTotalHits = new TrackHits(false),
        Sort = [SortBy("building_id", SortOrder.Asc)],
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(["building_id", "building_name", "location"]) }),
        Collapse = new FieldCollapse
        {
            Field = "building_id",
            InnerHits = [new InnerHits { Name = SpacesInnerHits, Size = 0 }],
        },
    };

    internal static Query Query(SpaceSearchQuery query)
    {
        var must = new List<Query>();
        foreach (var term in query.Terms)
        {
            // Phrase matching on 2-character pieces is substring matching, as LIKE '%term%' in SQL; a single
            // character has no piece and is matched on the single-character sub-fields.
            must.Add(new MultiMatchQuery
            {
                Query = term,
                Type = TextQueryType.Phrase,
                Fields = Fields.FromStrings(term.Length == 1 ? CharFields : CjkFields),
            });
        }

        var filter = new List<Query>();
        void Terms(string field, IEnumerable<string> values)
        {
            var list = values.ToList();
            if (list.Count > 0) filter.Add(new TermsQuery { Field = field, Terms = new TermsQueryField([.. list.Select(FieldValue.String)]) });
        }
        void Range(string field, decimal? gte, decimal? lte)
        {
            if (gte is null && lte is null) return;
            filter.Add(new NumberRangeQuery(field) { Gte = (double?)gte, Lte = (double?)lte });
        }

        Terms("district", query.Districts);
        Terms("subdistrict", query.Subdistricts);
        if (query.Near is { } near && query.RadiusMetres is { } radius)
        {
            filter.Add(new GeoDistanceQuery
            {
                Field = "location",
                Distance = $"{radius}m",
                DistanceType = GeoDistanceType.Arc,
                Location = GeoLocation.LatitudeLongitude(new LatLonGeoLocation { Lat = near.Latitude, Lon = near.Longitude }),
            });
        }
        if (query.Polygon is { } polygon)
        {
            filter.Add(new GeoShapeQuery
            {
                Field = "location",
                Shape = new GeoShapeFieldQuery { Shape = GeoJsonShape(polygon), Relation = GeoShapeRelation.Intersects },
            });
        }
        if (query.Bounds is { } box)
        {
            filter.Add(new GeoBoundingBoxQuery
            {
                Field = "location",
                BoundingBox = GeoBounds.Coordinates(new CoordsGeoBounds { Top = box.North, Left = box.West, Bottom = box.South, Right = box.East }),
            });
        }
        Terms("grade", query.Grades.Select(g => g.ToString()));
        Terms("use", query.Uses.Select(u => u.ToString()));
        Terms("construction_status", query.ConstructionStatuses.Select(c => c.ToString()));
        Terms("theme", query.Themes);
        // All of the facilities: one term filter each.
        foreach (var facility in query.Facilities) filter.Add(new TermQuery { Field = "facilities", Value = FieldValue.String(facility) });
        Range("parking_ratio", query.MinParkingRatio, null);
        Terms("tenure", query.Tenures.Select(t => t.ToString()));
        Terms("fit_out", query.FitOuts.Select(f => f.ToString()));
        // The space's lettable range [min_area, area] must overlap the asked range.
        Range("area", query.MinArea, null);
        Range("min_area", null, query.MaxArea);
        Range("asking_rent", query.MinRent, query.MaxRent);
        Range("floor", query.MinFloor, query.MaxFloor);
        if (query.AvailableBy is { } by)
        {
            filter.Add(new BoolQuery
            {
                Should =
                [
                    new BoolQuery { MustNot = [new ExistsQuery { Field = "available_from" }] },
                    new DateRangeQuery("available_from") { Lte = by.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                ],
                MinimumShouldMatch = 1,
            });
        }

        return new BoolQuery { Must = must.Count > 0 ? must : null, Filter = filter.Count > 0 ? filter : null };
    }

    private static List<SortOptions> GroupSort(SpaceSearchQuery query)
    {
        var primary = query.Sort switch
        {
            SearchSort.Relevance => new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
            SearchSort.RentAsc => SortBy("asking_rent", SortOrder.Asc, missingLast: true),
            SearchSort.RentDesc => SortBy("asking_rent", SortOrder.Desc, missingLast: true),
            SearchSort.AreaAsc => SortBy("area", SortOrder.Asc),
            SearchSort.AreaDesc => SortBy("area", SortOrder.Desc),
            SearchSort.Distance => new SortOptions { GeoDistance = new GeoDistanceSort
            {
                Field = "location",
                Location = [GeoLocation.LatitudeLongitude(new LatLonGeoLocation { Lat = query.Near!.Value.Latitude, Lon = query.Near.Value.Longitude })],
                Order = SortOrder.Asc,
                Unit = DistanceUnit.Meters,
                DistanceType = GeoDistanceType.Arc,
            } },
            SearchSort.Newest => SortBy("updated_at", SortOrder.Desc),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, null),
        };
        return [primary, SortBy("building_id", SortOrder.Asc)];
    }

    private static List<SortOptions> SpaceSort(SearchSort sort)
    {
        List<SortOptions> tail = [SortBy("floor", SortOrder.Asc), SortBy("space_id", SortOrder.Asc)];
        return sort switch
        {
            SearchSort.RentAsc => [SortBy("asking_rent", SortOrder.Asc, missingLast: true), .. tail],
            SearchSort.RentDesc => [SortBy("asking_rent", SortOrder.Desc, missingLast: true), .. tail],
            SearchSort.AreaAsc => [SortBy("area", SortOrder.Asc), .. tail],
            SearchSort.AreaDesc => [SortBy("area", SortOrder.Desc), .. tail],
            SearchSort.Newest => [SortBy("updated_at", SortOrder.Desc), .. tail],
            _ => tail,
        };
    }

    private static SortOptions SortBy(string field, SortOrder order, bool missingLast = false) =>
        new() { Field = new FieldSort { Field = field, Order = order, Missing = missingLast ? "_last" : null } };

    private static RangeAggregation Bands(string field, IReadOnlyList<SearchBand> bands) => new()
    {
        Field = field,
        Ranges = [.. bands.Select(band => new AggregationRange
        {
            Key = band.Key,
            // The first band is open below, as the CASE in SQL is.
            From = band.From == 0 ? null : (double)band.From,
            To = band.To is { } to ? (double)to : null,
        })],
    };

    /// <summary>The polygon as GeoJSON (longitude first), the shape geo_shape queries take.</summary>
    private static Dictionary<string, object> GeoJsonShape(Geometry geometry)
    {
        static double[][][] Rings(Polygon polygon) =>
            [.. new[] { polygon.Shell }.Concat(polygon.Holes).Select(ring => ring.Coordinates.Select(c => new[] { c.X, c.Y }).ToArray())];

        return geometry switch
        {
            Polygon polygon => new() { ["type"] = "Polygon", ["coordinates"] = Rings(polygon) },
            MultiPolygon multi => new()
            {
                ["type"] = "MultiPolygon",
                ["coordinates"] = multi.Geometries.Cast<Polygon>().Select(Rings).ToArray(),
            },
            _ => throw new ArgumentException($"Not a polygon: {geometry.GeometryType}", nameof(geometry)),
        };
    }
}
