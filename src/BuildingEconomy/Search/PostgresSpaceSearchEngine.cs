using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BuildingEconomy.Buildings;
using BuildingEconomy.Localization;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Search;

/// <summary>
/// The zero-setup engine: one SQL statement per search over the register itself, so a change is searchable the
/// moment it is committed. Spatial filters use the GiST indexes on buildings.location (geography for distances,
/// the geometry expression index for map views and polygons, whose edges are straight in longitude/latitude as
/// in Elasticsearch); Chinese text uses the 2-character pieces (GIN on a generated tsvector) and trigrams for
/// longer terms (see migration SearchIndexes).
/// </summary>
public sealed class PostgresSpaceSearchEngine(NpgsqlDataSource dataSource) : ISpaceSearchEngine
{
    public SearchEngineKind Kind => SearchEngineKind.PostgreSql;

    public async Task<SpaceSearchResult> SearchAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken)
    {
        await using var command = SearchCommand(query, reference, Cultures.IsEnglish(CultureInfo.CurrentUICulture));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader.GetString(0), new BuildingGroupsJson(reader.GetString(1)), query, reference);
    }

    /// <summary>
    /// The one statement a search runs; the search benchmark has the database explain it. It answers two JSON
    /// documents: totals and facet counts, which the engine reads, and the page of building groups exactly as the API
    /// writes them (names in the asked language), which an API answer copies to the response without reading.
    /// </summary>
    internal NpgsqlCommand SearchCommand(SpaceSearchQuery query, SearchReferenceData reference, bool english)
    {
        var sql = new SqlBuilder();
        var matching = sql.Matching(query, reference);
        var groupOrder = GroupOrder(query.Sort);
        var spaceOrder = SpaceOrder(query.Sort);
        var limit = sql.Add(query.PageSize);
        var offset = sql.Add(query.Offset);
        var perBuilding = sql.Add(SpaceSearchEngineLimits.SpacesPerBuilding);
        var inEnglish = sql.Add(english);

        // One statement and one pass over the matching spaces (MATERIALIZED) for totals, facets and the page, rather
        // than three round trips that would each filter again.
        var text = $"""
            WITH matching AS MATERIALIZED ({matching}),
            facets AS (
                SELECT 'grade' AS facet, grade AS key, count(*) AS n FROM matching GROUP BY grade
                UNION ALL SELECT 'theme', theme_id::text, count(*) FROM matching WHERE theme_id IS NOT NULL GROUP BY theme_id
                UNION ALL SELECT 'subdistrict', subdistrict_id::text, count(*) FROM matching WHERE subdistrict_id IS NOT NULL GROUP BY subdistrict_id
                UNION ALL SELECT 'fitOut', fit_out, count(*) FROM matching GROUP BY fit_out
                UNION ALL SELECT 'area', {BandCase("area", SearchBands.Area)}, count(*) FROM matching GROUP BY 2
                UNION ALL SELECT 'rent', {BandCase("asking_rent", SearchBands.Rent)}, count(*) FROM matching WHERE asking_rent IS NOT NULL GROUP BY 2
            ),
            grouped AS (
                SELECT building_id, count(*) AS matching_spaces, max(score) AS score, min(asking_rent) AS min_rent,
                       max(asking_rent) AS max_rent, min(area) AS min_area, max(area) AS max_area, min(distance) AS distance,
                       max(updated_at) AS newest
                FROM matching GROUP BY building_id
            ),
            page AS (
                SELECT building_id, matching_spaces, distance, row_number() OVER (ORDER BY {groupOrder}, building_id) AS position
                FROM grouped ORDER BY position LIMIT {limit} OFFSET {offset}
            ),
            ranked AS (
                SELECT m.id, m.building_id, row_number() OVER (PARTITION BY m.building_id ORDER BY {spaceOrder}) AS rn
                FROM matching m WHERE m.building_id IN (SELECT building_id FROM page)
            )
            SELECT json_build_object(
                'totalSpaces', (SELECT count(*) FROM matching),
                'totalBuildings', (SELECT count(*) FROM grouped),
                'facets', (SELECT coalesce(json_agg(json_build_object('facet', facet, 'key', key, 'count', n)), '[]'::json) FROM facets)
            )::text,
            (SELECT coalesce(json_agg(json_build_object(
                    'buildingId', p.building_id, 'name', b.name, 'address', b.address, 'grade', b.grade, 'use', b.use,
                    'constructionStatus', b.construction_status, 'completionYear', b.completion_year,
                    'theme', btrim(t.code), 'themeName', CASE WHEN {inEnglish} THEN t.name_en ELSE t.name END,
                    'subdistrict', btrim(sd.code), 'subdistrictName', CASE WHEN {inEnglish} THEN sd.name_en ELSE sd.name END,
                    'latitude', ST_Y(b.location::geometry), 'longitude', ST_X(b.location::geometry),
                    'distanceMetres', round(p.distance::numeric, 1),
                    'parkingRatio', {ParkingRatioSql},
                    'matchingSpaces', p.matching_spaces,
                    'spaces', (SELECT json_agg(json_build_object(
                            'spaceId', s.id, 'floor', s.floor, 'unit', s.unit, 'area', s.area,
                            'minDivisibleArea', CASE WHEN s.divisible THEN s.min_divisible_area END,
                            'tenure', s.tenure, 'askingRent', s.asking_rent, 'askingRentPerMonth', {RentPerMonthSql},
                            'salePrice', s.sale_price, 'fitOut', s.fit_out, 'status', s.status, 'availableFrom', s.available_from) ORDER BY r.rn)
                        FROM ranked r JOIN spaces s ON s.id = r.id
                        WHERE r.building_id = p.building_id AND r.rn <= {perBuilding}))
                    ORDER BY p.position), '[]'::json)::text
             FROM page p JOIN buildings b ON b.id = p.building_id
             LEFT JOIN themes t ON t.id = b.theme_id
             LEFT JOIN subdistricts sd ON sd.id = b.subdistrict_id)
            """;
        return sql.Command(dataSource, text);
    }

    public async Task<IReadOnlyList<BuildingPoint>> LocateAsync(SpaceSearchQuery query, SearchReferenceData reference, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder();
        var matching = sql.Matching(query, reference);
        var cap = sql.Add(SpaceSearchEngineLimits.MapPoints);
        var text = $"""
            WITH matching AS MATERIALIZED ({matching}),
            grouped AS (SELECT building_id, count(*) AS n FROM matching GROUP BY building_id ORDER BY building_id LIMIT {cap})
            SELECT g.building_id, b.name, ST_Y(b.location::geometry), ST_X(b.location::geometry), g.n
            FROM grouped g JOIN buildings b ON b.id = g.building_id ORDER BY g.building_id
            """;
        await using var command = sql.Command(dataSource, text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<BuildingPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new BuildingPoint(reader.GetInt32(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), (int)reader.GetInt64(4)));
        }
        return points;
    }

    /// <summary>
    /// The ids of the matching spaces, optionally only in some buildings (saved searches check the building that
    /// changed). Always PostgreSQL: it sees a change the moment it commits, an index only after refreshing.
    /// </summary>
    public async Task<List<long>> MatchingSpaceIdsAsync(SpaceSearchQuery query, SearchReferenceData reference,
        IReadOnlyCollection<int>? buildingIds, int limit, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder();
        var matching = sql.Matching(query, reference);
        var inBuildings = buildingIds is null ? "" : $"WHERE m.building_id = ANY({sql.Add(buildingIds.ToArray())})";
        var text = $"SELECT m.id FROM ({matching}) AS m {inBuildings} ORDER BY m.id LIMIT {sql.Add(limit)}";
        await using var command = sql.Command(dataSource, text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>The same rounding as the register's ParkingRatio (and as the Elasticsearch documents, which are built by this SQL too).</summary>
    internal const string ParkingRatioSql =
        "CASE WHEN b.gross_floor_area > 0 THEN round((b.parking_above_ground + b.parking_below_ground) * 1000 / b.gross_floor_area, 2) END";

    /// <summary>The same rounding as <see cref="Space.PerMonth"/>: PostgreSQL's round is half away from zero too.</summary>
    private const string RentPerMonthSql = "round(s.asking_rent * 365 / 12, 2)";

    /// <summary>What makes a space searchable at all; the same predicate as the partial index ix_spaces_searchable.</summary>
    internal const string SearchableSql = "NOT s.archived AND (s.status = 'Available' OR s.available_from IS NOT NULL) AND NOT b.archived";

    private static string GroupOrder(SearchSort sort) => sort switch
    {
        SearchSort.Relevance => "score DESC",
        SearchSort.RentAsc => "min_rent ASC NULLS LAST",
        SearchSort.RentDesc => "max_rent DESC NULLS LAST",
        SearchSort.AreaAsc => "min_area ASC",
        SearchSort.AreaDesc => "max_area DESC",
        SearchSort.Distance => "distance ASC",
        SearchSort.Newest => "newest DESC",
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    private static string SpaceOrder(SearchSort sort) => sort switch
    {
        SearchSort.RentAsc => "m.asking_rent ASC NULLS LAST, m.floor, m.id",
        SearchSort.RentDesc => "m.asking_rent DESC NULLS LAST, m.floor, m.id",
        SearchSort.AreaAsc => "m.area ASC, m.floor, m.id",
        SearchSort.AreaDesc => "m.area DESC, m.floor, m.id",
        SearchSort.Newest => "m.updated_at DESC, m.floor, m.id",
        _ => "m.floor, m.id",
    };

    private static string BandCase(string column, IReadOnlyList<SearchBand> bands)
    {
        var sql = new StringBuilder("CASE");
        foreach (var band in bands.Where(b => b.To is not null))
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {column} < {band.To} THEN '{band.Key}'");
        }
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE '{bands[^1].Key}' END").ToString();
    }

    private static SpaceSearchResult Read(string summary, BuildingGroupsJson groups, SpaceSearchQuery query, SearchReferenceData reference)
    {
        using var document = JsonDocument.Parse(summary);
        var root = document.RootElement;
        var facetCounts = new Dictionary<string, Dictionary<string, long>>();
        foreach (var facet in root.GetProperty("facets").EnumerateArray())
        {
            var name = facet.GetProperty("facet").GetString()!;
            var key = facet.GetProperty("key").GetString()!;
            // Themes and subdistricts are grouped by id in SQL and reported by code, as the Elasticsearch index stores them.
            key = name switch
            {
                "theme" => reference.ThemeById(int.Parse(key, CultureInfo.InvariantCulture))?.Code ?? key,
                "subdistrict" => reference.SubdistrictById(int.Parse(key, CultureInfo.InvariantCulture))?.Code ?? key,
                _ => key,
            };
            if (!facetCounts.TryGetValue(name, out var counts)) facetCounts[name] = counts = [];
            counts[key] = counts.GetValueOrDefault(key) + facet.GetProperty("count").GetInt64();
        }
        IReadOnlyDictionary<string, long> Counts(string name) => facetCounts.GetValueOrDefault(name) ?? [];

        return new SpaceSearchResult(
            root.GetProperty("totalSpaces").GetInt64(),
            root.GetProperty("totalBuildings").GetInt64(),
            query.Page,
            query.PageSize,
            groups,
            SearchBands.Facets(Counts("grade"), Counts("theme"), Counts("subdistrict"), Counts("fitOut"), Counts("area"), Counts("rent")))
        {
            Engine = nameof(SearchEngineKind.PostgreSql),
        };
    }

    /// <summary>Collects parameters while the statement is written, so no value is ever spliced into SQL.</summary>
    internal sealed class SqlBuilder
    {
        private readonly List<NpgsqlParameter> parameters = [];

        public string Add(object value, NpgsqlDbType? type = null)
        {
            var name = $"p{parameters.Count}";
            var parameter = new NpgsqlParameter(name, value);
            if (type is { } t) parameter.NpgsqlDbType = t;
            parameters.Add(parameter);
            return "@" + name;
        }

        public NpgsqlCommand Command(NpgsqlDataSource dataSource, string text)
        {
            var command = dataSource.CreateCommand(text);
            foreach (var parameter in parameters) command.Parameters.Add(parameter);
            return command;
        }

        /// <summary>The SELECT of every space that matches: one row per space with what totals, facets and ordering need.</summary>
        public string Matching(SpaceSearchQuery query, SearchReferenceData reference)
        {
            var where = new List<string> { SearchableSql };
            var score = "0";
            if (query.Terms.Count > 0)
            {
                var scores = new List<string>();
                foreach (var term in query.Terms)
                {
                    var pattern = Add("%" + EscapeLike(term) + "%");
                    where.Add(ContainsText(term));
                    scores.Add($"""
                        (CASE WHEN lower(b.name) LIKE {pattern} THEN 3 ELSE 0 END
                         + CASE WHEN lower(array_to_string(b.aliases, ' ')) LIKE {pattern} THEN 2 ELSE 0 END
                         + CASE WHEN lower(b.address) LIKE {pattern} THEN 1 ELSE 0 END
                         + CASE WHEN lower(coalesce(b.property_company, '')) LIKE {pattern} THEN 1 ELSE 0 END)
                        """);
                }
                var whole = Add(string.Join(' ', query.Terms));
                score = $"({string.Join(" + ", scores)} + CASE WHEN lower(b.name) = {whole} THEN 10 ELSE 0 END)";
            }

            if (query.Districts.Count > 0) where.Add($"b.district_id = ANY({Add(Ids(query.Districts, reference.District))})");
            if (query.Subdistricts.Count > 0) where.Add($"b.subdistrict_id = ANY({Add(Ids(query.Subdistricts, reference.Subdistrict))})");

            var distance = "NULL::double precision";
            if (query.Near is { } near)
            {
                var point = $"ST_SetSRID(ST_MakePoint({Add(near.Longitude)}, {Add(near.Latitude)}), 4326)::geography";
                // On the sphere (use_spheroid false), as Elasticsearch's arc distance, so both engines draw the same circle.
                distance = $"ST_Distance(b.location, {point}, false)";
                if (query.RadiusMetres is { } radius) where.Add($"ST_DWithin(b.location, {point}, {Add((double)radius)}, false)");
            }
            if (query.Polygon is { } polygon)
            {
                where.Add($"ST_Intersects(b.location::geometry, ST_GeomFromText({Add(new WKTWriter().Write(polygon))}, 4326))");
            }
            if (query.Bounds is { } box)
            {
                where.Add($"b.location::geometry && ST_MakeEnvelope({Add(box.West)}, {Add(box.South)}, {Add(box.East)}, {Add(box.North)}, 4326)");
            }

            if (query.Grades.Count > 0) where.Add($"b.grade = ANY({Add(Names(query.Grades))})");
            if (query.Uses.Count > 0) where.Add($"b.use = ANY({Add(Names(query.Uses))})");
            if (query.ConstructionStatuses.Count > 0) where.Add($"b.construction_status = ANY({Add(Names(query.ConstructionStatuses))})");
            if (query.Themes.Count > 0) where.Add($"b.theme_id = ANY({Add(Ids(query.Themes, reference.Theme))})");
            if (query.Facilities.Count > 0)
            {
                var ids = Ids(query.Facilities, reference.Facility);
                where.Add($"(SELECT count(*) FROM building_facilities bf WHERE bf.building_id = b.id AND bf.facilities_id = ANY({Add(ids)})) = {Add((long)ids.Length)}");
            }
            if (query.MinParkingRatio is { } ratio) where.Add($"{ParkingRatioSql} >= {Add(ratio)}");

            if (query.Tenures.Count > 0) where.Add($"s.tenure = ANY({Add(Names(query.Tenures))})");
            if (query.FitOuts.Count > 0) where.Add($"s.fit_out = ANY({Add(Names(query.FitOuts))})");
            // A divisible space is offered in any size from its smallest part up to the whole.
            if (query.MinArea is { } minArea) where.Add($"s.area >= {Add(minArea)}");
            if (query.MaxArea is { } maxArea) where.Add($"(CASE WHEN s.divisible THEN coalesce(s.min_divisible_area, s.area) ELSE s.area END) <= {Add(maxArea)}");
            if (query.MinRent is { } minRent) where.Add($"s.asking_rent >= {Add(minRent)}");
            if (query.MaxRent is { } maxRent) where.Add($"s.asking_rent <= {Add(maxRent)}");
            if (query.MinFloor is { } minFloor) where.Add($"s.floor >= {Add(minFloor)}");
            if (query.MaxFloor is { } maxFloor) where.Add($"s.floor <= {Add(maxFloor)}");
            // Searchable spaces without a date are available now; the others are marketed from their date.
            if (query.AvailableBy is { } by) where.Add($"(s.available_from IS NULL OR s.available_from <= {Add(by)})");

            return $"""
                SELECT s.id, s.building_id, s.floor, s.area, s.asking_rent, s.fit_out, s.updated_at,
                       b.grade, b.theme_id, b.subdistrict_id, {score} AS score, {distance} AS distance
                FROM spaces s JOIN buildings b ON b.id = s.building_id
                WHERE {string.Join("\n  AND ", where)}
                """;
        }

        /// <summary>
        /// Buildings whose name, aliases, address or property company contain the lower-cased term, through an index
        /// either way: a 2-character term has no trigram, so it is answered by the indexed 2-character pieces instead.
        /// </summary>
        public string ContainsText(string term) => term.Length == 2
            ? $"b.search_pieces @@ {Add(TsQueryLexeme(term))}::tsquery"
            : $"b.search_text LIKE {Add("%" + EscapeLike(term) + "%")}";

        private static string[] Names<T>(IEnumerable<T> values) where T : struct, Enum => [.. values.Select(v => v.ToString())];

        /// <summary>Codes were checked before the engine was called; an unknown one here can only match nothing.</summary>
        private static int[] Ids(IEnumerable<string> codes, Func<string, SearchCode?> lookup) =>
            [.. codes.Select(code => lookup(code)?.Id ?? -1).Distinct()];

        private static string EscapeLike(string term) =>
            term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

        /// <summary>A tsquery holding the term verbatim as one lexeme (quoted, so no parser or dictionary touches it).</summary>
        private static string TsQueryLexeme(string term) =>
            "'" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
