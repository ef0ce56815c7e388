using System.Globalization;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Tests.Buildings;

public class RegisterRulesTests
{
    private const int ThisYear = 2026;

    private static readonly BuildingInput ValidBuilding = new()
    {
        ExternalKey = "MZ-0001",
        Name = "明珠国际大厦",
        Address = "明珠路1号",
        Longitude = 116.4,
        Latitude = 39.9,
        Grade = BuildingGrade.A,
        CompletionYear = 2015,
        GrossFloorArea = 50_000m,
        ForSaleArea = 10_000m,
        ForRentArea = 30_000m,
        SelfUseArea = 2_000m,
        FloorsAboveGround = 30,
        FloorsBelowGround = 3,
        ParkingAboveGround = 20,
        ParkingBelowGround = 300,
    };

    private static readonly BuildingShape Shape = BuildingShape.Of(ValidBuilding);

    private static readonly SpaceInput ValidSpace = new() { Floor = 12, Unit = "1201", Area = 250m, AskingRent = 4.5m };

    [Fact]
    public void A_complete_building_passes() => Assert.Empty(RegisterRules.Building(ValidBuilding, ThisYear));

    [Fact]
    public void Negative_areas_and_counts_are_named_field_by_field()
    {
        var input = ValidBuilding with { ForRentArea = -1m, SelfUseArea = -5m, ParkingBelowGround = -1, PassengerElevators = -2 };

        var problems = RegisterRules.Building(input, ThisYear);

        Assert.Contains(problems, p => p is { Field: "forRentArea", MessageKey: Problems.Negative });
        Assert.Contains(problems, p => p is { Field: "selfUseArea", MessageKey: Problems.Negative });
        Assert.Contains(problems, p => p is { Field: "parkingBelowGround", MessageKey: Problems.Negative });
        Assert.Contains(problems, p => p is { Field: "passengerElevators", MessageKey: Problems.Negative });
    }

    [Fact]
    public void A_stated_leasable_area_must_be_for_sale_plus_for_rent()
    {
        Assert.Empty(RegisterRules.Building(ValidBuilding with { LeasableArea = 40_000m }, ThisYear));

        var problems = RegisterRules.Building(ValidBuilding with { LeasableArea = 39_999.99m }, ThisYear);

        var problem = Assert.Single(problems);
        Assert.Equal("leasableArea", problem.Field);
        Assert.Equal(Problems.LeasableMismatch, problem.MessageKey);
    }

    [Fact]
    public void Leasable_and_self_use_area_cannot_exceed_the_gross_floor_area()
    {
        var problems = RegisterRules.Building(ValidBuilding with { GrossFloorArea = 41_000m }, ThisYear);

        Assert.Equal("grossFloorArea", Assert.Single(problems).Field);
    }

    [Fact]
    public void Name_address_and_coordinates_are_required_and_in_range()
    {
        var problems = RegisterRules.Building(ValidBuilding with { Name = " ", Address = null, Longitude = 181, Latitude = -91 }, ThisYear);

        Assert.Contains(problems, p => p is { Field: "name", MessageKey: Problems.Required });
        Assert.Contains(problems, p => p is { Field: "address", MessageKey: Problems.Required });
        Assert.Contains(problems, p => p.Field == "longitude");
        Assert.Contains(problems, p => p.Field == "latitude");
    }

    [Fact]
    public void A_completed_building_cannot_be_completed_in_the_future()
    {
        Assert.Contains(RegisterRules.Building(ValidBuilding with { CompletionYear = ThisYear + 1 }, ThisYear), p => p.Field == "completionYear");
        Assert.Empty(RegisterRules.Building(ValidBuilding with { CompletionYear = ThisYear + 2, ConstructionStatus = ConstructionStatus.UnderConstruction }, ThisYear));
    }

    [Fact]
    public void A_contact_needs_a_name()
    {
        var problems = RegisterRules.Building(ValidBuilding with { PropertyContacts = [new ContactInput(null, Phone: "13800000000")] }, ThisYear);

        Assert.Equal("propertyContacts", Assert.Single(problems).Field);
    }

    [Fact]
    public void A_building_cannot_shrink_below_its_spaces()
    {
        ExistingSpace[] spaces = [new(1, "S1", "2801", 28, 30_000m, SpaceStatus.Leased), new(2, "S2", "B201", -2, 500m, SpaceStatus.SelfUse)];

        var problems = RegisterRules.BuildingAgainstSpaces(ValidBuilding with { FloorsAboveGround = 20, FloorsBelowGround = 1, ForRentArea = 10_000m, SelfUseArea = 100m }, spaces);

        Assert.Contains(problems, p => p is { Field: "floorsAboveGround", MessageKey: Problems.FloorsBelowSpaces });
        Assert.Contains(problems, p => p is { Field: "floorsBelowGround", MessageKey: Problems.FloorsBelowSpaces });
        Assert.Contains(problems, p => p is { Field: "forRentArea", MessageKey: Problems.SpacesExceedLeasable });
        Assert.Contains(problems, p => p is { Field: "selfUseArea", MessageKey: Problems.SelfUseSpacesExceedSelfUse });
    }

    [Fact]
    public void A_valid_space_passes() => Assert.Empty(RegisterRules.Space(ValidSpace, Shape, []));

    [Theory]
    [InlineData(0, Problems.FloorZero)]
    [InlineData(31, Problems.FloorAboveTop)]
    [InlineData(-4, Problems.FloorBelowBottom)]
    public void A_space_must_be_on_a_floor_the_building_has(int floor, string expected)
    {
        var problem = Assert.Single(RegisterRules.Space(ValidSpace with { Floor = floor }, Shape, []));

        Assert.Equal(("floor", expected), (problem.Field, problem.MessageKey));
    }

