namespace BuildingEconomy.Buildings.Register;

/// <summary>The parts of a building its spaces are checked against.</summary>
public sealed record BuildingShape(int FloorsAboveGround, int FloorsBelowGround, decimal LeasableArea, decimal SelfUseArea)
{
    public static BuildingShape Of(Building b) => new(b.FloorsAboveGround, b.FloorsBelowGround, b.LeasableArea, b.SelfUseArea);
    public static BuildingShape Of(BuildingInput b) => new(b.FloorsAboveGround, b.FloorsBelowGround, b.ForSaleArea + b.ForRentArea, b.SelfUseArea);
}

/// <summary>A space already in the building (not archived), as the rules need it.</summary>
public sealed record ExistingSpace(long Id, string ExternalKey, string Unit, int Floor, decimal Area, SpaceStatus Status);

/// <summary>
/// What the space rules need of a building's other spaces. A bulk import builds it from per-building tallies, so
/// judging a building's n spaces costs n, not n².
/// </summary>
public sealed record OtherSpaces(Func<string, bool> HasUnit, Func<string, bool> HasKey, decimal Marketed, decimal SelfUse)
{
    public static OtherSpaces Of(IReadOnlyCollection<ExistingSpace> spaces) => new(
        unit => spaces.Any(s => string.Equals(s.Unit, unit, StringComparison.OrdinalIgnoreCase)),
        key => spaces.Any(s => s.ExternalKey == key),
        spaces.Where(s => s.Status != SpaceStatus.SelfUse).Sum(s => s.Area),
        spaces.Where(s => s.Status == SpaceStatus.SelfUse).Sum(s => s.Area));
}

/// <summary>
/// The register's validation rules, free of the database so that the web form, the API and every import row
/// are judged alike. Checks that need the database (location inside a district, likely duplicates, references)
/// are made by <see cref="BuildingRegister"/> on top of these.
/// </summary>
public static class RegisterRules
{
    public const int MaxNameLength = 100, MaxAddressLength = 200, MaxKeyLength = 64, MaxUnitLength = 20,
        MaxCompanyLength = 100, MaxEnterpriseNameLength = 150, MaxUnitsLength = 100, MaxPlaceLength = 100, MaxContactLength = 50;

    public static List<FieldProblem> Building(BuildingInput input, int currentYear)
    {
        var problems = new List<FieldProblem>();
        Text(problems, "externalKey", input.ExternalKey, MaxKeyLength, required: false);
        Text(problems, "name", input.Name, MaxNameLength, required: true);
        Text(problems, "address", input.Address, MaxAddressLength, required: true);
        Text(problems, "propertyCompany", input.PropertyCompany, MaxCompanyLength, required: false);
        foreach (var alias in input.Aliases ?? []) Text(problems, "aliases", alias, MaxNameLength, required: true);

        if (double.IsNaN(input.Longitude) || input.Longitude is < -180 or > 180) problems.Add(new("longitude", Problems.OutOfRange, -180, 180));
        if (double.IsNaN(input.Latitude) || input.Latitude is < -90 or > 90) problems.Add(new("latitude", Problems.OutOfRange, -90, 90));
        Defined(problems, "coordinateSystem", input.CoordinateSystem);
        Defined(problems, "grade", input.Grade);
        Defined(problems, "use", input.Use);
        Defined(problems, "constructionStatus", input.ConstructionStatus);

        if (input.CompletionYear is { } year && (year < 1900 || year > currentYear + 10))
            problems.Add(new("completionYear", Problems.OutOfRange, 1900, currentYear + 10));
        if (input.ConstructionStatus == ConstructionStatus.Completed && input.CompletionYear > currentYear)
            problems.Add(new("completionYear", Problems.OutOfRange, 1900, currentYear));

        NotNegative(problems, "grossFloorArea", input.GrossFloorArea);
        NotNegative(problems, "forSaleArea", input.ForSaleArea);
        NotNegative(problems, "forRentArea", input.ForRentArea);
        NotNegative(problems, "selfUseArea", input.SelfUseArea);
        var leasable = input.ForSaleArea + input.ForRentArea;
        if (input.LeasableArea is { } stated && stated != leasable)
            problems.Add(new("leasableArea", Problems.LeasableMismatch, stated, leasable));
        // Gross floor area also holds lobbies, plant and cores, so it may exceed the rest but never fall short of it.
        if (input.GrossFloorArea > 0 && leasable + input.SelfUseArea > input.GrossFloorArea)
            problems.Add(new("grossFloorArea", Problems.AreasExceedGross, leasable + input.SelfUseArea));

        NotNegative(problems, "floorsAboveGround", input.FloorsAboveGround);
        NotNegative(problems, "floorsBelowGround", input.FloorsBelowGround);
        NotNegative(problems, "passengerElevators", input.PassengerElevators);
        NotNegative(problems, "freightElevators", input.FreightElevators);
        NotNegative(problems, "parkingAboveGround", input.ParkingAboveGround);
        NotNegative(problems, "parkingBelowGround", input.ParkingBelowGround);

        if (input.OneToOneContact is { } official) Contact(problems, "oneToOneContact", official);
        foreach (var contact in input.PropertyContacts ?? []) Contact(problems, "propertyContacts", contact);
        return problems;
    }

