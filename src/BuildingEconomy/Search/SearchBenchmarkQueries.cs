using BuildingEconomy.Buildings;
using NetTopologySuite.Geometries;
using Npgsql;

namespace BuildingEconomy.Search;

/// <summary>
/// The search benchmark's queries: what investment officers ask every morning, drawn reproducibly from the loaded
/// register. Every query has a place (a district, a subdistrict, a radius, a polygon, the map view) or words, as on
/// the search page, with the filters and sorts officers combine with it, some on later pages.
/// </summary>
public static class SearchBenchmarkQueries
{
    /// <summary>The kinds of query in the mix, in turn: what an officer asks, in a few words.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "district, grade A, 200–500 m²",
        "subdistrict, office, rent cap",
        "2 km round a point",
        "5 km, fit-out, min area",
        "near a named building",
        "2-character text in a district",
        "building name, nationwide",
        "drawn polygon, area range",
        "map view, grades",
        "district, facility, date, parking",
    ];

    private sealed record Sample(int Id, string Name, double Longitude, double Latitude, string District, string Subdistrict);

    public static async Task<List<(string Kind, SpaceSearchQuery Query)>> DrawAsync(NpgsqlDataSource dataSource, int count, DateOnly today, CancellationToken cancellationToken = default)
    {
        var samples = await SampleBuildingsAsync(dataSource, cancellationToken);
        if (samples.Count == 0) throw new InvalidOperationException("No buildings with available space: load a data set first (seed-demo).");
        var facilities = await CodesAsync(dataSource, "SELECT code FROM facilities ORDER BY code", cancellationToken);
        var themes = await CodesAsync(dataSource, "SELECT code FROM themes ORDER BY code", cancellationToken);
        var random = new Random(2026);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        decimal Step(int from, int to, int step) => from + step * random.Next((to - from) / step + 1);

        var queries = new List<(string Kind, SpaceSearchQuery Query)>(count);
        for (var i = 0; i < count; i++)
        {
            var at = Pick(samples);
            var near = new GeoPoint(at.Longitude + (random.NextDouble() - 0.5) * 0.01, at.Latitude + (random.NextDouble() - 0.5) * 0.01);
            var minArea = Step(50, 500, 50);
            queries.Add((Kinds[i % Kinds.Count], (i % Kinds.Count) switch
            {
                0 => new SpaceSearchQuery { Districts = [at.District], Grades = [BuildingGrade.A], MinArea = 200, MaxArea = 500 },
                1 => new SpaceSearchQuery { Subdistricts = [at.Subdistrict], Uses = [BuildingUse.Office], MaxRent = Step(3, 12, 1), Sort = SearchSort.RentAsc },
                2 => new SpaceSearchQuery { Near = near, RadiusMetres = 2_000, Sort = SearchSort.Distance },
                3 => new SpaceSearchQuery { Near = near, RadiusMetres = 5_000, MinArea = minArea, FitOuts = [FitOut.Fine, FitOut.Furnished] },
                4 => new SpaceSearchQuery { NearBuilding = at.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), RadiusMetres = (int)Step(1_000, 3_000, 500), Sort = SearchSort.Distance, Tenures = [Tenure.Rent] },
                5 => new SpaceSearchQuery { Terms = [Piece(at.Name, random)], Districts = [at.District] },
                6 => new SpaceSearchQuery { Terms = [at.Name.ToLowerInvariant()], Page = 1 + random.Next(2) },
                7 => new SpaceSearchQuery { Polygon = Hexagon(near, 0.012), MinArea = minArea, MaxArea = minArea + 1_000, Sort = SearchSort.AreaAsc },
                8 => new SpaceSearchQuery { Bounds = new GeoBox(near.Longitude - 0.02, near.Latitude - 0.015, near.Longitude + 0.02, near.Latitude + 0.015), Sort = SearchSort.RentAsc, Grades = [BuildingGrade.Premium, BuildingGrade.A, BuildingGrade.B] },
                _ => new SpaceSearchQuery
                {
                    Districts = [at.District],
                    Facilities = [Pick(facilities)],
                    Themes = random.Next(2) == 0 ? [Pick(themes)] : [],
                    AvailableBy = today.AddMonths(3),
                    MinParkingRatio = 0.5m,
                    Sort = SearchSort.AreaDesc,
                    Page = 1 + random.Next(3),
                },
            }));
        }
        return queries;
    }

    /// <summary>Two characters of a building's name, as officers type 国贸 for 国贸中心.</summary>
    private static string Piece(string name, Random random)
    {
        var letters = name.Where(char.IsLetterOrDigit).ToArray();
        if (letters.Length < 2) return name.ToLowerInvariant();
        var start = random.Next(Math.Min(letters.Length - 1, 3));
        return new string(letters, start, 2).ToLowerInvariant();
    }

    /// <summary>A hexagon of the given radius in degrees, as an officer draws round a few blocks.</summary>
    private static Polygon Hexagon(GeoPoint centre, double radius)
    {
        var points = Enumerable.Range(0, 7)
            .Select(k => new Coordinate(centre.Longitude + radius * Math.Cos(k % 6 * Math.PI / 3), centre.Latitude + radius * 0.8 * Math.Sin(k % 6 * Math.PI / 3)))
            .ToArray();
        return new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(points);
    }

    private static async Task<List<Sample>> SampleBuildingsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // Buildings with space on the market, in a fixed order, so the same register gives the same queries.
        await using var command = dataSource.CreateCommand("""
            SELECT b.id, b.name, ST_X(b.location::geometry), ST_Y(b.location::geometry), d.admin_code, sd.code
            FROM buildings b JOIN districts d ON d.id = b.district_id JOIN subdistricts sd ON sd.id = b.subdistrict_id
            WHERE NOT b.archived AND EXISTS (SELECT 1 FROM spaces s WHERE s.building_id = b.id AND NOT s.archived AND (s.status = 'Available' OR s.available_from IS NOT NULL))
            ORDER BY b.id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var samples = new List<Sample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new Sample(reader.GetInt32(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetString(4).Trim(), reader.GetString(5)));
        }
        return samples;
    }

    private static async Task<List<string>> CodesAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var codes = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) codes.Add(reader.GetString(0));
        return codes;
    }
}
