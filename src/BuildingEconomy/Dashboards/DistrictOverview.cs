using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// A district's headline counts for the home page. Archived buildings, and archived spaces, are left out
/// everywhere: they are no longer part of the district's stock.
/// </summary>
public sealed record DistrictOverview(
    int DistrictId,
    string Name,
    string NameEn,
    int Subdistricts,
    int Buildings,
    int Spaces,
    int AvailableSpaces,
    decimal AvailableArea,
    int ResidentEnterprises,
    ReportingStatus? LatestReturns)
{
    /// <summary>
    /// One query per aggregate rather than one query with a subquery per district and figure: the number of round
    /// trips does not grow with the number of districts.
    /// </summary>
    public static async Task<IReadOnlyList<DistrictOverview>> QueryAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken = default)
    {
        var districts = await db.Districts.AsNoTracking()
            .OrderBy(d => d.AdminCode)
            .Select(d => new { d.Id, d.Name, d.NameEn, Subdistricts = d.Subdistricts.Count })
            .ToListAsync(cancellationToken);
        if (districts.Count == 0) return [];

        var buildings = await db.Buildings.AsNoTracking()
            .Where(b => !b.Archived && b.DistrictId != null)
            .GroupBy(b => b.DistrictId!.Value)
            .Select(g => new { DistrictId = g.Key, Buildings = g.Count(), Required = g.Count(b => b.RequiredToReport) })
            .ToDictionaryAsync(x => x.DistrictId, cancellationToken);

        var stock = await StockAsync(db, cancellationToken);
        var latest = await LatestFilingsAsync(db, cancellationToken);

        return [.. districts.Select(d =>
        {
            var b = buildings.GetValueOrDefault(d.Id);
            var s = stock.GetValueOrDefault(d.Id);
            var filed = latest.TryGetValue(d.Id, out var f);
            return new DistrictOverview(
                d.Id, d.Name, d.NameEn, d.Subdistricts,
                b?.Buildings ?? 0,
                s.Spaces, s.Available, s.AvailableArea, s.ResidentEnterprises,
                filed ? new ReportingStatus(f.Period, f.Buildings, b?.Required ?? 0) : null);
        })];
    }

    private readonly record struct Stock(int Spaces, int Available, decimal AvailableArea, int ResidentEnterprises);

    /// <summary>
    /// Spaces and distinct resident enterprises per district, from the rollup the database keeps (migration
    /// DashboardRollups): counting them live reads every space and tenancy, seconds at national size.
    /// </summary>
    private static async Task<Dictionary<int, Stock>> StockAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken)
    {
        var stock = new Dictionary<int, Stock>();
        await using var command = await CommandAsync(db, "SELECT district_id, spaces, available_spaces, available_area, resident_enterprises FROM district_stock", cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stock[reader.GetInt32(0)] = new Stock(reader.GetInt32(1), reader.GetInt32(2), reader.GetDecimal(3), reader.GetInt32(4));
        }
        return stock;
    }

    /// <summary>
    /// Each district's latest month with an applied return from a building required to report, and how many such
    /// buildings filed for it, from the rollup the database keeps (migration DistrictMonthReturns): finding it from the
    /// returns took two index lookups per building that must file, about 440 ms at national size.
    /// </summary>
    private static async Task<Dictionary<int, (DateOnly Period, int Buildings)>> LatestFilingsAsync(BuildingEconomyDbContext db, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<int, (DateOnly, int)>();
        await using var command = await CommandAsync(db, """
            SELECT DISTINCT ON (district_id) district_id, period, buildings
            FROM district_month_returns
            WHERE buildings > 0
            ORDER BY district_id, period DESC
            """, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetInt32(0)] = (reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2));
        }
        return latest;
    }

    private static async Task<System.Data.Common.DbCommand> CommandAsync(BuildingEconomyDbContext db, string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

/// <summary>How many of the buildings required to report filed an applied return for <see cref="Period"/>.</summary>
public sealed record ReportingStatus(DateOnly Period, int Filed, int RequiredToReport);
