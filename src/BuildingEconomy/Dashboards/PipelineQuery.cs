using BuildingEconomy.Buildings;
using Npgsql;

namespace BuildingEconomy.Dashboards;

/// <summary>Gross floor area of one year, by construction status: completed that year, or due then.</summary>
public sealed record PipelineYear(int? Year, decimal CompletedArea, int CompletedBuildings, decimal UnderConstructionArea,
    int UnderConstructionBuildings, decimal PlannedArea, int PlannedBuildings);

/// <summary>
/// The construction pipeline from the register: completed stock by completion year, buildings under construction
/// and planned by their expected completion year. Archived buildings are no longer stock and are left out.
/// </summary>
public sealed class PipelineQuery(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<PipelineYear>> ByYearAsync(DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = $"""
            SELECT b.completion_year, b.construction_status, count(*)::int, sum(b.gross_floor_area)
            FROM buildings b
            WHERE NOT b.archived{DashboardSql.Conditions("b", "id", scope, filter, command)}
            GROUP BY 1, 2
            """;
        var years = new SortedDictionary<int, PipelineYear>();
        PipelineYear? unknownYear = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            int? year = reader.IsDBNull(0) ? null : reader.GetInt32(0);
            var row = (year is { } y ? years.GetValueOrDefault(y) : unknownYear) ?? new PipelineYear(year, 0, 0, 0, 0, 0, 0);
            var (buildings, area) = (reader.GetInt32(2), reader.GetDecimal(3));
            row = Enum.Parse<ConstructionStatus>(reader.GetString(1)) switch
            {
                ConstructionStatus.Completed => row with { CompletedArea = area, CompletedBuildings = buildings },
                ConstructionStatus.UnderConstruction => row with { UnderConstructionArea = area, UnderConstructionBuildings = buildings },
                _ => row with { PlannedArea = area, PlannedBuildings = buildings },
            };
            if (year is { } known) years[known] = row;
            else unknownYear = row;
        }
        return [.. years.Values, .. unknownYear is null ? Array.Empty<PipelineYear>() : [unknownYear]];
    }
}
