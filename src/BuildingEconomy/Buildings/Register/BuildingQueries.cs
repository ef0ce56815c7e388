using System.Text.Json;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Buildings.Register;

public sealed record BuildingFilter
{
    /// <summary>Part of the name, an alias, the address or the external key.</summary>
    public string? Q { get; init; }
    public int? DistrictId { get; init; }
    public int? SubdistrictId { get; init; }
    public BuildingGrade? Grade { get; init; }
    public BuildingUse? Use { get; init; }
    public int? ThemeId { get; init; }
    public bool IncludeArchived { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record BuildingSummary(
    int Id, string ExternalKey, string Name, string Address, double Longitude, double Latitude,
    int? DistrictId, int? SubdistrictId, string? SubdistrictName, BuildingGrade Grade, BuildingUse Use, ConstructionStatus ConstructionStatus,
    int? ThemeId, decimal GrossFloorArea, decimal LeasableArea, int FloorsAboveGround, int Spaces, decimal AvailableArea, bool Archived);

public sealed record NamedRef(int Id, string Code, string Name, string NameEn);

public sealed record ContactView(string Name, string? Title, string? Phone, string? Email);

public sealed record BuildingDetails(
    int Id, string ExternalKey, string Name, IReadOnlyList<string> Aliases, string Address,
    double Longitude, double Latitude, int? DistrictId, string? DistrictName, int? SubdistrictId, string? SubdistrictName,
    BuildingGrade Grade, BuildingUse Use, ConstructionStatus ConstructionStatus, int? CompletionYear,
    decimal GrossFloorArea, decimal ForSaleArea, decimal ForRentArea, decimal SelfUseArea, decimal LeasableArea,
    int FloorsAboveGround, int FloorsBelowGround, int PassengerElevators, int FreightElevators,
    int ParkingAboveGround, int ParkingBelowGround, decimal? ParkingRatio,
    NamedRef? Theme, IReadOnlyList<NamedRef> Facilities, string? PropertyCompany,
    ContactView? OneToOneContact, IReadOnlyList<ContactView> PropertyContacts, bool RequiredToReport, bool Archived, DateTimeOffset UpdatedAt,
    JsonElement? Footprint);

/// <summary>How a unit shows on the stacking plan: its space status, or signed-not-resident (the hidden vacancy).</summary>
public enum UnitState { Available, Leased, Sold, SelfUse, SignedNotResident }

public sealed record SpaceView(
    long Id, string ExternalKey, int Floor, string Unit, decimal Area, Tenure Tenure, decimal? AskingRent, decimal? AskingRentPerMonth,
    decimal? SalePrice, FitOut FitOut, SpaceStatus Status, UnitState State, DateOnly? AvailableFrom, bool Divisible, decimal? MinDivisibleArea, bool Archived);

public sealed record StackingFloor(int Floor, IReadOnlyList<SpaceView> Units);

public sealed record TenantView(
    long Id, int EnterpriseId, string EnterpriseName, string CreditCode, long? SpaceId, string? Units, decimal Area, bool Purchased,
    DateOnly SignedOn, DateOnly? MovedInOn, DateOnly? MovedOutOn, bool Resident, bool RegisteredLocally, int? Employees);

/// <summary>One month of a building's figures with the rates of the design brief; a rate over nothing is null ("no data").</summary>
public sealed record MonthFigures(
    DateOnly Period, decimal LeasableArea, decimal SoldArea, decimal LeasedArea, decimal SignedArea, decimal VacantArea,
    decimal ResidentArea, decimal SignedNotResidentArea, decimal SelfUseArea, decimal? VacancyRate, decimal? SignedRate, decimal? ResidenceRate,
    int ResidentEnterprises, int LocallyRegisteredEnterprises, decimal? LocalRegistrationRate, decimal? TaxAmount)
{
    public static MonthFigures From(BuildingMonthFigures f, bool withTax)
    {
        var leasable = f.ForSaleArea + f.ForRentArea;
        var signed = f.SoldArea + f.LeasedArea;
        return new MonthFigures(
            f.Period, leasable, f.SoldArea, f.LeasedArea, signed, leasable - signed, f.ResidentArea,
            Math.Max(0, signed - f.ResidentArea), f.SelfUseArea,
            Rate(leasable - signed, leasable), Rate(signed, leasable), Rate(f.ResidentArea, leasable),
            f.ResidentEnterprises, f.LocallyRegisteredEnterprises, Rate(f.LocallyRegisteredEnterprises, f.ResidentEnterprises),
            withTax ? f.TaxAmount : null);
    }

    private static decimal? Rate(decimal numerator, decimal denominator) => denominator == 0 ? null : Math.Round(numerator / denominator, 4);
}

/// <summary>Reads of the register, for the API and the pages alike, over the buildings the caller may see.</summary>
public sealed class BuildingQueries(BuildingEconomyDbContext db)
{
    public const int MaxPageSize = 500;

    public async Task<Paged<BuildingSummary>> ListAsync(IQueryable<Building> visible, BuildingFilter filter, CancellationToken cancellationToken = default)
    {
        var query = visible.AsNoTracking();
        if (!filter.IncludeArchived) query = query.Where(b => !b.Archived);
        if (filter.DistrictId is { } district) query = query.Where(b => b.DistrictId == district);
        if (filter.SubdistrictId is { } subdistrict) query = query.Where(b => b.SubdistrictId == subdistrict);
        if (filter.Grade is { } grade) query = query.Where(b => b.Grade == grade);
        if (filter.Use is { } use) query = query.Where(b => b.Use == use);
        if (filter.ThemeId is { } theme) query = query.Where(b => b.ThemeId == theme);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = "%" + filter.Q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(b => EF.Functions.ILike(b.Name, pattern) || EF.Functions.ILike(b.Address, pattern)
                || b.ExternalKey == filter.Q.Trim() || b.Aliases.Any(a => EF.Functions.ILike(a, pattern)));
        }

        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(b => b.Name).ThenBy(b => b.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(b => new
            {
                b.Id, b.ExternalKey, b.Name, b.Address, b.Location, b.DistrictId, b.SubdistrictId, SubdistrictName = b.Subdistrict!.Name,
                b.Grade, b.Use, b.ConstructionStatus, b.ThemeId, b.GrossFloorArea, b.ForSaleArea, b.ForRentArea, b.FloorsAboveGround,
                Spaces = b.Spaces.Count(s => !s.Archived),
                AvailableArea = b.Spaces.Where(s => !s.Archived && s.Status == SpaceStatus.Available).Sum(s => s.Area),
                b.Archived,
            })
            .ToListAsync(cancellationToken);
        return new Paged<BuildingSummary>(
            [.. rows.Select(b => new BuildingSummary(b.Id, b.ExternalKey, b.Name, b.Address, b.Location.X, b.Location.Y, b.DistrictId, b.SubdistrictId,
                b.SubdistrictName, b.Grade, b.Use, b.ConstructionStatus, b.ThemeId, b.GrossFloorArea, b.ForSaleArea + b.ForRentArea,
                b.FloorsAboveGround, b.Spaces, b.AvailableArea, b.Archived))],
            page, pageSize, total);
    }

    public async Task<BuildingDetails?> GetAsync(IQueryable<Building> visible, int id, CancellationToken cancellationToken = default)
    {
        var b = await visible.AsNoTracking()
            .Include(x => x.Theme).Include(x => x.Facilities).Include(x => x.Subdistrict).Include(x => x.District)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (b is null) return null;
        return new BuildingDetails(
            b.Id, b.ExternalKey, b.Name, b.Aliases, b.Address, b.Location.X, b.Location.Y,
            b.DistrictId, b.District?.Name, b.SubdistrictId, b.Subdistrict?.Name,
            b.Grade, b.Use, b.ConstructionStatus, b.CompletionYear,
            b.GrossFloorArea, b.ForSaleArea, b.ForRentArea, b.SelfUseArea, b.LeasableArea,
            b.FloorsAboveGround, b.FloorsBelowGround, b.PassengerElevators, b.FreightElevators,
            b.ParkingAboveGround, b.ParkingBelowGround, b.ParkingRatio,
            b.Theme is { } t ? new NamedRef(t.Id, t.Code, t.Name, t.NameEn) : null,
            [.. b.Facilities.OrderBy(f => f.SortOrder).Select(f => new NamedRef(f.Id, f.Code, f.Name, f.NameEn))],
            b.PropertyCompany,
            b.OneToOneContact is { } o ? new ContactView(o.Name, o.Title, o.Phone, o.Email) : null,
            [.. b.PropertyContacts.Select(c => new ContactView(c.Name, c.Title, c.Phone, c.Email))],
            b.RequiredToReport, b.Archived, b.UpdatedAt, b.Footprint is { } footprint ? FootprintRules.ToGeoJson(footprint) : null);
    }

    /// <summary>The building's spaces with their stacking-plan state.</summary>
    public async Task<IReadOnlyList<SpaceView>> SpacesAsync(int buildingId, bool includeArchived, CancellationToken cancellationToken = default)
    {
        // A signed space (leased or sold) whose current tenancies have all not moved in yet is signed-not-resident.
        var spaces = await db.Spaces.AsNoTracking()
            .Where(s => s.BuildingId == buildingId && (includeArchived || !s.Archived))
            .OrderByDescending(s => s.Floor).ThenBy(s => s.Unit)
            .Select(s => new
            {
                Space = s,
                Signed = db.Tenancies.Any(t => t.SpaceId == s.Id && !t.Archived && t.MovedOutOn == null && t.MovedInOn == null),
                Resident = db.Tenancies.Any(t => t.SpaceId == s.Id && !t.Archived && t.MovedOutOn == null && t.MovedInOn != null),
            })
            .ToListAsync(cancellationToken);
        return [.. spaces.Select(x =>
        {
            var s = x.Space;
            var state = s.Status switch
            {
                SpaceStatus.Leased or SpaceStatus.Sold when x.Signed && !x.Resident => UnitState.SignedNotResident,
                SpaceStatus.Leased => UnitState.Leased,
                SpaceStatus.Sold => UnitState.Sold,
                SpaceStatus.SelfUse => UnitState.SelfUse,
                _ => UnitState.Available,
            };
            return new SpaceView(s.Id, s.ExternalKey, s.Floor, s.Unit, s.Area, s.Tenure, s.AskingRent, s.AskingRentPerMonth, s.SalePrice,
                s.FitOut, s.Status, state, s.AvailableFrom, s.Divisible, s.MinDivisibleArea, s.Archived);
        })];
    }

    /// <summary>Every floor from the top down to the lowest basement, with the units on it; floors without units are listed empty.</summary>
    public static IReadOnlyList<StackingFloor> StackingPlan(int floorsAboveGround, int floorsBelowGround, IReadOnlyList<SpaceView> spaces)
    {
        var byFloor = spaces.Where(s => !s.Archived).GroupBy(s => s.Floor).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Unit, StringComparer.Ordinal).ToList());
        var top = Math.Max(floorsAboveGround, byFloor.Keys.DefaultIfEmpty(0).Max());
        var bottom = Math.Min(-floorsBelowGround, byFloor.Keys.DefaultIfEmpty(0).Min());
        var floors = new List<StackingFloor>();
        for (var floor = top; floor >= bottom; floor--)
        {
            if (floor == 0) continue;
            floors.Add(new StackingFloor(floor, byFloor.GetValueOrDefault(floor) ?? []));
        }
        return floors;
    }

