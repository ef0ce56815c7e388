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

    public async Task<ApplyOutcome> ApplyAsync(long returnId, int buildingId, CancellationToken cancellationToken = default) =>
        (await ApplyGroupAsync([new ReturnToApply(returnId, buildingId)], cancellationToken))[0];

    /// <summary>
    /// Applies a group of returns in one transaction, so a busy month pays for one commit and a handful of queries per
    /// group instead of a dozen round trips per return. Buildings are locked in ascending order, so two groups cannot
    /// deadlock on each other's buildings. If anything fails, nothing of the group is kept: the caller retries its
    /// returns one by one.
    /// </summary>
    public async Task<IReadOnlyList<ApplyOutcome>> ApplyGroupAsync(IReadOnlyList<ReturnToApply> group, CancellationToken cancellationToken = default)
    {
        // A retry may reuse this context: start from what the database says, not from a failed attempt's leftovers.
        db.ChangeTracker.Clear();
        pendingFigures.Clear();
        var outcomes = new ApplyOutcome[group.Count];
        // Thousands of entities are tracked, mostly to be read: changes are detected once per save, not on every query.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ReturnLocks.LockBuildingsAsync(db, [.. group.Select(r => r.BuildingId)], cancellationToken);
            // A building's second return in the group (a correction, a redelivery) must see what its first one did, so
            // the group is applied in waves holding at most one return per building, each wave written before the next.
            var waves = Enumerable.Range(0, group.Count)
                .GroupBy(i => group[i].BuildingId)
                .SelectMany(building => building.OrderBy(i => group[i].ReturnId).Select((i, rank) => (i, rank)))
                .GroupBy(x => x.rank, x => x.i)
                .OrderBy(wave => wave.Key);
            foreach (var wave in waves)
            {
                var indexes = wave.ToList();
                var waveOutcomes = await ApplyWaveAsync([.. indexes.Select(i => group[i])], cancellationToken);
                for (var k = 0; k < indexes.Count; k++) outcomes[indexes[k]] = waveOutcomes[k];
                await WriteFiguresAsync(cancellationToken);
                // The wave's entities are done with once saved; tracking them would slow every later save.
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // The context may be pooled, and the next user expects the default.
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return outcomes;
    }

    /// <summary>Returns of distinct buildings: everything they need is read in a few set-based queries and saved in one batch.</summary>
    private async Task<ApplyOutcome[]> ApplyWaveAsync(IReadOnlyList<ReturnToApply> wave, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outcomes = new ApplyOutcome[wave.Count];
        var returnIds = wave.Select(r => r.ReturnId).ToList();
        var returns = await db.MonthlyReturns.Where(r => returnIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var toApply = new List<(int Index, MonthlyReturn Return)>();
        for (var i = 0; i < wave.Count; i++)
        {
            var monthly = returns.GetValueOrDefault(wave[i].ReturnId)
                ?? throw new InvalidOperationException($"Monthly return {wave[i].ReturnId} does not exist in this database.");
            if (monthly.BuildingId != wave[i].BuildingId)
                throw new InvalidOperationException($"Monthly return {monthly.Id} is for building {monthly.BuildingId}, the message said {wave[i].BuildingId}.");
            if (monthly.Status == ReturnStatus.Submitted) toApply.Add((i, monthly));
            else outcomes[i] = ApplyOutcome.NothingToDo;
        }
        if (toApply.Count == 0) return outcomes;

        var buildingIds = toApply.Select(a => a.Return.BuildingId).ToList();
        var periods = toApply.Select(a => a.Return.Period).Distinct().ToList();
        var appliedBefore = (await db.MonthlyReturns
                .Where(r => buildingIds.Contains(r.BuildingId) && periods.Contains(r.Period) && !returnIds.Contains(r.Id) && r.Status == ReturnStatus.Applied)
                .ToListAsync(cancellationToken))
            .ToLookup(r => (r.BuildingId, r.Period));
        var applying = new List<(int Index, MonthlyReturn Return, long? Superseded)>();
        foreach (var (index, monthly) in toApply)
        {
            var sameMonth = appliedBefore[(monthly.BuildingId, monthly.Period)].ToList();
            if (sameMonth.Any(r => r.Version > monthly.Version))
            {
                // Messages are not ordered: version 3 may have been applied before version 2 arrives.
                monthly.Status = ReturnStatus.Superseded;
                monthly.FailedAt = null;
                outcomes[index] = ApplyOutcome.Superseded;
                continue;
            }
            foreach (var earlier in sameMonth) earlier.Status = ReturnStatus.Superseded;
            applying.Add((index, monthly, sameMonth.MaxBy(r => r.Version)?.Id));
        }
        // Saved first: the unique index on applied versions is checked statement by statement.
        await SaveAsync(cancellationToken);
        if (applying.Count == 0) return outcomes;

        buildingIds = [.. applying.Select(a => a.Return.BuildingId)];
        var buildings = await db.Buildings.AsNoTracking().Include(b => b.District)
            .Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var latestPeriods = await db.BuildingMonthFigures.Where(f => buildingIds.Contains(f.BuildingId))
            .GroupBy(f => f.BuildingId).Select(g => new { BuildingId = g.Key, Period = g.Max(f => f.Period) })
            .ToDictionaryAsync(x => x.BuildingId, x => x.Period, cancellationToken);
        var existingFigures = (await db.BuildingMonthFigures.AsNoTracking()
                .Where(f => buildingIds.Contains(f.BuildingId) && periods.Contains(f.Period)).ToListAsync(cancellationToken))
            .ToDictionary(f => (f.BuildingId, f.Period));
        var applyingIds = applying.Select(a => a.Return.Id).ToList();
        var lines = (await db.ReturnLines.AsNoTracking().Where(l => applyingIds.Contains(l.ReturnId)).ToListAsync(cancellationToken))
            .OrderBy(l => l.LineNumber).ToLookup(l => l.ReturnId);
        var spaces = (await db.Spaces.Where(s => buildingIds.Contains(s.BuildingId) && !s.Archived).ToListAsync(cancellationToken))
            .GroupBy(s => s.BuildingId).ToDictionary(g => g.Key, g => g.ToList());
        var allTenancies = await db.Tenancies.AsNoTracking().Where(t => buildingIds.Contains(t.BuildingId)).ToListAsync(cancellationToken);
        // Only current tenancies can change; past ones are read for the spaces' history.
        db.Tenancies.AttachRange(allTenancies.Where(t => t.MovedOutOn is null && !t.Archived));
        var tenancies = allTenancies.GroupBy(t => t.BuildingId).ToDictionary(g => g.Key, g => g.ToList());
        var codes = applying.SelectMany(a => lines[a.Return.Id]).Select(l => l.CreditCode).Distinct().ToList();
        var enterprises = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, cancellationToken);
        await StoreNewEnterprisesAsync(applying.Select(a => (a.Return, lines[a.Return.Id])), buildings, enterprises, now, cancellationToken);

        foreach (var (index, monthly, superseded) in applying)
        {
            var buildingId = monthly.BuildingId;
            var building = buildings[buildingId];
            var buildingSpaces = spaces.GetValueOrDefault(buildingId) ?? [];
            var buildingTenancies = tenancies.GetValueOrDefault(buildingId) ?? [];
            var periodEnd = ReturnsCalendar.EndOfMonth(monthly.Period);
            var figures = existingFigures.GetValueOrDefault((buildingId, monthly.Period));
            decimal marketed;
            // A correction of an older month fixes that month's figures; it must not wind the register back.
            if (!latestPeriods.TryGetValue(buildingId, out var latest) || monthly.Period >= latest)
            {
                UpdateRegister(monthly, [.. lines[monthly.Id]], building, buildingSpaces, buildingTenancies, enterprises, periodEnd, now);
                marketed = MarketedArea(buildingSpaces, buildingTenancies, periodEnd);
            }
            else
            {
                marketed = figures?.MarketedArea ?? MarketedArea(buildingSpaces, buildingTenancies, periodEnd);
            }

            figures ??= new BuildingMonthFigures { BuildingId = buildingId, Period = monthly.Period };
            Fill(figures, monthly, [.. lines[monthly.Id]], building, marketed);
            pendingFigures.Add(figures);

            outcomes[index] = ApplyOutcome.Applied;
        }
        await SaveAsync(cancellationToken);
        await AppliedReturns.MarkAsync(db, [.. applying.Select(a => (a.Return, a.Superseded))], now, cancellationToken);
        return outcomes;
    }

    private Task<int> SaveAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The enterprises the wave's rosters name for the first time, as their first line describes them, stored in one
    /// statement (see <see cref="NewEnterprises"/>) and then tracked like the existing ones.
    /// </summary>
    private async Task StoreNewEnterprisesAsync(
        IEnumerable<(MonthlyReturn Return, IEnumerable<ReturnLine> Lines)> rosters, Dictionary<int, Building> buildings,
        Dictionary<string, Enterprise> enterprises, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = new Dictionary<string, Enterprise>();
        foreach (var (monthly, roster) in rosters.OrderBy(r => r.Return.BuildingId))
        {
            foreach (var line in roster.Where(l => !enterprises.ContainsKey(l.CreditCode) && !created.ContainsKey(l.CreditCode)))
            {
                var enterprise = new Enterprise { CreditCode = line.CreditCode, Name = line.EnterpriseName };
                UpdateEnterprise(enterprise, line, buildings[monthly.BuildingId].District, now);
                created[line.CreditCode] = enterprise;
            }
        }
        var stored = await NewEnterprises.StoreAsync(db, [.. created.Values], now, cancellationToken);
        db.Enterprises.AttachRange(stored);
        foreach (var enterprise in stored) enterprises[enterprise.CreditCode] = enterprise;
        if (stored.Count == created.Count) return;
        // Another group stored some of them first: they are read like any other existing enterprise.
        var others = created.Keys.Where(code => !enterprises.ContainsKey(code)).ToList();
        foreach (var enterprise in await db.Enterprises.Where(e => others.Contains(e.CreditCode)).ToListAsync(cancellationToken))
            enterprises[enterprise.CreditCode] = enterprise;
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

    private static void Fill(BuildingMonthFigures figures, MonthlyReturn monthly, List<ReturnLine> lines, Building building, decimal marketed)
    {
        var resident = lines.Where(l => l.State == TenantState.Resident).ToList();
        var local = resident.Where(l => l.RegisteredLocally).ToList();
        var taxed = lines.Where(l => l.TaxAmount is not null).ToList();
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
    private void UpdateRegister(
        MonthlyReturn monthly, List<ReturnLine> lines, Building building, List<Space> spaces, List<Tenancy> tenancies, Dictionary<string, Enterprise> enterprises,
        DateOnly periodEnd, DateTimeOffset now)
    {
        var current = tenancies.Where(t => t.MovedOutOn is null && !t.Archived)
            .GroupBy(t => t.EnterpriseId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.SignedOn).First());
        var spaceByUnit = spaces.GroupBy(s => s.Unit).ToDictionary(g => g.Key, g => g.First());
        var onRoster = new HashSet<Tenancy>();

        foreach (var line in lines)
        {
            // Every enterprise the roster names is stored by now (see StoreNewEnterprisesAsync).
            var enterprise = enterprises[line.CreditCode];
            UpdateEnterprise(enterprise, line, building.District, now);

            var tenancy = current.GetValueOrDefault(enterprise.Id);
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
}
