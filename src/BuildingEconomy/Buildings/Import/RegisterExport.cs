using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BuildingEconomy.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace BuildingEconomy.Buildings.Import;

/// <summary>
/// Templates and exports in the import's own columns and vocabulary, so an exported file can be edited and imported
/// back (unchanged rows stay unchanged).
/// </summary>
public static class RegisterExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An empty workbook with the 楼宇 and 房源 sheets and their headers.</summary>
    public static byte[] Template(ImportKind kind)
    {
        var sheets = new Dictionary<string, object>();
        if (kind != ImportKind.Spaces) sheets[ImportColumns.BuildingsSheet] = Table(ImportColumns.Buildings, []);
        if (kind != ImportKind.Buildings) sheets[ImportColumns.SpacesSheet] = Table(ImportColumns.Spaces, []);
        return Workbook(sheets);
    }

    public static async Task<byte[]> WorkbookAsync(BuildingEconomyDbContext db, IQueryable<Building> visible, CancellationToken cancellationToken)
    {
        var (buildings, spaces) = await RowsAsync(db, visible, cancellationToken);
        return Workbook(new Dictionary<string, object>
        {
            [ImportColumns.BuildingsSheet] = Table(ImportColumns.Buildings, buildings),
            [ImportColumns.SpacesSheet] = Table(ImportColumns.Spaces, spaces),
        });
    }

    public static async Task<byte[]> CsvAsync(BuildingEconomyDbContext db, IQueryable<Building> visible, ImportKind kind, CancellationToken cancellationToken)
    {
        var (buildings, spaces) = await RowsAsync(db, visible, cancellationToken);
        var (columns, rows) = kind == ImportKind.Spaces ? (ImportColumns.Spaces, spaces) : (ImportColumns.Buildings, buildings);
        using var stream = new MemoryStream();
        // A byte order mark, or Excel opens UTF-8 Chinese as mojibake.
        stream.Write(Encoding.UTF8.Preamble);
        using (var csv = CsvWriter.Create(stream, null, leaveOpen: true))
        {
            csv.WriteHeader([.. columns.Select(c => c.Header)]);
            foreach (var row in rows) csv.WriteRecord([.. columns.Select(c => Format(row.GetValueOrDefault(c.Field)))]);
        }
        return stream.ToArray();
    }

    public static async Task<string> GeoJsonAsync(BuildingEconomyDbContext db, IQueryable<Building> visible, CancellationToken cancellationToken)
    {
        var (buildings, _) = await RowsAsync(db, visible, cancellationToken);
        var locations = await visible.AsNoTracking().Where(b => !b.Archived).Select(b => new { b.ExternalKey, b.Location, b.Footprint }).ToDictionaryAsync(b => b.ExternalKey, cancellationToken);
        var collection = new FeatureCollection();
        foreach (var row in buildings)
        {
            var place = locations[(string)row["externalKey"]!];
            var attributes = new AttributesTable();
            foreach (var c in ImportColumns.Buildings)
            {
                if (row.GetValueOrDefault(c.Field) is { } value) attributes.Add(c.Field, value is decimal or int or double ? value : Format(value));
            }
            collection.Add(new Feature(place.Footprint is { } footprint ? footprint : place.Location, attributes));
        }
        return JsonSerializer.Serialize(collection, new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } });
    }

    private static async Task<(List<Dictionary<string, object?>> Buildings, List<Dictionary<string, object?>> Spaces)> RowsAsync(
        BuildingEconomyDbContext db, IQueryable<Building> visible, CancellationToken cancellationToken)
    {
        var buildings = await visible.AsNoTracking().Where(b => !b.Archived).Include(b => b.Theme).Include(b => b.Facilities)
            .OrderBy(b => b.ExternalKey).AsSplitQuery().ToListAsync(cancellationToken);
        var ids = buildings.Select(b => b.Id).ToList();
        var keys = buildings.ToDictionary(b => b.Id, b => b.ExternalKey);
        var spaces = await db.Spaces.AsNoTracking().Where(s => ids.Contains(s.BuildingId) && !s.Archived)
            .OrderBy(s => s.BuildingId).ThenByDescending(s => s.Floor).ThenBy(s => s.Unit).ToListAsync(cancellationToken);
        return (
            [.. buildings.Select(b => new Dictionary<string, object?>
            {
                ["externalKey"] = b.ExternalKey, ["name"] = b.Name, ["aliases"] = b.Aliases.Count == 0 ? null : string.Join('、', b.Aliases),
                ["address"] = b.Address, ["longitude"] = b.Location.X, ["latitude"] = b.Location.Y, ["coordinateSystem"] = ImportVocabulary.CoordinateSystems[CoordinateSystem.Wgs84],
                ["grade"] = ImportVocabulary.Grades[b.Grade], ["use"] = ImportVocabulary.Uses[b.Use],
                ["constructionStatus"] = ImportVocabulary.ConstructionStatuses[b.ConstructionStatus], ["completionYear"] = b.CompletionYear,
                ["grossFloorArea"] = b.GrossFloorArea, ["forSaleArea"] = b.ForSaleArea, ["forRentArea"] = b.ForRentArea, ["selfUseArea"] = b.SelfUseArea,
                ["leasableArea"] = b.LeasableArea, ["floorsAboveGround"] = b.FloorsAboveGround, ["floorsBelowGround"] = b.FloorsBelowGround,
                ["passengerElevators"] = b.PassengerElevators, ["freightElevators"] = b.FreightElevators,
                ["parkingAboveGround"] = b.ParkingAboveGround, ["parkingBelowGround"] = b.ParkingBelowGround,
                ["themeId"] = b.Theme?.Name, ["facilityIds"] = b.Facilities.Count == 0 ? null : string.Join('、', b.Facilities.OrderBy(f => f.SortOrder).Select(f => f.Name)),
                ["propertyCompany"] = b.PropertyCompany, ["oneToOneContact"] = b.OneToOneContact?.Name, ["oneToOneContactPhone"] = b.OneToOneContact?.Phone,
                ["propertyContacts"] = b.PropertyContacts.FirstOrDefault()?.Name, ["propertyContactPhone"] = b.PropertyContacts.FirstOrDefault()?.Phone,
                ["requiredToReport"] = ImportVocabulary.Yes(b.RequiredToReport),
            })],
            [.. spaces.Select(s => new Dictionary<string, object?>
            {
                ["buildingExternalKey"] = keys[s.BuildingId], ["externalKey"] = s.ExternalKey, ["floor"] = s.Floor, ["unit"] = s.Unit, ["area"] = s.Area,
                ["tenure"] = ImportVocabulary.Tenures[s.Tenure], ["askingRent"] = s.AskingRent, ["salePrice"] = s.SalePrice,
                ["fitOut"] = ImportVocabulary.FitOuts[s.FitOut], ["status"] = ImportVocabulary.SpaceStatuses[s.Status],
                ["availableFrom"] = s.AvailableFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["divisible"] = ImportVocabulary.Yes(s.Divisible),
                ["minDivisibleArea"] = s.MinDivisibleArea,
            })]);
    }

    /// <summary>A DataTable writes its headers even with no rows, which a list of dictionaries cannot.</summary>
    private static DataTable Table(IReadOnlyList<ImportColumn> columns, List<Dictionary<string, object?>> rows)
    {
        var table = new DataTable();
        foreach (var c in columns) table.Columns.Add(c.Header, typeof(string));
        foreach (var row in rows) table.Rows.Add([.. columns.Select(c => (object?)Format(row.GetValueOrDefault(c.Field)) ?? DBNull.Value)]);
        return table;
    }

    private static byte[] Workbook(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        double d => d.ToString("0.0000000", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
