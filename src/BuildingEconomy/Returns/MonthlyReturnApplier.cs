using BuildingEconomy.Buildings;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using BuildingEconomy.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Returns;

public enum ApplyOutcome
{
    Applied,

    /// <summary>Already applied, superseded or rejected: a redelivered message, which changes nothing.</summary>
    NothingToDo,

    /// <summary>A later version of the month was applied first; this one is kept as history only.</summary>
    Superseded,
}

public readonly record struct ReturnToApply(long ReturnId, int BuildingId);

/// <summary>
/// Makes a stored return the building's figures for its month, in one transaction: the building's enterprises and
/// tenancies follow the roster, the month's <see cref="BuildingMonthFigures"/> row is written, an earlier version is
/// superseded, the return is marked applied and a <see cref="MonthlyReturnApplied"/> event goes to the outbox.
/// Idempotent: the status is checked under a per-building lock, and the database allows one applied version a month.
/// </summary>
public sealed class MonthlyReturnApplier(BuildingEconomyDbContext db, TimeProvider time)
{
    /// <summary>Figures computed but not yet written: they are written together, see <see cref="WriteFiguresAsync"/>.</summary>
    private readonly List<BuildingMonthFigures> pendingFigures = [];

    /// <summary>Spaces free now or within this many months count as marketed (the availability rate's numerator).</summary>
    public const int MarketedHorizonMonths = 6;