    public async Task<IReadOnlyList<TenantView>> TenantsAsync(int buildingId, CancellationToken cancellationToken = default) =>
        await db.Tenancies.AsNoTracking()
            .Where(t => t.BuildingId == buildingId && !t.Archived)
            .OrderBy(t => t.MovedOutOn != null).ThenBy(t => t.Enterprise!.Name)
            .Select(t => new TenantView(t.Id, t.EnterpriseId, t.Enterprise!.Name, t.Enterprise.CreditCode, t.SpaceId, t.Units, t.Area, t.Purchased,
                t.SignedOn, t.MovedInOn, t.MovedOutOn, t.MovedInOn != null && t.MovedOutOn == null, t.RegisteredLocally, t.Employees))
            .ToListAsync(cancellationToken);

    /// <summary>The latest <paramref name="months"/> months of figures, oldest first.</summary>
    public async Task<IReadOnlyList<MonthFigures>> FiguresAsync(int buildingId, bool withTax, int months = 24, CancellationToken cancellationToken = default)
    {
        var rows = await db.BuildingMonthFigures.AsNoTracking()
            .Where(f => f.BuildingId == buildingId)
            .OrderByDescending(f => f.Period).Take(months)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(f => f.Period).Select(f => MonthFigures.From(f, withTax))];
    }
}
