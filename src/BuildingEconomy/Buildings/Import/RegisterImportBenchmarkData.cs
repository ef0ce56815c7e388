using System.Globalization;
using System.Text;
using BuildingEconomy.Demo;

namespace BuildingEconomy.Buildings.Import;

/// <summary>A generated data set as the CSV files an administrator would upload: what the import benchmark feeds in.</summary>
internal static class RegisterImportBenchmarkData
{
    public static byte[] BuildingsCsv(DemoDataSet data)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', ImportColumns.Buildings.Select(c => c.Header)));
        foreach (var b in data.Buildings)
        {
            var values = new Dictionary<string, string?>
            {
                ["externalKey"] = b.ExternalKey, ["name"] = b.Name, ["address"] = b.Address,
                ["longitude"] = b.Location.X.ToString("R", CultureInfo.InvariantCulture), ["latitude"] = b.Location.Y.ToString("R", CultureInfo.InvariantCulture),
                ["grade"] = ImportVocabulary.Grades[b.Grade], ["use"] = ImportVocabulary.Uses[b.Use], ["constructionStatus"] = ImportVocabulary.ConstructionStatuses[b.ConstructionStatus],
                ["completionYear"] = b.CompletionYear?.ToString(CultureInfo.InvariantCulture),
                ["grossFloorArea"] = Num(b.GrossFloorArea), ["forSaleArea"] = Num(b.ForSaleArea), ["forRentArea"] = Num(b.ForRentArea), ["selfUseArea"] = Num(b.SelfUseArea),
                ["floorsAboveGround"] = Num(b.FloorsAboveGround), ["floorsBelowGround"] = Num(b.FloorsBelowGround), ["passengerElevators"] = Num(b.PassengerElevators),
                ["freightElevators"] = Num(b.FreightElevators), ["parkingAboveGround"] = Num(b.ParkingAboveGround), ["parkingBelowGround"] = Num(b.ParkingBelowGround),
                ["propertyCompany"] = b.PropertyCompany, ["requiredToReport"] = ImportVocabulary.Yes(b.RequiredToReport),
            };
            text.AppendLine(string.Join(',', ImportColumns.Buildings.Select(c => Csv(values.GetValueOrDefault(c.Field)))));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] SpacesCsv(DemoDataSet data)
    {
        var keys = data.Buildings.ToDictionary(b => b.Id, b => b.ExternalKey);
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', ImportColumns.Spaces.Select(c => c.Header)));
        foreach (var s in data.Spaces)
        {
            var values = new Dictionary<string, string?>
            {
                ["buildingExternalKey"] = keys[s.BuildingId], ["externalKey"] = s.ExternalKey, ["floor"] = Num(s.Floor), ["unit"] = s.Unit, ["area"] = Num(s.Area),
                ["tenure"] = ImportVocabulary.Tenures[s.Tenure], ["askingRent"] = s.AskingRent is { } r ? Num(r) : null, ["salePrice"] = s.SalePrice is { } p ? Num(p) : null,
                ["fitOut"] = ImportVocabulary.FitOuts[s.FitOut], ["status"] = ImportVocabulary.SpaceStatuses[s.Status],
                ["availableFrom"] = s.AvailableFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["divisible"] = ImportVocabulary.Yes(s.Divisible),
                ["minDivisibleArea"] = s.MinDivisibleArea is { } m ? Num(m) : null,
            };
            text.AppendLine(string.Join(',', ImportColumns.Spaces.Select(c => Csv(values.GetValueOrDefault(c.Field)))));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Csv(string? value) => value is null ? "" : value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