    public async Task<ApplyOutcome> ApplyAsync(long returnId, int buildingId, CancellationToken cancellationToken = default)
    {
        // A retry may reuse this context: start from what the database says, not from a failed attempt's leftovers.
        db.ChangeTracker.Clear();
        pendingFigures.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await ApplyWithinAsync(returnId, buildingId, cancellationToken);
        await WriteFiguresAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Applies a group of returns in one transaction, so a busy month pays for one commit per group instead of one per
    /// return. Buildings are locked in ascending order, so two groups cannot deadlock on each other's buildings. If
    /// anything fails, nothing of the group is kept: the caller retries its returns one by one.
    /// </summary>
    public async Task<IReadOnlyList<ApplyOutcome>> ApplyGroupAsync(IReadOnlyList<ReturnToApply> group, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        pendingFigures.Clear();
        var outcomes = new ApplyOutcome[group.Count];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var seen = new HashSet<int>();
        foreach (var i in Enumerable.Range(0, group.Count).OrderBy(i => group[i].BuildingId).ThenBy(i => group[i].ReturnId))
        {
            // A building's second return in the group must see the figures its first one wrote.
            if (!seen.Add(group[i].BuildingId)) await WriteFiguresAsync(cancellationToken);
            outcomes[i] = await ApplyWithinAsync(group[i].ReturnId, group[i].BuildingId, cancellationToken);
            // Each return's entities are done with once saved; tracking them all would slow every later save.
            db.ChangeTracker.Clear();
        }
        await WriteFiguresAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private async Task<ApplyOutcome> ApplyWithinAsync(long returnId, int buildingId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await ReturnLocks.LockBuildingAsync(db, buildingId, cancellationToken);

        var monthly = await db.MonthlyReturns.Include(r => r.Lines).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == returnId, cancellationToken)
            ?? throw new InvalidOperationException($"Monthly return {returnId} does not exist in this database.");
        if (monthly.BuildingId != buildingId)
            throw new InvalidOperationException($"Monthly return {returnId} is for building {monthly.BuildingId}, the message said {buildingId}.");
        if (monthly.Status != ReturnStatus.Submitted) return ApplyOutcome.NothingToDo;

        var sameMonth = await db.MonthlyReturns
            .Where(r => r.BuildingId == buildingId && r.Period == monthly.Period && r.Id != returnId && r.Status == ReturnStatus.Applied)
            .ToListAsync(cancellationToken);
        if (sameMonth.Any(r => r.Version > monthly.Version))
        {
            // Messages are not ordered: version 3 may have been applied before version 2 arrives.
            monthly.Status = ReturnStatus.Superseded;
            monthly.FailedAt = null;
            await db.SaveChangesAsync(cancellationToken);
            return ApplyOutcome.Superseded;
        }
        foreach (var earlier in sameMonth) earlier.Status = ReturnStatus.Superseded;
        // Saved first: the unique index on applied versions is checked statement by statement.
        await db.SaveChangesAsync(cancellationToken);

        var building = await db.Buildings.Include(b => b.District).SingleAsync(b => b.Id == buildingId, cancellationToken);
        var periodEnd = ReturnsCalendar.EndOfMonth(monthly.Period);
        var latestPeriod = await db.BuildingMonthFigures.Where(f => f.BuildingId == buildingId).MaxAsync(f => (DateOnly?)f.Period, cancellationToken);
        // A correction of an older month fixes that month's figures; it must not wind the register back.
        var isLatest = latestPeriod is null || monthly.Period >= latestPeriod;
        var figures = await db.BuildingMonthFigures.AsNoTracking().SingleOrDefaultAsync(f => f.BuildingId == buildingId && f.Period == monthly.Period, cancellationToken);

        decimal marketed;
        if (isLatest)
        {
            var spaces = await db.Spaces.Where(s => s.BuildingId == buildingId && !s.Archived).ToListAsync(cancellationToken);
            var tenancies = await db.Tenancies.Where(t => t.BuildingId == buildingId).ToListAsync(cancellationToken);
            await UpdateRegisterAsync(monthly, building, spaces, tenancies, periodEnd, now, cancellationToken);
            marketed = MarketedArea(spaces, tenancies, periodEnd);
        }
        else
        {
            marketed = figures?.MarketedArea ?? await MarketedAreaNowAsync(buildingId, periodEnd, cancellationToken);
        }

        figures ??= new BuildingMonthFigures { BuildingId = buildingId, Period = monthly.Period };
        Fill(figures, monthly, building, marketed);
        pendingFigures.Add(figures);

        monthly.Status = ReturnStatus.Applied;
        monthly.AppliedAt = now;
        monthly.FailedAt = null;
        db.OutboxMessages.Add(Outbox.Message(
            new MonthlyReturnApplied(monthly.Id, buildingId, monthly.Period, monthly.Version, sameMonth.MaxBy(r => r.Version)?.Id), now));
        await db.SaveChangesAsync(cancellationToken);
        return ApplyOutcome.Applied;
    }

    /// <summary>
    /// The figures of everything applied since the last call, in one statement: statement-level triggers on the table
    /// (the dashboards' rollups) then run once per group, not once per building.
    /// </summary>
    private async Task WriteFiguresAsync(CancellationToken cancellationToken)
    {
        if (pendingFigures.Count == 0) return;
        var f = pendingFigures;
        static NpgsqlParameter Nullable<T>(T[] values, NpgsqlDbType type) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO building_month_figures (building_id, period, return_id, district_id, subdistrict_id, grade, use, theme_id,
                for_sale_area, for_rent_area, sold_area, leased_area, self_use_area, resident_area, marketed_area,
                resident_enterprises, locally_registered_enterprises, locally_registered_area, tax_amount, tax_basis)
            SELECT * FROM unnest(@building, @period, @return, @district, @subdistrict, @grade, @use, @theme, @forSale, @forRent,
                @sold, @leased, @selfUse, @resident, @marketed, @enterprises, @local, @localArea, @tax, @basis)
            ON CONFLICT (building_id, period) DO UPDATE SET return_id = excluded.return_id, district_id = excluded.district_id,
                subdistrict_id = excluded.subdistrict_id, grade = excluded.grade, use = excluded.use, theme_id = excluded.theme_id,
                for_sale_area = excluded.for_sale_area, for_rent_area = excluded.for_rent_area, sold_area = excluded.sold_area,
                leased_area = excluded.leased_area, self_use_area = excluded.self_use_area, resident_area = excluded.resident_area,
                marketed_area = excluded.marketed_area, resident_enterprises = excluded.resident_enterprises,
                locally_registered_enterprises = excluded.locally_registered_enterprises,
                locally_registered_area = excluded.locally_registered_area, tax_amount = excluded.tax_amount, tax_basis = excluded.tax_basis
            """,
            [
                new NpgsqlParameter("building", f.Select(x => x.BuildingId).ToArray()),
                new NpgsqlParameter("period", f.Select(x => x.Period).ToArray()),
                new NpgsqlParameter("return", f.Select(x => x.ReturnId).ToArray()),
                WithName(Nullable(f.Select(x => x.DistrictId).ToArray(), NpgsqlDbType.Integer), "district"),
                WithName(Nullable(f.Select(x => x.SubdistrictId).ToArray(), NpgsqlDbType.Integer), "subdistrict"),
                new NpgsqlParameter("grade", f.Select(x => x.Grade.ToString()).ToArray()),
                new NpgsqlParameter("use", f.Select(x => x.Use.ToString()).ToArray()),
                WithName(Nullable(f.Select(x => x.ThemeId).ToArray(), NpgsqlDbType.Integer), "theme"),
                new NpgsqlParameter("forSale", f.Select(x => x.ForSaleArea).ToArray()),
                new NpgsqlParameter("forRent", f.Select(x => x.ForRentArea).ToArray()),
                new NpgsqlParameter("sold", f.Select(x => x.SoldArea).ToArray()),
                new NpgsqlParameter("leased", f.Select(x => x.LeasedArea).ToArray()),
                new NpgsqlParameter("selfUse", f.Select(x => x.SelfUseArea).ToArray()),
                new NpgsqlParameter("resident", f.Select(x => x.ResidentArea).ToArray()),
                new NpgsqlParameter("marketed", f.Select(x => x.MarketedArea).ToArray()),
                new NpgsqlParameter("enterprises", f.Select(x => x.ResidentEnterprises).ToArray()),
                new NpgsqlParameter("local", f.Select(x => x.LocallyRegisteredEnterprises).ToArray()),
                new NpgsqlParameter("localArea", f.Select(x => x.LocallyRegisteredArea).ToArray()),
                WithName(Nullable(f.Select(x => x.TaxAmount).ToArray(), NpgsqlDbType.Numeric), "tax"),
                WithName(Nullable(f.Select(x => x.TaxBasis?.ToString()).ToArray(), NpgsqlDbType.Text), "basis"),
            ],
            cancellationToken);
        pendingFigures.Clear();
    }

    private static NpgsqlParameter WithName(NpgsqlParameter parameter, string name)
    {
        parameter.ParameterName = name;
        return parameter;
    }

    private static void Fill(BuildingMonthFigures figures, MonthlyReturn monthly, Building building, decimal marketed)
    {
        var resident = monthly.Lines.Where(l => l.State == TenantState.Resident).ToList();
        var local = resident.Where(l => l.RegisteredLocally).ToList();
        var taxed = monthly.Lines.Where(l => l.TaxAmount is not null).ToList();
        figures.ReturnId = monthly.Id;
        figures.DistrictId = building.DistrictId;
        figures.SubdistrictId = building.SubdistrictId;
        figures.Grade = building.Grade;
        figures.Use = building.Use;
        figures.ThemeId = building.ThemeId;
        figures.ForSaleArea = monthly.ForSaleArea;
        figures.ForRentArea = monthly.ForRentArea;
        figures.SoldArea = monthly.SoldArea;
        figures.LeasedArea = monthly.LeasedArea;
        figures.SelfUseArea = monthly.SelfUseArea;
        figures.ResidentArea = monthly.ResidentArea;
        figures.MarketedArea = marketed;
        figures.ResidentEnterprises = resident.Count;
        figures.LocallyRegisteredEnterprises = local.Count;
        figures.LocallyRegisteredArea = local.Sum(l => l.Area);
        figures.TaxAmount = taxed.Count > 0 ? taxed.Sum(l => l.TaxAmount!.Value) : null;
        figures.TaxBasis = taxed.Count > 0 ? taxed[0].TaxBasis : null;
    }

    /// <summary>
    /// The roster is the building's whole tenant list for the month (the form is pre-filled from last month), so
    /// enterprises follow it, tenancies open, change and end by it, and spaces change state with their tenancies.
    /// </summary>
    private async Task UpdateRegisterAsync(
        MonthlyReturn monthly, Building building, List<Space> spaces, List<Tenancy> tenancies, DateOnly periodEnd,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = monthly.Lines.Select(l => l.CreditCode).ToList();
        var enterprises = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, cancellationToken);
        var current = tenancies.Where(t => t.MovedOutOn is null && !t.Archived)
            .GroupBy(t => t.EnterpriseId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.SignedOn).First());
        var spaceByUnit = spaces.GroupBy(s => s.Unit).ToDictionary(g => g.Key, g => g.First());
        var onRoster = new HashSet<Tenancy>();

        foreach (var line in monthly.Lines.OrderBy(l => l.LineNumber))
        {
            if (!enterprises.TryGetValue(line.CreditCode, out var enterprise))
            {
                enterprise = new Enterprise { CreditCode = line.CreditCode, Name = line.EnterpriseName };
                db.Enterprises.Add(enterprise);
                enterprises[line.CreditCode] = enterprise;
            }
            UpdateEnterprise(enterprise, line, building.District, now);

            var tenancy = enterprise.Id == 0 ? null : current.GetValueOrDefault(enterprise.Id);
            if (line.State == TenantState.MovedOut)
            {
                // The roster says the enterprise left during the month, not the day: the month's end is the record.
                if (tenancy is not null)
                {
                    tenancy.MovedOutOn = periodEnd;
                    tenancy.UpdatedAt = now;
                    onRoster.Add(tenancy);
                }
                continue;
            }
            if (tenancy is null)
            {
                tenancy = new Tenancy
                {
                    BuildingId = building.Id,
                    Enterprise = enterprise,
                    SignedOn = line.MovedInOn is { } movedIn && movedIn < monthly.Period ? movedIn : monthly.Period,
                };
                db.Tenancies.Add(tenancy);
                tenancies.Add(tenancy);
            }
            onRoster.Add(tenancy);
            var movedInOn = line.State == TenantState.Resident ? line.MovedInOn : null;
            // Touched only when something changed: most tenants are the same month after month, and every write is audited.
            if (tenancy.Id == 0 || tenancy.Units != line.Units || tenancy.Area != line.Area || tenancy.Purchased != line.Purchased
                || tenancy.MovedInOn != movedInOn || tenancy.RegisteredLocally != line.RegisteredLocally || tenancy.Employees != line.Employees)
            {
                tenancy.Units = line.Units;
                tenancy.Area = line.Area;
                tenancy.Purchased = line.Purchased;
                tenancy.MovedInOn = movedInOn;
                tenancy.RegisteredLocally = line.RegisteredLocally;
                tenancy.Employees = line.Employees;
                tenancy.UpdatedAt = now;
            }
            if (tenancy.SpaceId is null && tenancy.Space is null && line.Units is not null && spaceByUnit.TryGetValue(line.Units, out var space)) tenancy.Space = space;
        }
        foreach (var gone in current.Values.Where(t => !onRoster.Contains(t)))
        {
            gone.MovedOutOn = periodEnd;
            gone.UpdatedAt = now;
        }
        UpdateSpaces(spaces, tenancies, periodEnd, now);
    }

    private static void UpdateEnterprise(Enterprise enterprise, ReturnLine line, District? district, DateTimeOffset now)
    {
        var section = line.IndustrySection ?? enterprise.IndustrySection;
        var (code, place) = (enterprise.RegisteredDistrictCode, enterprise.RegisteredPlace);
        if (line.RegisteredLocally && district is not null)
        {
            (code, place) = (district.AdminCode, district.Name);
        }
        else if (!line.RegisteredLocally)
        {
            if (district is not null && code == district.AdminCode) code = null;
            place = line.RegisteredPlace ?? place;
        }
        // The roster names it, so it is no longer a mistake to hide.
        if (enterprise.Id != 0 && enterprise.Name == line.EnterpriseName && enterprise.IndustrySection == section
            && enterprise.RegisteredDistrictCode == code && enterprise.RegisteredPlace == place && !enterprise.Archived) return;
        enterprise.Name = line.EnterpriseName;
        enterprise.IndustrySection = section;
        enterprise.RegisteredDistrictCode = code;
        enterprise.RegisteredPlace = place;
        enterprise.Archived = false;
        enterprise.UpdatedAt = now;
    }

    /// <summary>A let or sold space whose tenants have all left becomes available, and an available one taken becomes let or sold.</summary>
    private static void UpdateSpaces(List<Space> spaces, List<Tenancy> tenancies, DateOnly periodEnd, DateTimeOffset now)
    {
        var occupants = tenancies
            .Where(t => !t.Archived && (t.SpaceId ?? t.Space?.Id) is not null)
            .GroupBy(t => t.Space?.Id ?? t.SpaceId!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var space in spaces.Where(s => s.Status != SpaceStatus.SelfUse))
        {
            var all = occupants.GetValueOrDefault(space.Id) ?? [];
            var present = all.Where(t => t.MovedOutOn is null || t.MovedOutOn > periodEnd).ToList();
            if (present.Count == 0 && space.Status is SpaceStatus.Leased or SpaceStatus.Sold && all.Count > 0)
            {
                space.Status = SpaceStatus.Available;
                space.AvailableFrom = all.Max(t => t.MovedOutOn)?.AddDays(1);
                space.UpdatedAt = now;
            }
            else if (present.Count > 0 && space.Status == SpaceStatus.Available)
            {
                space.Status = present[0].Purchased ? SpaceStatus.Sold : SpaceStatus.Leased;
                space.AvailableFrom = null;
                space.UpdatedAt = now;
            }
        }
    }

    /// <summary>
    /// Vacant spaces plus space becoming free within six months (a space marketed ahead of its tenants leaving, or a
    /// tenancy with a move-out date still to come), as the building's spaces stand at the time of applying.
    /// </summary>
    private static decimal MarketedArea(List<Space> spaces, List<Tenancy> tenancies, DateOnly periodEnd)
    {
        var horizon = periodEnd.AddMonths(MarketedHorizonMonths);
        var marketedSpaces = spaces
            .Where(s => s.Status != SpaceStatus.SelfUse && (s.Status == SpaceStatus.Available || s.AvailableFrom <= horizon))
            .ToList();
        var counted = marketedSpaces.Select(s => s.Id).ToHashSet();
        var leaving = tenancies
            .Where(t => !t.Archived && t.MovedOutOn > periodEnd && t.MovedOutOn <= horizon && !counted.Contains(t.Space?.Id ?? t.SpaceId ?? -1))
            .Sum(t => t.Area);
        return marketedSpaces.Sum(s => s.Area) + leaving;
    }

    private async Task<decimal> MarketedAreaNowAsync(int buildingId, DateOnly periodEnd, CancellationToken cancellationToken)
    {
        var spaces = await db.Spaces.AsNoTracking().Where(s => s.BuildingId == buildingId && !s.Archived).ToListAsync(cancellationToken);
        var tenancies = await db.Tenancies.AsNoTracking().Where(t => t.BuildingId == buildingId).ToListAsync(cancellationToken);
        return MarketedArea(spaces, tenancies, periodEnd);
    }
}