    /// <summary>A building's new figures must still hold the spaces it already has.</summary>
    public static List<FieldProblem> BuildingAgainstSpaces(BuildingInput input, IReadOnlyCollection<ExistingSpace> spaces)
    {
        var problems = new List<FieldProblem>();
        if (spaces.Count == 0) return problems;
        var top = spaces.Max(s => s.Floor);
        var bottom = spaces.Min(s => s.Floor);
        if (top > input.FloorsAboveGround) problems.Add(new("floorsAboveGround", Problems.FloorsBelowSpaces, top));
        if (bottom < -input.FloorsBelowGround) problems.Add(new("floorsBelowGround", Problems.FloorsBelowSpaces, -bottom));
        var (marketed, selfUse) = Totals(spaces);
        var leasable = input.ForSaleArea + input.ForRentArea;
        if (marketed > leasable) problems.Add(new("forRentArea", Problems.SpacesExceedLeasable, marketed, leasable));
        if (selfUse > input.SelfUseArea) problems.Add(new("selfUseArea", Problems.SelfUseSpacesExceedSelfUse, selfUse, input.SelfUseArea));
        return problems;
    }

    /// <param name="others">The building's other spaces (not archived), without the one being edited.</param>
    public static List<FieldProblem> Space(SpaceInput input, BuildingShape building, IReadOnlyCollection<ExistingSpace> others) =>
        Space(input, building, OtherSpaces.Of(others));

    public static List<FieldProblem> Space(SpaceInput input, BuildingShape building, OtherSpaces others)
    {
        var problems = new List<FieldProblem>();
        Text(problems, "externalKey", input.ExternalKey, MaxKeyLength, required: false);
        Text(problems, "unit", input.Unit, MaxUnitLength, required: true);
        Defined(problems, "tenure", input.Tenure);
        Defined(problems, "status", input.Status);
        Defined(problems, "fitOut", input.FitOut);

        if (input.Floor == 0) problems.Add(new("floor", Problems.FloorZero));
        else if (input.Floor > building.FloorsAboveGround) problems.Add(new("floor", Problems.FloorAboveTop, building.FloorsAboveGround));
        else if (input.Floor < -building.FloorsBelowGround) problems.Add(new("floor", Problems.FloorBelowBottom, building.FloorsBelowGround));

        if (input.Area <= 0) problems.Add(new("area", Problems.NotPositive));
        if (input.AskingRent is { } rent) NotNegative(problems, "askingRent", rent);
        if (input.SalePrice is { } price) NotNegative(problems, "salePrice", price);
        if (input.MinDivisibleArea is { } min && (min <= 0 || min > input.Area))
            problems.Add(new("minDivisibleArea", Problems.MinDivisibleArea, input.Area));

        // Sold is only possible for space offered for sale, leased only for space offered to rent.
        if ((input.Status == SpaceStatus.Sold && input.Tenure != Tenure.Sale) || (input.Status == SpaceStatus.Leased && input.Tenure != Tenure.Rent))
            problems.Add(new("status", Problems.StatusTenureMismatch));

        var unit = input.Unit?.Trim();
        if (!string.IsNullOrEmpty(unit) && others.HasUnit(unit))
            problems.Add(new("unit", Problems.DuplicateUnit, unit));
        var key = input.ExternalKey?.Trim();
        if (!string.IsNullOrEmpty(key) && others.HasKey(key))
            problems.Add(new("externalKey", Problems.DuplicateKey, key));

        if (input.Area > 0)
        {
            var (marketed, selfUse) = (others.Marketed, others.SelfUse);
            if (input.Status == SpaceStatus.SelfUse)
            {
                if (selfUse + input.Area > building.SelfUseArea)
                    problems.Add(new("area", Problems.SelfUseSpacesExceedSelfUse, selfUse + input.Area, building.SelfUseArea));
            }
            else if (marketed + input.Area > building.LeasableArea)
            {
                problems.Add(new("area", Problems.SpacesExceedLeasable, marketed + input.Area, building.LeasableArea));
            }
        }
        return problems;
    }

