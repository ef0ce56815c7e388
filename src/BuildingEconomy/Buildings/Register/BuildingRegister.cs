using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Buildings.Register;

/// <summary>
/// Every change to buildings, spaces, enterprises and tenancies goes through here, whether it comes from a page,
/// the API or (row by row) a small import: the same rules, and one outbox event per change written in the same
/// SaveChanges as the change itself, so that the search index hears of every stored change and of nothing else.
/// </summary>
public sealed class BuildingRegister(BuildingEconomyDbContext db, TimeProvider time)
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private DateTimeOffset Now => time.GetUtcNow();

    public static Point ToStoredPoint(double longitude, double latitude, CoordinateSystem system)
    {
        var wgs = CoordinateConversion.ToWgs84(new LonLat(longitude, latitude), system);
        // Seven decimals is about a centimetre: more is noise from the conversion, not information.
        return Wgs84.CreatePoint(new Coordinate(Math.Round(wgs.Longitude, 7), Math.Round(wgs.Latitude, 7)));
    }

    public Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(string name, double longitude, double latitude,
        CoordinateSystem system, int? excludeBuildingId, CancellationToken cancellationToken = default)
    {
        var point = ToStoredPoint(longitude, latitude, system);
        return DuplicateFinder.FindAsync(db, name, new LonLat(point.X, point.Y), excludeBuildingId, cancellationToken);
    }

    // ---- buildings ----

    public async Task<RegisterResult<Building>> CreateBuildingAsync(BuildingInput input, CancellationToken cancellationToken = default)
    {
        var (problems, location, facilities, footprint) = await CheckBuildingAsync(input, null, cancellationToken);
        if (problems.Count > 0) return RegisterResult<Building>.Invalid(problems);
        if (!input.ConfirmNotDuplicate)
        {
            var duplicates = await DuplicateFinder.FindAsync(db, input.Name!, new LonLat(location.X, location.Y), null, cancellationToken);
            if (duplicates.Count > 0) return RegisterResult<Building>.LikelyDuplicates(duplicates);
        }

        // The id is drawn before saving so that the outbox row can carry it in the same SaveChanges.
        var id = await NextIdAsync("buildings", cancellationToken);
        var building = new Building
        {
            Id = (int)id,
            ExternalKey = string.IsNullOrWhiteSpace(input.ExternalKey) ? $"B{id:D6}" : input.ExternalKey.Trim(),
            Name = "",
            Address = "",
            Location = location,
        };
        Apply(building, input, location, facilities, footprint);
        db.Buildings.Add(building);
        RegisterOutbox.Add(db, new BuildingChanged(building.Id, building.ExternalKey, RegisterChange.Created, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Building>.Saved(building);
    }

    public async Task<RegisterResult<Building>> UpdateBuildingAsync(int id, BuildingInput input, CancellationToken cancellationToken = default)
    {
        var building = await db.Buildings.Include(b => b.Facilities).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (building is null) return RegisterResult<Building>.Missing();

        var (problems, location, facilities, footprint) = await CheckBuildingAsync(input, building, cancellationToken);
        problems.AddRange(RegisterRules.BuildingAgainstSpaces(input, await ExistingSpacesAsync(id, null, cancellationToken)));
        if (problems.Count > 0) return RegisterResult<Building>.Invalid(problems);
        var moved = !building.Location.EqualsExact(location) || !string.Equals(building.Name, input.Name!.Trim(), StringComparison.Ordinal);
        if (moved && !input.ConfirmNotDuplicate)
        {
            var duplicates = await DuplicateFinder.FindAsync(db, input.Name!, new LonLat(location.X, location.Y), id, cancellationToken);
            if (duplicates.Count > 0) return RegisterResult<Building>.LikelyDuplicates(duplicates);
        }

        if (!string.IsNullOrWhiteSpace(input.ExternalKey)) building.ExternalKey = input.ExternalKey.Trim();
        Apply(building, input, location, facilities, footprint);
        RegisterOutbox.Add(db, new BuildingChanged(building.Id, building.ExternalKey, RegisterChange.Updated, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Building>.Saved(building);
    }

    public async Task<RegisterResult<Building>> SetBuildingArchivedAsync(int id, bool archived, CancellationToken cancellationToken = default)
    {
        var building = await db.Buildings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (building is null) return RegisterResult<Building>.Missing();
        if (building.Archived == archived) return RegisterResult<Building>.Saved(building);
        building.Archived = archived;
        building.UpdatedAt = Now;
        RegisterOutbox.Add(db, new BuildingChanged(building.Id, building.ExternalKey, archived ? RegisterChange.Archived : RegisterChange.Restored, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Building>.Saved(building);
    }

    private async Task<(List<FieldProblem> Problems, Point Location, List<Facility> Facilities, MultiPolygon? Footprint)> CheckBuildingAsync(
        BuildingInput input, Building? existing, CancellationToken cancellationToken)
    {
        var problems = RegisterRules.Building(input, Now.Year);
        var location = problems.Any(p => p.Field is "longitude" or "latitude" or "coordinateSystem")
            ? Wgs84.CreatePoint(new Coordinate(0, 0))
            : ToStoredPoint(input.Longitude, input.Latitude, input.CoordinateSystem);
        if (!problems.Any(p => p.Field is "longitude" or "latitude" or "coordinateSystem")
            && !await db.Districts.AnyAsync(d => d.Boundary.Covers(location), cancellationToken))
        {
            problems.Add(new FieldProblem("location", Problems.OutsideDistrict));
        }

        MultiPolygon? footprint = null;
        if (input.Footprint is { } geoJson && !problems.Any(p => p.Field is "longitude" or "latitude" or "coordinateSystem"))
        {
            (footprint, var footprintProblems) = FootprintRules.Check(geoJson, location);
            problems.AddRange(footprintProblems);
            if (footprint is not null && !await db.Districts.AnyAsync(d => d.Boundary.Covers(footprint), cancellationToken))
            {
                problems.Add(new FieldProblem(FootprintRules.Field, Problems.OutsideDistrict));
                footprint = null;
            }
        }

        var key = input.ExternalKey?.Trim();
        if (!string.IsNullOrEmpty(key) && await db.Buildings.AnyAsync(b => b.ExternalKey == key && b.Id != (existing == null ? 0 : existing.Id), cancellationToken))
            problems.Add(new FieldProblem("externalKey", Problems.DuplicateKey, key));
        if (input.ThemeId is { } themeId && !await db.Themes.AnyAsync(t => t.Id == themeId, cancellationToken))
            problems.Add(new FieldProblem("themeId", Problems.Unknown, themeId));

        var facilityIds = (input.FacilityIds ?? []).Distinct().ToList();
        var facilities = await db.Facilities.Where(f => facilityIds.Contains(f.Id)).ToListAsync(cancellationToken);
        foreach (var unknown in facilityIds.Except(facilities.Select(f => f.Id)))
            problems.Add(new FieldProblem("facilityIds", Problems.Unknown, unknown));
        return (problems, location, facilities, footprint);
    }

    private void Apply(Building building, BuildingInput input, Point location, List<Facility> facilities, MultiPolygon? footprint)
    {
        if (footprint is not null) building.Footprint = footprint;
        else if (input.RemoveFootprint) building.Footprint = null;
        building.Name = input.Name!.Trim();
        building.Aliases = [.. (input.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct()];
        building.Address = input.Address!.Trim();
        // Replacing an equal point would still mark the column modified and re-run the subdistrict trigger.
        if (!building.Location.EqualsExact(location)) building.Location = location;
        building.Grade = input.Grade;
        building.Use = input.Use;
        building.ConstructionStatus = input.ConstructionStatus;
        building.CompletionYear = input.CompletionYear;
        building.GrossFloorArea = input.GrossFloorArea;
        building.ForSaleArea = input.ForSaleArea;
        building.ForRentArea = input.ForRentArea;
        building.SelfUseArea = input.SelfUseArea;
        building.FloorsAboveGround = input.FloorsAboveGround;
        building.FloorsBelowGround = input.FloorsBelowGround;
        building.PassengerElevators = input.PassengerElevators;
        building.FreightElevators = input.FreightElevators;
        building.ParkingAboveGround = input.ParkingAboveGround;
        building.ParkingBelowGround = input.ParkingBelowGround;
        building.ThemeId = input.ThemeId;
        building.Facilities.RemoveAll(f => !facilities.Contains(f));
        building.Facilities.AddRange(facilities.Where(f => !building.Facilities.Contains(f)));
        building.PropertyCompany = NullIfEmpty(input.PropertyCompany);
        building.OneToOneContact = input.OneToOneContact is { } official ? ToContact(official) : null;
        building.PropertyContacts = [.. (input.PropertyContacts ?? []).Select(ToContact)];
        building.RequiredToReport = input.RequiredToReport;
        building.UpdatedAt = Now;
    }

    private static Contact ToContact(ContactInput c) => new()
    {
        Name = c.Name!.Trim(), Title = NullIfEmpty(c.Title), Phone = NullIfEmpty(c.Phone), Email = NullIfEmpty(c.Email),
    };

    // ---- spaces ----

    public async Task<RegisterResult<Space>> CreateSpaceAsync(int buildingId, SpaceInput input, CancellationToken cancellationToken = default)
    {
        var building = await db.Buildings.SingleOrDefaultAsync(b => b.Id == buildingId, cancellationToken);
        if (building is null) return RegisterResult<Space>.Missing();
        var problems = RegisterRules.Space(input, BuildingShape.Of(building), await ExistingSpacesAsync(buildingId, null, cancellationToken));
        if (problems.Count > 0) return RegisterResult<Space>.Invalid(problems);

        var id = await NextIdAsync("spaces", cancellationToken);
        var space = new Space
        {
            Id = id,
            BuildingId = buildingId,
            ExternalKey = string.IsNullOrWhiteSpace(input.ExternalKey) ? $"S{id:D8}" : input.ExternalKey.Trim(),
            Unit = "",
        };
        Apply(space, input);
        db.Spaces.Add(space);
        RegisterOutbox.Add(db, new SpaceChanged(space.Id, buildingId, RegisterChange.Created, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Space>.Saved(space);
    }

    public async Task<RegisterResult<Space>> UpdateSpaceAsync(long id, SpaceInput input, CancellationToken cancellationToken = default)
    {
        var space = await db.Spaces.Include(s => s.Building).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (space is null) return RegisterResult<Space>.Missing();
        var problems = RegisterRules.Space(input, BuildingShape.Of(space.Building!), await ExistingSpacesAsync(space.BuildingId, id, cancellationToken));
        if (problems.Count > 0) return RegisterResult<Space>.Invalid(problems);

        if (!string.IsNullOrWhiteSpace(input.ExternalKey)) space.ExternalKey = input.ExternalKey.Trim();
        Apply(space, input);
        RegisterOutbox.Add(db, new SpaceChanged(space.Id, space.BuildingId, RegisterChange.Updated, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Space>.Saved(space);
    }

    public async Task<RegisterResult<Space>> SetSpaceArchivedAsync(long id, bool archived, CancellationToken cancellationToken = default)
    {
        var space = await db.Spaces.Include(s => s.Building).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (space is null) return RegisterResult<Space>.Missing();
        if (space.Archived == archived) return RegisterResult<Space>.Saved(space);
        if (!archived)
        {
            // Restoring puts the space back into the building's totals, which must still hold it.
            var problems = RegisterRules.Space(ToInput(space), BuildingShape.Of(space.Building!), await ExistingSpacesAsync(space.BuildingId, id, cancellationToken));
            if (problems.Count > 0) return RegisterResult<Space>.Invalid(problems);
        }
        space.Archived = archived;
        space.UpdatedAt = Now;
        RegisterOutbox.Add(db, new SpaceChanged(space.Id, space.BuildingId, archived ? RegisterChange.Archived : RegisterChange.Restored, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Space>.Saved(space);
    }

    public static SpaceInput ToInput(Space s) => new()
    {
        ExternalKey = s.ExternalKey, Floor = s.Floor, Unit = s.Unit, Area = s.Area, Tenure = s.Tenure, AskingRent = s.AskingRent,
        SalePrice = s.SalePrice, FitOut = s.FitOut, Status = s.Status, AvailableFrom = s.AvailableFrom, Divisible = s.Divisible,
        MinDivisibleArea = s.MinDivisibleArea,
    };

    private void Apply(Space space, SpaceInput input)
    {
        space.Floor = input.Floor;
        space.Unit = input.Unit!.Trim();
        space.Area = input.Area;
        space.Tenure = input.Tenure;
        space.AskingRent = input.AskingRent;
        space.SalePrice = input.SalePrice;
        space.FitOut = input.FitOut;
        space.Status = input.Status;
        space.AvailableFrom = input.AvailableFrom;
        space.Divisible = input.Divisible;
        space.MinDivisibleArea = input.Divisible ? input.MinDivisibleArea : null;
        space.UpdatedAt = Now;
    }

    private async Task<IReadOnlyCollection<ExistingSpace>> ExistingSpacesAsync(int buildingId, long? except, CancellationToken cancellationToken) =>
        await db.Spaces.AsNoTracking()
            .Where(s => s.BuildingId == buildingId && !s.Archived && s.Id != (except ?? 0))
            .Select(s => new ExistingSpace(s.Id, s.ExternalKey, s.Unit, s.Floor, s.Area, s.Status))
            .ToListAsync(cancellationToken);

    // ---- enterprises ----

    public async Task<RegisterResult<Enterprise>> CreateEnterpriseAsync(EnterpriseInput input, CancellationToken cancellationToken = default)
    {
        var problems = await CheckEnterpriseAsync(input, null, cancellationToken);
        if (problems.Count > 0) return RegisterResult<Enterprise>.Invalid(problems);
        var enterprise = new Enterprise { CreditCode = "", Name = "" };
        Apply(enterprise, input);
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Enterprise>.Saved(enterprise);
    }

    public async Task<RegisterResult<Enterprise>> UpdateEnterpriseAsync(int id, EnterpriseInput input, CancellationToken cancellationToken = default)
    {
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return RegisterResult<Enterprise>.Missing();
        var problems = await CheckEnterpriseAsync(input, id, cancellationToken);
        if (problems.Count > 0) return RegisterResult<Enterprise>.Invalid(problems);
        Apply(enterprise, input);
        await AnnounceBuildingsOfAsync(id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Enterprise>.Saved(enterprise);
    }

    public async Task<RegisterResult<Enterprise>> SetEnterpriseArchivedAsync(int id, bool archived, CancellationToken cancellationToken = default)
    {
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return RegisterResult<Enterprise>.Missing();
        if (enterprise.Archived == archived) return RegisterResult<Enterprise>.Saved(enterprise);
        enterprise.Archived = archived;
        enterprise.UpdatedAt = Now;
        await AnnounceBuildingsOfAsync(id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Enterprise>.Saved(enterprise);
    }

    private async Task<List<FieldProblem>> CheckEnterpriseAsync(EnterpriseInput input, int? id, CancellationToken cancellationToken)
    {
        var problems = RegisterRules.Enterprise(input);
        if (problems.All(p => p.Field != "creditCode"))
        {
            var code = UnifiedSocialCreditCode.Normalise(input.CreditCode!);
            if (await db.Enterprises.AnyAsync(e => e.CreditCode == code && e.Id != (id ?? 0), cancellationToken))
                problems.Add(new FieldProblem("creditCode", Problems.CreditCodeTaken, code));
        }
        return problems;
    }

    private void Apply(Enterprise enterprise, EnterpriseInput input)
    {
        enterprise.CreditCode = UnifiedSocialCreditCode.Normalise(input.CreditCode!);
        enterprise.Name = input.Name!.Trim();
        enterprise.IndustrySection = NullIfEmpty(input.IndustrySection)?.ToUpperInvariant();
        enterprise.RegisteredDistrictCode = NullIfEmpty(input.RegisteredDistrictCode);
        enterprise.RegisteredPlace = NullIfEmpty(input.RegisteredPlace);
        enterprise.UpdatedAt = Now;
    }

    /// <summary>An enterprise's name shows on its buildings' rosters, so the buildings it is in have changed too.</summary>
    private async Task AnnounceBuildingsOfAsync(int enterpriseId, CancellationToken cancellationToken)
    {
        var buildings = await db.Tenancies.Where(t => t.EnterpriseId == enterpriseId && !t.Archived)
            .Select(t => new { t.BuildingId, t.Building!.ExternalKey }).Distinct().ToListAsync(cancellationToken);
        foreach (var b in buildings) RegisterOutbox.Add(db, new BuildingChanged(b.BuildingId, b.ExternalKey, RegisterChange.Updated, Now), Now);
    }

    // ---- tenancies ----

    public async Task<RegisterResult<Tenancy>> CreateTenancyAsync(int buildingId, TenancyInput input, CancellationToken cancellationToken = default)
    {
        var building = await db.Buildings.SingleOrDefaultAsync(b => b.Id == buildingId, cancellationToken);
        if (building is null) return RegisterResult<Tenancy>.Missing();
        var problems = await CheckTenancyAsync(input, building, cancellationToken);
        if (problems.Count > 0) return RegisterResult<Tenancy>.Invalid(problems);
        var tenancy = new Tenancy { BuildingId = buildingId };
        Apply(tenancy, input);
        db.Tenancies.Add(tenancy);
        RegisterOutbox.Add(db, new BuildingChanged(buildingId, building.ExternalKey, RegisterChange.Updated, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Tenancy>.Saved(tenancy);
    }

    public async Task<RegisterResult<Tenancy>> UpdateTenancyAsync(long id, TenancyInput input, CancellationToken cancellationToken = default)
    {
        var tenancy = await db.Tenancies.Include(t => t.Building).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenancy is null) return RegisterResult<Tenancy>.Missing();
        var problems = await CheckTenancyAsync(input, tenancy.Building!, cancellationToken);
        if (problems.Count > 0) return RegisterResult<Tenancy>.Invalid(problems);
        Apply(tenancy, input);
        RegisterOutbox.Add(db, new BuildingChanged(tenancy.BuildingId, tenancy.Building!.ExternalKey, RegisterChange.Updated, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Tenancy>.Saved(tenancy);
    }

    public async Task<RegisterResult<Tenancy>> SetTenancyArchivedAsync(long id, bool archived, CancellationToken cancellationToken = default)
    {
        var tenancy = await db.Tenancies.Include(t => t.Building).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenancy is null) return RegisterResult<Tenancy>.Missing();
        if (tenancy.Archived == archived) return RegisterResult<Tenancy>.Saved(tenancy);
        tenancy.Archived = archived;
        tenancy.UpdatedAt = Now;
        RegisterOutbox.Add(db, new BuildingChanged(tenancy.BuildingId, tenancy.Building!.ExternalKey, RegisterChange.Updated, Now), Now);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResult<Tenancy>.Saved(tenancy);
    }

    private async Task<List<FieldProblem>> CheckTenancyAsync(TenancyInput input, Building building, CancellationToken cancellationToken)
    {
        var problems = RegisterRules.Tenancy(input, BuildingShape.Of(building));
        if (!await db.Enterprises.AnyAsync(e => e.Id == input.EnterpriseId && !e.Archived, cancellationToken))
            problems.Add(new FieldProblem("enterpriseId", Problems.Unknown, input.EnterpriseId));
        if (input.SpaceId is { } spaceId && !await db.Spaces.AnyAsync(s => s.Id == spaceId && s.BuildingId == building.Id, cancellationToken))
            problems.Add(new FieldProblem("spaceId", Problems.NotInBuilding));
        return problems;
    }

    private void Apply(Tenancy tenancy, TenancyInput input)
    {
        tenancy.EnterpriseId = input.EnterpriseId;
        tenancy.SpaceId = input.SpaceId;
        tenancy.Units = NullIfEmpty(input.Units);
        tenancy.Area = input.Area;
        tenancy.Purchased = input.Purchased;
        tenancy.SignedOn = input.SignedOn!.Value;
        tenancy.MovedInOn = input.MovedInOn;
        tenancy.MovedOutOn = input.MovedOutOn;
        tenancy.RegisteredLocally = input.RegisteredLocally;
        tenancy.Employees = input.Employees;
        tenancy.UpdatedAt = Now;
    }

    // ---- shared ----

    private async Task<long> NextIdAsync(string table, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>($"SELECT nextval(pg_get_serial_sequence({table}, 'id')) AS \"Value\"").SingleAsync(cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
