using BuildingEconomy.Buildings;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Returns;

/// <summary>
/// Pre-fills a month's return so that only changes need typing: from the month's own accepted return when correcting
/// it, otherwise from the latest accepted month before it (enterprises that moved out left off), otherwise from the
/// register's current tenancies. The web form and the Excel template both start from here.
/// </summary>
public sealed class ReturnDrafts(BuildingEconomyDbContext db)
{
    public sealed record Draft(ReturnSubmission Submission, MonthlyReturn? Basis, bool IsCorrection);

    public async Task<Draft?> DraftAsync(int buildingId, DateOnly period, CancellationToken cancellationToken = default)
    {
        var building = await db.Buildings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == buildingId && !b.Archived, cancellationToken);
        if (building is null) return null;

        var accepted = db.MonthlyReturns.AsNoTracking()
            .Where(r => r.BuildingId == buildingId && (r.Status == ReturnStatus.Applied || r.Status == ReturnStatus.Submitted));
        var same = await accepted.Where(r => r.Period == period).OrderByDescending(r => r.Version)
            .Include(r => r.Lines).FirstOrDefaultAsync(cancellationToken);
        if (same is not null) return new Draft(FromReturn(same, period, keepMovedOut: true), same, IsCorrection: true);

        var previous = await accepted.Where(r => r.Period < period && r.Status == ReturnStatus.Applied)
            .OrderByDescending(r => r.Period).ThenByDescending(r => r.Version)
            .Include(r => r.Lines).FirstOrDefaultAsync(cancellationToken);
        if (previous is { Lines.Count: > 0 }) return new Draft(FromReturn(previous, period, keepMovedOut: false), previous, IsCorrection: false);

        // No roster to copy (older history keeps totals only, or nothing was filed yet): the register knows the tenants.
        var lines = await FromTenanciesAsync(buildingId, cancellationToken);
        var signed = lines.Where(l => l.State != TenantState.MovedOut).ToList();
        return new Draft(new ReturnSubmission
        {
            BuildingId = buildingId,
            Period = ReturnValidator.FormatPeriod(period),
            ForSaleArea = previous?.ForSaleArea ?? building.ForSaleArea,
            ForRentArea = previous?.ForRentArea ?? building.ForRentArea,
            SelfUseArea = previous?.SelfUseArea ?? building.SelfUseArea,
            SoldArea = signed.Where(l => l.Purchased).Sum(l => l.Area ?? 0),
            LeasedArea = signed.Where(l => !l.Purchased).Sum(l => l.Area ?? 0),
            ResidentArea = signed.Where(l => l.State == TenantState.Resident).Sum(l => l.Area ?? 0),
            Lines = lines,
        }, previous, IsCorrection: false);
    }

    private static ReturnSubmission FromReturn(MonthlyReturn basis, DateOnly period, bool keepMovedOut) => new()
    {
        BuildingId = basis.BuildingId,
        Period = ReturnValidator.FormatPeriod(period),
        ForSaleArea = basis.ForSaleArea,
        ForRentArea = basis.ForRentArea,
        SoldArea = basis.SoldArea,
        LeasedArea = basis.LeasedArea,
        SelfUseArea = basis.SelfUseArea,
        ResidentArea = basis.ResidentArea,
        Lines = basis.Lines
            .Where(l => keepMovedOut || l.State != TenantState.MovedOut)
            .OrderBy(l => l.LineNumber)
            .Select(l => new ReturnLineInput
            {
                CreditCode = l.CreditCode,
                EnterpriseName = l.EnterpriseName,
                Units = l.Units,
                Area = l.Area,
                Purchased = l.Purchased,
                State = l.State,
                MovedInOn = l.MovedInOn,
                RegisteredLocally = l.RegisteredLocally,
                RegisteredPlace = l.RegisteredPlace,
                Employees = l.Employees,
                IndustrySection = l.IndustrySection,
                TaxAmount = l.TaxAmount,
                TaxBasis = l.TaxBasis,
            })
            .ToList(),
    };

    private async Task<List<ReturnLineInput>> FromTenanciesAsync(int buildingId, CancellationToken cancellationToken) =>
        await db.Tenancies.AsNoTracking()
            .Where(t => t.BuildingId == buildingId && !t.Archived && t.MovedOutOn == null)
            .OrderBy(t => t.Units).ThenBy(t => t.Id)
            .Select(t => new ReturnLineInput
            {
                CreditCode = t.Enterprise!.CreditCode,
                EnterpriseName = t.Enterprise.Name,
                Units = t.Units,
                Area = t.Area,
                Purchased = t.Purchased,
                State = t.MovedInOn == null ? TenantState.Signed : TenantState.Resident,
                MovedInOn = t.MovedInOn,
                RegisteredLocally = t.RegisteredLocally,
                RegisteredPlace = t.Enterprise.RegisteredPlace,
                Employees = t.Employees,
                IndustrySection = t.Enterprise.IndustrySection,
            })
            .ToListAsync(cancellationToken);
}
