using System.Globalization;
using BuildingEconomy.Buildings.Register;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Buildings.Import;

/// <summary>A building row turned into register input, with what the files carry beyond it.</summary>
public sealed record BuildingRow(ImportRow Row, BuildingInput Input, MultiPolygon? Footprint);

public sealed record SpaceRow(ImportRow Row, string BuildingExternalKey, SpaceInput Input);

/// <summary>Turns rows of text into register inputs, noting every value that does not parse as a problem of its field.</summary>
public sealed class ImportParsing(IReadOnlyList<Theme> themes, IReadOnlyList<Facility> facilities)
{
    public (BuildingInput Input, MultiPolygon? Footprint, List<FieldProblem> Problems) Building(ImportRow row)
    {
        var p = new List<FieldProblem>();
        var system = Enum(row, "coordinateSystem", ImportVocabulary.CoordinateSystems, CoordinateSystem.Wgs84, p);
        double lon = double.NaN, lat = double.NaN;
        MultiPolygon? footprint = null;
        if (row["longitude"] is not null || row["latitude"] is not null || row.Geometry is null)
        {
            lon = Double(row, "longitude", p);
            lat = Double(row, "latitude", p);
        }
        else
        {
            // A GeoJSON point is the location; a footprint gives its interior point, which is inside it even when concave.
            var point = row.Geometry is Point pt ? pt : row.Geometry.InteriorPoint;
            (lon, lat) = (point.X, point.Y);
        }
        if (row.Geometry is Polygon polygon) footprint = new MultiPolygon([polygon], polygon.Factory);
        else if (row.Geometry is MultiPolygon multi) footprint = multi;
        if (footprint is not null && system != CoordinateSystem.Wgs84)
        {
            footprint = (MultiPolygon)footprint.Copy();
            footprint.Apply(new ToWgs84Filter(system));
        }
        if (footprint is not null) footprint.SRID = 4326;

        int? themeId = null;
        if (row["themeId"] is { } themeText)
        {
            var theme = themes.FirstOrDefault(t => t.Name == themeText || t.Code == themeText || string.Equals(t.NameEn, themeText, StringComparison.OrdinalIgnoreCase)
                || t.Id.ToString(CultureInfo.InvariantCulture) == themeText);
            if (theme is null) p.Add(new FieldProblem("themeId", Problems.Unknown, themeText));
            themeId = theme?.Id;
        }
        var facilityIds = new List<int>();
        foreach (var name in row["facilityIds"] is { } list ? ImportVocabulary.SplitList(list) : [])
        {
            var facility = facilities.FirstOrDefault(f => f.Name == name || f.Code == name || string.Equals(f.NameEn, name, StringComparison.OrdinalIgnoreCase));
            if (facility is null) p.Add(new FieldProblem("facilityIds", Problems.Unknown, name));
            else facilityIds.Add(facility.Id);
        }

        var input = new BuildingInput
        {
            ExternalKey = row["externalKey"],
            Name = row["name"],
            Aliases = row["aliases"] is { } aliases ? [.. ImportVocabulary.SplitList(aliases)] : [],
            Address = row["address"],
            Longitude = lon,
            Latitude = lat,
            CoordinateSystem = system,
            Grade = Enum(row, "grade", ImportVocabulary.Grades, BuildingGrade.Ungraded, p),
            Use = Enum(row, "use", ImportVocabulary.Uses, BuildingUse.Office, p),
            ConstructionStatus = Enum(row, "constructionStatus", ImportVocabulary.ConstructionStatuses, ConstructionStatus.Completed, p),
            CompletionYear = NullableInt(row, "completionYear", p),
            GrossFloorArea = Decimal(row, "grossFloorArea", p),
            ForSaleArea = Decimal(row, "forSaleArea", p),
            ForRentArea = Decimal(row, "forRentArea", p),
            SelfUseArea = Decimal(row, "selfUseArea", p),
            LeasableArea = row["leasableArea"] is null ? null : Decimal(row, "leasableArea", p),
            FloorsAboveGround = Int(row, "floorsAboveGround", p),
            FloorsBelowGround = Int(row, "floorsBelowGround", p),
            PassengerElevators = Int(row, "passengerElevators", p),
            FreightElevators = Int(row, "freightElevators", p),
            ParkingAboveGround = Int(row, "parkingAboveGround", p),
            ParkingBelowGround = Int(row, "parkingBelowGround", p),
            ThemeId = themeId,
            FacilityIds = [.. facilityIds.Distinct().Order()],
            PropertyCompany = row["propertyCompany"],
            OneToOneContact = row["oneToOneContact"] is null && row["oneToOneContactPhone"] is null ? null : new ContactInput(row["oneToOneContact"], Phone: row["oneToOneContactPhone"]),
            PropertyContacts = row["propertyContacts"] is null && row["propertyContactPhone"] is null ? [] : [new ContactInput(row["propertyContacts"], Phone: row["propertyContactPhone"])],
            RequiredToReport = row["requiredToReport"] is null || Boolean(row, "requiredToReport", p),
        };
        if (string.IsNullOrWhiteSpace(input.ExternalKey)) p.Add(new FieldProblem("externalKey", Problems.Required));
        return (input, footprint, p);
    }