    public static List<FieldProblem> Enterprise(EnterpriseInput input)
    {
        var problems = new List<FieldProblem>();
        var code = input.CreditCode is null ? null : UnifiedSocialCreditCode.Normalise(input.CreditCode);
        if (UnifiedSocialCreditCode.Check(code) is { } problem)
        {
            problems.Add(new("creditCode", problem switch
            {
                CreditCodeProblem.Missing => Problems.CreditCodeMissing,
                CreditCodeProblem.WrongLength => Problems.CreditCodeWrongLength,
                CreditCodeProblem.InvalidCharacter => Problems.CreditCodeInvalidCharacter,
                CreditCodeProblem.InvalidDivisionCode => Problems.CreditCodeInvalidDivisionCode,
                _ => Problems.CreditCodeWrongCheckCharacter,
            }));
        }
        Text(problems, "name", input.Name, MaxEnterpriseNameLength, required: true);
        Text(problems, "registeredPlace", input.RegisteredPlace, MaxPlaceLength, required: false);
        // GB/T 4754 sections run from A (agriculture) to T (international organisations).
        if (!string.IsNullOrWhiteSpace(input.IndustrySection) && !(input.IndustrySection.Trim().ToUpperInvariant() is [>= 'A' and <= 'T']))
            problems.Add(new("industrySection", Problems.IndustrySection));
        if (!string.IsNullOrWhiteSpace(input.RegisteredDistrictCode)
            && !(input.RegisteredDistrictCode.Trim() is { Length: 6 } division && division.All(char.IsAsciiDigit)))
            problems.Add(new("registeredDistrictCode", Problems.DivisionCode));
        return problems;
    }

    public static List<FieldProblem> Tenancy(TenancyInput input, BuildingShape building)
    {
        var problems = new List<FieldProblem>();
        Text(problems, "units", input.Units, MaxUnitsLength, required: false);
        if (input.Area <= 0) problems.Add(new("area", Problems.NotPositive));
        else if (input.Area > building.LeasableArea + building.SelfUseArea)
            problems.Add(new("area", Problems.SpacesExceedLeasable, input.Area, building.LeasableArea + building.SelfUseArea));
        if (input.SignedOn is null) problems.Add(new("signedOn", Problems.Required));
        if (input.MovedInOn is { } movedIn && input.SignedOn is { } signed && movedIn < signed)
            problems.Add(new("movedInOn", Problems.DateBefore, signed));
        if (input.MovedOutOn is { } movedOut)
        {
            if (input.MovedInOn is null) problems.Add(new("movedInOn", Problems.Required));
            else if (movedOut < input.MovedInOn) problems.Add(new("movedOutOn", Problems.DateBefore, input.MovedInOn.Value));
        }
        if (input.Employees is { } employees) NotNegative(problems, "employees", employees);
        return problems;
    }

    private static (decimal Marketed, decimal SelfUse) Totals(IEnumerable<ExistingSpace> spaces)
    {
        decimal marketed = 0, selfUse = 0;
        foreach (var s in spaces)
        {
            if (s.Status == SpaceStatus.SelfUse) selfUse += s.Area;
            else marketed += s.Area;
        }
        return (marketed, selfUse);
    }

    private static void Contact(List<FieldProblem> problems, string field, ContactInput contact)
    {
        Text(problems, field, contact.Name, MaxContactLength, required: true);
        Text(problems, field, contact.Title, MaxContactLength, required: false);
        Text(problems, field, contact.Phone, MaxContactLength, required: false);
        Text(problems, field, contact.Email, MaxContactLength * 2, required: false);
    }

    private static void Text(List<FieldProblem> problems, string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) problems.Add(new(field, Problems.Required));
        }
        else if (value.Trim().Length > maxLength)
        {
            problems.Add(new(field, Problems.TooLong, maxLength));
        }
    }

    private static void NotNegative(List<FieldProblem> problems, string field, decimal value)
    {
        if (value < 0) problems.Add(new(field, Problems.Negative));
    }

    private static void Defined<TEnum>(List<FieldProblem> problems, string field, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) problems.Add(new(field, Problems.UnknownValue, value.ToString()));
    }
}