    [Fact]
    public void Basement_floors_are_negative_and_allowed()
    {
        Assert.Empty(RegisterRules.Space(ValidSpace with { Floor = -3, Unit = "B301" }, Shape, []));
    }

    [Fact]
    public void A_unit_number_is_unique_in_its_building()
    {
        ExistingSpace[] others = [new(7, "K7", "1201", 12, 100m, SpaceStatus.Available)];

        var problem = Assert.Single(RegisterRules.Space(ValidSpace, Shape, others));

        Assert.Equal(("unit", Problems.DuplicateUnit), (problem.Field, problem.MessageKey));
    }

    [Fact]
    public void The_spaces_total_area_cannot_exceed_the_leasable_area()
    {
        ExistingSpace[] others = [new(7, "K7", "1101", 11, 39_800m, SpaceStatus.Leased), new(8, "K8", "101", 1, 2_000m, SpaceStatus.SelfUse)];

        var problem = Assert.Single(RegisterRules.Space(ValidSpace, Shape, others));
        Assert.Equal(("area", Problems.SpacesExceedLeasable), (problem.Field, problem.MessageKey));

        // Self-use space counts against the self-use area, not the leasable area.
        var selfUse = Assert.Single(RegisterRules.Space(ValidSpace with { Status = SpaceStatus.SelfUse }, Shape, others));
        Assert.Equal(Problems.SelfUseSpacesExceedSelfUse, selfUse.MessageKey);
    }

    [Fact]
    public void Areas_prices_and_status_of_a_space_are_checked()
    {
        var problems = RegisterRules.Space(
            ValidSpace with { Area = 0m, AskingRent = -1m, Status = SpaceStatus.Sold, Tenure = Tenure.Rent, MinDivisibleArea = 10m }, Shape, []);

        Assert.Contains(problems, p => p is { Field: "area", MessageKey: Problems.NotPositive });
        Assert.Contains(problems, p => p is { Field: "askingRent", MessageKey: Problems.Negative });
        Assert.Contains(problems, p => p is { Field: "status", MessageKey: Problems.StatusTenureMismatch });
        Assert.Contains(problems, p => p.Field == "minDivisibleArea");
    }

    [Theory]
    [InlineData(null, Problems.CreditCodeMissing)]
    [InlineData("91110000600037341", Problems.CreditCodeWrongLength)]
    [InlineData("91110000600037341I", Problems.CreditCodeInvalidCharacter)]
    [InlineData("9111000060003734AX", Problems.CreditCodeWrongCheckCharacter)]
    public void An_enterprise_needs_a_valid_credit_code(string? code, string expected)
    {
        var problems = RegisterRules.Enterprise(new EnterpriseInput { CreditCode = code, Name = "测试有限公司" });

        Assert.Equal(("creditCode", expected), (Assert.Single(problems).Field, problems[0].MessageKey));
    }

    [Fact]
    public void A_valid_credit_code_typed_with_spaces_and_lower_case_passes()
    {
        var first17 = "91110108MA01ABCDE".ToUpperInvariant();
        var code = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

        Assert.Empty(RegisterRules.Enterprise(new EnterpriseInput { CreditCode = " " + code[..6].ToLowerInvariant() + " " + code[6..], Name = "测试有限公司", IndustrySection = "I", RegisteredDistrictCode = "110108" }));
    }

    [Fact]
    public void Industry_section_and_division_code_have_their_formats()
    {
        var first17 = "91110108MA01ABCDE";
        var problems = RegisterRules.Enterprise(new EnterpriseInput
        {
            CreditCode = first17 + UnifiedSocialCreditCode.CheckCharacter(first17), Name = "测试", IndustrySection = "Z", RegisteredDistrictCode = "11010",
        });

        Assert.Equal(["industrySection", "registeredDistrictCode"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Tenancy_dates_follow_each_other()
    {
        var input = new TenancyInput { EnterpriseId = 1, Area = 100m, SignedOn = new(2025, 3, 1), MovedInOn = new(2025, 2, 1), MovedOutOn = new(2025, 1, 1) };

        var problems = RegisterRules.Tenancy(input, Shape);

        Assert.Contains(problems, p => p is { Field: "movedInOn", MessageKey: Problems.DateBefore });
        Assert.Contains(problems, p => p is { Field: "movedOutOn", MessageKey: Problems.DateBefore });
        Assert.Contains(RegisterRules.Tenancy(input with { SignedOn = null, MovedInOn = null, MovedOutOn = null, Area = 0 }, Shape), p => p is { Field: "signedOn", MessageKey: Problems.Required });
    }

    [Fact]
    public void Messages_name_the_field_in_Chinese_and_in_English()
    {
        var localizer = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));
        var problem = RegisterRules.Building(ValidBuilding with { ForRentArea = -1m, ForSaleArea = 40_001m }, ThisYear)
            .Single(p => p.Field == "forRentArea");

        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
            Assert.Equal("可租面积不能为负数", problem.Message(localizer));
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
            Assert.Equal("For-rent area must not be negative", problem.Message(localizer));
            var leasable = new FieldProblem("leasableArea", Problems.LeasableMismatch, 100m, 90m);
            Assert.Equal("Leasable area (100.00 m²) must equal for-sale plus for-rent area (90.00 m²)", leasable.Message(localizer));
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }
}