    public (string BuildingKey, SpaceInput Input, List<FieldProblem> Problems) Space(ImportRow row)
    {
        var p = new List<FieldProblem>();
        var buildingKey = row["buildingExternalKey"] ?? "";
        if (buildingKey.Length == 0) p.Add(new FieldProblem("buildingExternalKey", Problems.Required));
        if (row["externalKey"] is null) p.Add(new FieldProblem("externalKey", Problems.Required));
        var input = new SpaceInput
        {
            ExternalKey = row["externalKey"],
            Floor = Floor(row, p),
            Unit = row["unit"],
            Area = Decimal(row, "area", p),
            Tenure = Enum(row, "tenure", ImportVocabulary.Tenures, Tenure.Rent, p),
            AskingRent = row["askingRent"] is null ? null : Decimal(row, "askingRent", p),
            SalePrice = row["salePrice"] is null ? null : Decimal(row, "salePrice", p),
            FitOut = Enum(row, "fitOut", ImportVocabulary.FitOuts, FitOut.Bare, p),
            Status = Enum(row, "status", ImportVocabulary.SpaceStatuses, SpaceStatus.Available, p),
            AvailableFrom = Date(row, "availableFrom", p),
            Divisible = row["divisible"] is not null && Boolean(row, "divisible", p),
            MinDivisibleArea = row["minDivisibleArea"] is null ? null : Decimal(row, "minDivisibleArea", p),
        };
        if (row["floor"] is null) p.Add(new FieldProblem("floor", Problems.Required));
        if (row["area"] is null) p.Add(new FieldProblem("area", Problems.Required));
        return (buildingKey, input, p);
    }

    /// <summary>Floors are written 12, -1 or B1 (basement one) in Chinese spreadsheets.</summary>
    private static int Floor(ImportRow row, List<FieldProblem> p)
    {
        if (row["floor"] is not { } text) return 0;
        var t = text.Trim().TrimEnd('F', 'f', '层');
        if (t.Length > 1 && (t[0] is 'B' or 'b') && ImportVocabulary.TryParseInt(t[1..], out var basement)) return -basement;
        if (ImportVocabulary.TryParseInt(t, out var floor)) return floor;
        p.Add(new FieldProblem("floor", Problems.NotANumber, text));
        return 0;
    }

    private static TEnum Enum<TEnum>(ImportRow row, string field, IReadOnlyDictionary<TEnum, string> labels, TEnum fallback, List<FieldProblem> p)
        where TEnum : struct, System.Enum
    {
        if (row[field] is not { } text) return fallback;
        if (ImportVocabulary.TryParse(text, labels, out var value)) return value;
        p.Add(new FieldProblem(field, Problems.UnknownValue, text));
        return fallback;
    }

    private static decimal Decimal(ImportRow row, string field, List<FieldProblem> p)
    {
        if (row[field] is not { } text) return 0m;
        if (ImportVocabulary.TryParseDecimal(text, out var value)) return Math.Round(value, 2);
        p.Add(new FieldProblem(field, Problems.NotANumber, text));
        return 0m;
    }

    private static double Double(ImportRow row, string field, List<FieldProblem> p)
    {
        if (row[field] is not { } text)
        {
            p.Add(new FieldProblem(field, Problems.Required));
            return double.NaN;
        }
        if (ImportVocabulary.TryParseDouble(text, out var value)) return value;
        p.Add(new FieldProblem(field, Problems.NotANumber, text));
        return double.NaN;
    }

    private static int Int(ImportRow row, string field, List<FieldProblem> p) => NullableInt(row, field, p) ?? 0;

    private static int? NullableInt(ImportRow row, string field, List<FieldProblem> p)
    {
        if (row[field] is not { } text) return null;
        if (ImportVocabulary.TryParseInt(text, out var value)) return value;
        p.Add(new FieldProblem(field, Problems.NotANumber, text));
        return null;
    }

    private static bool Boolean(ImportRow row, string field, List<FieldProblem> p)
    {
        if (ImportVocabulary.TryParseBoolean(row[field]!, out var value)) return value;
        p.Add(new FieldProblem(field, Problems.NotABoolean, row[field]!));
        return false;
    }

    private static DateOnly? Date(ImportRow row, string field, List<FieldProblem> p)
    {
        if (row[field] is not { } text) return null;
        // Excel dates arrive as yyyy-MM-dd from the reader; people type other forms.
        if (ImportVocabulary.TryParseDate(text.Length > 10 && text[10] == 'T' ? text[..10] : text, out var value)) return value;
        p.Add(new FieldProblem(field, Problems.NotADate, text));
        return null;
    }

    private sealed class ToWgs84Filter(CoordinateSystem system) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var wgs = CoordinateConversion.ToWgs84(new LonLat(seq.GetX(i), seq.GetY(i)), system);
            seq.SetX(i, wgs.Longitude);
            seq.SetY(i, wgs.Latitude);
        }
    }
}
