using System.Text.Json;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Register;

namespace BuildingEconomy.Web.Pages.Buildings;

/// <summary>The edit form's fields: flat and settable for model binding, turned into a <see cref="BuildingInput"/> for the register.</summary>
public sealed class BuildingForm
{
    public string? ExternalKey { get; set; }
    public string? Name { get; set; }
    public string? Aliases { get; set; }
    public string? Address { get; set; }
    public double? Longitude { get; set; }
    public double? Latitude { get; set; }
    public CoordinateSystem CoordinateSystem { get; set; } = CoordinateSystem.Wgs84;

    /// <summary>GeoJSON text written by the map's drawing tools; empty when there is no footprint.</summary>
    public string? Footprint { get; set; }
    public BuildingGrade Grade { get; set; } = BuildingGrade.A;
    public BuildingUse Use { get; set; } = BuildingUse.Office;
    public ConstructionStatus ConstructionStatus { get; set; } = ConstructionStatus.Completed;
    public int? CompletionYear { get; set; }
    public decimal GrossFloorArea { get; set; }
    public decimal ForSaleArea { get; set; }
    public decimal ForRentArea { get; set; }
    public decimal SelfUseArea { get; set; }
    public int FloorsAboveGround { get; set; }
    public int FloorsBelowGround { get; set; }
    public int PassengerElevators { get; set; }
    public int FreightElevators { get; set; }
    public int ParkingAboveGround { get; set; }
    public int ParkingBelowGround { get; set; }
    public int? ThemeId { get; set; }
    public List<int> FacilityIds { get; set; } = [];
    public string? PropertyCompany { get; set; }
    public string? OfficialName { get; set; }
    public string? OfficialTitle { get; set; }
    public string? OfficialPhone { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public bool RequiredToReport { get; set; } = true;
    public bool ConfirmNotDuplicate { get; set; }

    public BuildingInput ToInput() => new()
    {
        ExternalKey = ExternalKey,
        Name = Name,
        Aliases = Aliases is null ? [] : [.. Aliases.Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        Address = Address,
        Longitude = Longitude ?? double.NaN,
        Latitude = Latitude ?? double.NaN,
        CoordinateSystem = CoordinateSystem,
        Footprint = string.IsNullOrWhiteSpace(Footprint) ? null : ParseJson(Footprint),
        RemoveFootprint = string.IsNullOrWhiteSpace(Footprint),
        Grade = Grade,
        Use = Use,
        ConstructionStatus = ConstructionStatus,
        CompletionYear = CompletionYear,
        GrossFloorArea = GrossFloorArea,
        ForSaleArea = ForSaleArea,
        ForRentArea = ForRentArea,
        SelfUseArea = SelfUseArea,
        FloorsAboveGround = FloorsAboveGround,
        FloorsBelowGround = FloorsBelowGround,
        PassengerElevators = PassengerElevators,
        FreightElevators = FreightElevators,
        ParkingAboveGround = ParkingAboveGround,
        ParkingBelowGround = ParkingBelowGround,
        ThemeId = ThemeId,
        FacilityIds = FacilityIds,
        PropertyCompany = PropertyCompany,
        OneToOneContact = string.IsNullOrWhiteSpace(OfficialName) && string.IsNullOrWhiteSpace(OfficialPhone) ? null : new ContactInput(OfficialName, OfficialTitle, OfficialPhone),
        PropertyContacts = string.IsNullOrWhiteSpace(ContactName) && string.IsNullOrWhiteSpace(ContactPhone) ? [] : [new ContactInput(ContactName, Phone: ContactPhone)],
        RequiredToReport = RequiredToReport,
        ConfirmNotDuplicate = ConfirmNotDuplicate,
    };

    public static BuildingForm From(BuildingDetails b) => new()
    {
        ExternalKey = b.ExternalKey, Name = b.Name, Aliases = string.Join("、", b.Aliases), Address = b.Address,
        Longitude = b.Longitude, Latitude = b.Latitude, CoordinateSystem = CoordinateSystem.Wgs84,
        Footprint = b.Footprint?.GetRawText(),
        Grade = b.Grade, Use = b.Use, ConstructionStatus = b.ConstructionStatus, CompletionYear = b.CompletionYear,
        GrossFloorArea = b.GrossFloorArea, ForSaleArea = b.ForSaleArea, ForRentArea = b.ForRentArea, SelfUseArea = b.SelfUseArea,
        FloorsAboveGround = b.FloorsAboveGround, FloorsBelowGround = b.FloorsBelowGround, PassengerElevators = b.PassengerElevators,
        FreightElevators = b.FreightElevators, ParkingAboveGround = b.ParkingAboveGround, ParkingBelowGround = b.ParkingBelowGround,
        ThemeId = b.Theme?.Id, FacilityIds = [.. b.Facilities.Select(f => f.Id)], PropertyCompany = b.PropertyCompany,
        OfficialName = b.OneToOneContact?.Name, OfficialTitle = b.OneToOneContact?.Title, OfficialPhone = b.OneToOneContact?.Phone,
        ContactName = b.PropertyContacts.FirstOrDefault()?.Name, ContactPhone = b.PropertyContacts.FirstOrDefault()?.Phone,
        RequiredToReport = b.RequiredToReport,
    };

    /// <summary>Text that is not JSON travels on as a JSON string, so the register refuses it with a message naming the field.</summary>
    private static JsonElement ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    /// <summary>The form field a register problem belongs to.</summary>
    public static string FieldOf(string problemField) => problemField switch
    {
        "location" => nameof(Longitude),
        "oneToOneContact" => nameof(OfficialName),
        "propertyContacts" => nameof(ContactName),
        "leasableArea" => nameof(ForRentArea),
        _ => char.ToUpperInvariant(problemField[0]) + problemField[1..],
    };
}
